/**
 * `npx tsx bench/lastfmCoverage.ts`: asks the engine for a first feed page
 * and for who-to-follow for EVERY Last.fm user, and reports errors, empty
 * answers and latency percentiles. It runs on its own local instance
 * (`coverage`, ports 7695/7495), importing Last.fm there when it is empty.
 */
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { connectDatabase } from '../src/grapevine.js';
import { importDataset } from '../src/import/importDataset.js';
import { createLogger } from '../src/log.js';
import { createEngineFromConfig } from '../src/recommend/engine.js';
import { recommendFeed } from '../src/recommend/feed.js';
import { warmUpEngine } from '../src/recommend/warmUp.js';
import { suggestUsersToFollow } from '../src/recommend/whoToFollow.js';
import { coverageConfig } from './runner/coverageInstance.js';

const CONCURRENCY = 4;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Tally {
  errors: Map<string, number>;
  empty: number;
  ms: number[];
}

async function main(): Promise<void> {
  const config = coverageConfig();
  const log = createLogger({ LOG_LEVEL: 'warn', LOG_PRETTY: true });
  const db = await connectDatabase(config, log);
  try {
    const [count] = await db.readText<{ n: number }>(
      "MATCH (u:User) WHERE u.id STARTS WITH 'lastfm:' RETURN count(u) AS n");
    if ((count?.n ?? 0) === 0) {
      const dataset = path.join(projectRoot, '..', 'shared', 'datasets', 'lastfm-hetrec2011-2k');
      await importDataset(db, { format: 'lastfm', path: dataset });
    }
    const engine = createEngineFromConfig(config, db, log);
    await engine.projection.load();
    await warmUpEngine(engine);
    const users = (await db.readText<{ id: string }>(
      "MATCH (u:User) WHERE u.id STARTS WITH 'lastfm:' RETURN u.id AS id ORDER BY id",
    )).map((row) => row.id);

    const feed: Tally = { errors: new Map(), empty: 0, ms: [] };
    const follow: Tally = { errors: new Map(), empty: 0, ms: [] };
    const run = async (tally: Tally, work: () => Promise<number>) => {
      const started = performance.now();
      try {
        if ((await work()) === 0) tally.empty += 1;
      } catch (error) {
        const key = error instanceof Error ? error.message.slice(0, 80) : String(error);
        tally.errors.set(key, (tally.errors.get(key) ?? 0) + 1);
      }
      tally.ms.push(performance.now() - started);
    };
    let next = 0;
    let done = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < users.length) {
        const viewerId = users[next++]!;
        await run(feed, async () =>
          (await recommendFeed(engine, { viewerId, first: 20 })).edges.length);
        await run(follow, async () =>
          (await suggestUsersToFollow(engine, { viewerId, first: 10 })).length);
        if (++done % 200 === 0) process.stderr.write(`${done}/${users.length} users\n`);
      }
    }));
    const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    for (const [name, tally] of [['feed', feed], ['whoToFollow', follow]] as const) {
      const sorted = [...tally.ms].sort((a, b) => a - b);
      console.log(
        `${name}: ${users.length} users, ${[...tally.errors.values()].reduce((a, b) => a + b, 0)} ` +
          `errors, ${tally.empty} empty; p50 ${percentile(sorted, 50).toFixed(0)} ms, ` +
          `p95 ${percentile(sorted, 95).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms ` +
          `(concurrency ${CONCURRENCY}, load average ${load})`,
      );
      for (const [message, n] of tally.errors) console.log(`  ${n} × ${message}`);
    }
    await engine.projection.stop();
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
