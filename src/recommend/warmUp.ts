/**
 * Start-up warm-up: Neo4j plans a Cypher query the first time it sees it,
 * which on a small machine can take longer than a source's time budget, so
 * the first feeds after a start would silently lose most sources. Running
 * each source, the filter and who-to-follow once for the most active user,
 * with a generous budget, fills the plan cache before traffic arrives.
 */
import type { Engine } from './engine.js';
import { rankFeed } from './feed.js';
import { suggestUsersToFollow } from './whoToFollow.js';

/** Budget per source during warm-up, in milliseconds. */
const WARM_UP_BUDGET_MS = 30_000;

/** Runs one feed and one who-to-follow; returns the milliseconds taken. */
export async function warmUpEngine(engine: Engine): Promise<number> {
  const started = performance.now();
  const [row] = await engine.db.read<{ userId: string }>('recommend/mostEngagedUser');
  if (row === undefined) return 0;
  const patient: Engine = {
    ...engine,
    config: {
      ...engine.config,
      feed: { ...engine.config.feed, sourceBudgetMs: WARM_UP_BUDGET_MS },
    },
  };
  await rankFeed(patient, row.userId);
  await suggestUsersToFollow(patient, { viewerId: row.userId, first: 10 });
  const ms = performance.now() - started;
  engine.log.info({ ms: Math.round(ms) }, 'query cache warmed');
  return ms;
}
