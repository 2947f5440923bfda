/**
 * Time of each candidate source and of the filter, run one after another
 * for three users of the graph bench/feedLatency.ts generated (run that
 * first; budgets are lifted so every source finishes):
 *
 *   NEO4J_LOCAL_BOLT_PORT=7741 NEO4J_LOCAL_HTTP_PORT=7441 \
 *     npx tsx bench/sourceTimings.ts
 */
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/grapevine.js';
import { createLogger } from '../src/log.js';
import { createEngineFromConfig } from '../src/recommend/engine.js';
import { filterPosts, generate, loadViewer } from '../src/recommend/candidates.js';
const config = loadConfig();
const log = createLogger({ LOG_LEVEL: 'error', LOG_PRETTY: false });
const db = await connectDatabase(config, log);
const engine = createEngineFromConfig(config, db, log);
engine.config.feed.sourceBudgetMs = 60_000;
await engine.projection.load();
for (const u of ['bench:user:5', 'bench:user:500', 'bench:user:1500']) {
  let t = performance.now();
  const viewer = await loadViewer(engine, u);
  const out: Record<string, number> = { profile: Math.round(performance.now() - t) };
  const ids: string[] = [];
  for (const s of engine.sources.list()) {
    t = performance.now();
    const c = await generate(engine, s, viewer, 200);
    ids.push(...c.map((x) => x.postId));
    out[s.name] = Math.round(performance.now() - t);
  }
  t = performance.now();
  await filterPosts(engine, u, ids);
  out.filter = Math.round(performance.now() - t);
  out.candidates = new Set(ids).size;
  console.log(u, JSON.stringify(out));
}
await db.close();
