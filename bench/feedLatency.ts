/**
 * Feed and who-to-follow latency of the engine, in process, on a generated
 * graph in the local development Neo4j (its data is REPLACED by bench data
 * whose ids start with `bench:`):
 *
 *   NEO4J_LOCAL_BOLT_PORT=7741 NEO4J_LOCAL_HTTP_PORT=7441 \
 *     npx tsx bench/feedLatency.ts [users=2000] [likes=100000] [requests=300]
 *
 * Requests run at concurrency 1 and then 10; each is a first page (a new
 * snapshot) for a random user. Prints p50/p95/p99 in milliseconds. A graph
 * with the same number of bench users is reused.
 */
import { wipeData } from '../src/db/wipeData.js';
import { loadConfig } from '../src/config.js';
import { int, type Database } from '../src/db/database.js';
import { connectDatabase } from '../src/grapevine.js';
import { createLogger } from '../src/log.js';
import { createRandom, randomInt, type Random } from '../src/math/random.js';
import { createEngineFromConfig, type Engine } from '../src/recommend/engine.js';
import { recommendFeed } from '../src/recommend/feed.js';
import { suggestUsersToFollow } from '../src/recommend/whoToFollow.js';

const [users = 2000, likes = 100_000, requests = 300] = process.argv.slice(2).map(Number);
const posts = Math.round(likes / 5);
const follows = users * 20;
const DAY = 24 * 3600 * 1000;

function zipf(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1))) - 1);
}

async function inBatches(
  db: Database,
  query: string,
  count: number,
  row: (i: number) => Record<string, unknown>,
): Promise<void> {
  for (let start = 0; start < count; start += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, count - start) }, (_, j) => row(start + j));
    await db.writeText(query, { rows });
  }
}

async function generate(db: Database, now: number): Promise<void> {
  const random = createRandom(2026);
  const [existing] = await db.readText<{ n: number }>(
    `MATCH (u:User) WHERE u.id STARTS WITH 'bench:user:' RETURN count(u) AS n`,
  );
  if (existing?.n === users) return; // the graph of an earlier run (times drift)
  await wipeData(db);
  await inBatches(db, `UNWIND $rows AS r CREATE (:User {id: r.id, handle: r.handle,
    displayName: r.handle, createdAt: r.at})`, users, (i) => ({
    id: `bench:user:${i}`, handle: `bench_${i}`, at: int(now - 100 * DAY),
  }));
  await inBatches(db, `UNWIND $rows AS r MATCH (a:User {id: r.author})
    CREATE (a)-[:AUTHORED]->(:Post {id: r.id, text: r.text, kind: 'post',
      createdAt: r.at, visibility: 'PUBLIC', source: 'seed'})`, posts, (i) => ({
    id: `bench:post:${i}`,
    author: `bench:user:${zipf(random, users)}`,
    text: `post ${i}`,
    at: int(now - random() * 14 * DAY),
  }));
  await inBatches(db, `UNWIND $rows AS r MATCH (u:User {id: r.u}), (p:Post {id: r.p})
    MERGE (u)-[l:LIKED]->(p) SET l.at = r.at, l.weight = 1.0`, likes, () => ({
    u: `bench:user:${zipf(random, users)}`,
    p: `bench:post:${zipf(random, posts)}`,
    at: int(now - random() * 7 * DAY),
  }));
  await inBatches(db, `UNWIND $rows AS r MATCH (a:User {id: r.a}), (b:User {id: r.b})
    WHERE a <> b MERGE (a)-[f:FOLLOWS]->(b) SET f.at = r.at`, follows, () => ({
    a: `bench:user:${randomInt(random, users)}`,
    b: `bench:user:${zipf(random, users)}`,
    at: int(now - 30 * DAY),
  }));
}

async function measure(
  label: string,
  concurrency: number,
  work: (userId: string) => Promise<unknown>,
): Promise<void> {
  const random = createRandom(concurrency);
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      next += 1;
      const userId = `bench:user:${randomInt(random, users)}`;
      const t0 = performance.now();
      await work(userId);
      times.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(JSON.stringify({
    label,
    concurrency,
    requests: times.length,
    perSecond: Math.round(times.length / seconds),
    p50: Math.round(pct(0.5)),
    p95: Math.round(pct(0.95)),
    p99: Math.round(pct(0.99)),
  }));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ LOG_LEVEL: 'error', LOG_PRETTY: false });
  const db = await connectDatabase(config, log);
  const now = Date.now();
  console.log(JSON.stringify({ users, posts, likes, follows }));
  await generate(db, now);
  const engine: Engine = createEngineFromConfig(config, db, log);
  await engine.projection.load();
  for (const concurrency of [1, 10]) {
    await measure('feed', concurrency, (viewerId) =>
      recommendFeed(engine, { viewerId, first: 20 }));
    await measure('whoToFollow', concurrency, (viewerId) =>
      suggestUsersToFollow(engine, { viewerId, first: 10 }));
  }
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
