/**
 * `npx tsx bench/whoToFollow.ts [users]`: times who-to-follow on Last.fm,
 * each signal alone and the whole answer with the cache off, for the first
 * `users` Last.fm users (default 300) after one untimed pass, and prints
 * p50 and p99 in milliseconds. It runs on the `coverage` instance (ports
 * 7695/7495) that `bench/lastfmCoverage.ts` imports Last.fm into.
 */
import os from 'node:os';
import { int } from '../src/db/database.js';
import { connectDatabase } from '../src/grapevine.js';
import {
  adamicAdar,
  coEngagement,
  mostFollowed,
  personalizedPageRank,
} from '../src/graph/followSignals.js';
import { createLogger } from '../src/log.js';
import { createRandom } from '../src/math/random.js';
import { createEngineFromConfig } from '../src/recommend/engine.js';
import { suggestUsersToFollow } from '../src/recommend/whoToFollow.js';
import { coverageConfig } from './runner/coverageInstance.js';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(count: number): Promise<void> {
  const config = coverageConfig({ FEED_CACHE_TTL_MS: '0' });
  const log = createLogger({ LOG_LEVEL: 'warn', LOG_PRETTY: false });
  const db = await connectDatabase(config, log);
  try {
    const engine = createEngineFromConfig(config, db, log);
    await engine.projection.load();
    const users = (await db.readText<{ id: string }>(
      "MATCH (u:User) WHERE u.id STARTS WITH 'lastfm:' RETURN u.id AS id ORDER BY id LIMIT $n",
      { n: int(count) },
    )).map((row) => row.id);
    if (users.length === 0) throw new Error('no Last.fm users: run bench/lastfmCoverage.ts first');
    const { projection } = engine;
    const steps: Record<string, (user: string) => unknown> = {
      adamicAdar: (user) => adamicAdar(projection, user),
      pageRank: (user) => personalizedPageRank(projection, user, createRandom(1)),
      coEngagement: (user) => coEngagement(projection, user),
      mostFollowed: () => mostFollowed(projection, 300),
      'whole answer, first 20': (user) =>
        suggestUsersToFollow(engine, { viewerId: user, first: 20 }),
    };
    const times = new Map(Object.keys(steps).map((name) => [name, [] as number[]]));
    for (const timed of [false, true]) {
      for (const user of users) {
        for (const [name, step] of Object.entries(steps)) {
          const started = performance.now();
          await step(user);
          if (timed) times.get(name)!.push(performance.now() - started);
        }
      }
    }
    console.log(`${users.length} users, load ${os.loadavg()[0]!.toFixed(1)}`);
    for (const [name, ms] of times) {
      ms.sort((a, b) => a - b);
      const [p50, p99] = [percentile(ms, 50), percentile(ms, 99)];
      console.log(`${name}: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
    }
  } finally {
    await db.close();
  }
}

await main(Number(process.argv[2] ?? 300));
