/**
 * kill -9 Neo4j during a write load, then restart it: every write the API
 * acknowledged is there exactly once; while Neo4j is away /readyz says not
 * ready and requests get DATABASE_UNAVAILABLE (bounded in time, not a hang);
 * the API recovers by itself once Neo4j is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { killLocalNeo4j, localNeo4jOptions, startLocalNeo4j } from '../../src/db/localNeo4j.js';
import {
  call, chaosConfig, codeOf, prepareChaosData, readiness, runLoad, spawnApi, waitFor,
  type ApiProcess, type CallResult,
} from './support.js';

const WRITERS = 8;
const POSTS = 300;
/** Longest a request caught by the crash may take: the driver's retry window and more. */
const OUTAGE_ANSWER_MS = 20_000;
/**
 * Longest a request may take once the API knows Neo4j is down. It is
 * answered without touching the driver; the bound only tells an answer
 * from a wait through the driver's 10 s of retries on a busy machine.
 */
const FAIL_FAST_MS = 5000;

const CREATE = `mutation ($text: String!) { createPost(input: {text: $text}) { id } }`;
const LIKE = `mutation ($id: ID!) { like(postId: $id) { id } }`;

let db: Database;
let api: ApiProcess;
let tokens: string[] = [];

beforeAll(async () => {
  ({ db, tokens } = await prepareChaosData('crash', WRITERS));
  await db.writeText(`MATCH (a:User {id: 'crash:user:0'}) UNWIND range(0, $posts - 1) AS i
    CREATE (a)-[:AUTHORED]->(:Post {id: 'crash:post:' + i, text: 'seed ' + i, kind: 'post',
      createdAt: timestamp(), visibility: 'PUBLIC', source: 'seed'})`, { posts: POSTS });
  api = await spawnApi();
});

afterAll(async () => {
  if (process.env.GRAPEVINE_CHAOS_DUMP_LOGS) console.log(api?.logs.slice(-60).join('\n'));
  api?.child.kill('SIGTERM');
  await api?.exited;
  await db?.close();
});

describe('kill -9 of Neo4j under a write load', () => {
  const acknowledged = { posts: [] as Array<{ text: string; id: string }>,
    likes: [] as Array<{ user: number; post: string }> };
  const during: CallResult[] = [];
  let killedAt = 0;
  let downSeenAt = 0;
  let restartedAt = 0;
  const readyWhileDown: number[] = [];

  it('runs the load through the crash and the restart', async () => {
    let phase: 'before' | 'down' | 'after' | 'done' = 'before';
    const load = runLoad(WRITERS, 100_000, () => phase === 'done', async (worker, i) => {
      const create = i % 2 === 0;
      const text = `crash ${worker} ${i}`;
      const post = `crash:post:${(worker * 37 + i) % POSTS}`;
      const result = create
        ? await call(api.url, CREATE, { text }, tokens[worker], 60_000)
        : await call(api.url, LIKE, { id: post }, tokens[worker], 60_000);
      if (phase === 'down' && result.startedAt > killedAt) during.push(result);
      if (result.status === 200 && !result.body?.errors) {
        if (create) acknowledged.posts.push({ text, id: result.body!.data!.createPost.id });
        else acknowledged.likes.push({ user: worker, post });
      }
      if (result.status !== 200 || result.body?.errors) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    await waitFor(async () => acknowledged.posts.length >= 50, 60_000);
    expect(killLocalNeo4j(localNeo4jOptions(chaosConfig()))).toBe(true);
    killedAt = Date.now();
    phase = 'down';
    await waitFor(async () => (await readiness(api.url)) === 503, 30_000);
    downSeenAt = Date.now();
    readyWhileDown.push(await readiness(api.url));
    await waitFor(async () => during.filter((r) => r.startedAt > downSeenAt).length >= 100,
      OUTAGE_ANSWER_MS + 10_000);
    readyWhileDown.push(await readiness(api.url));

    await startLocalNeo4j(localNeo4jOptions(chaosConfig()));
    restartedAt = Date.now();
    phase = 'after';
    const recovered = await waitFor(async () => (await readiness(api.url)) === 200, 60_000);
    expect(recovered).toBe(true);
    const before = acknowledged.posts.length;
    await waitFor(async () => acknowledged.posts.length >= before + 20, 60_000);
    phase = 'done';
    await load;
    expect(acknowledged.posts.length).toBeGreaterThan(before);
  }, 300_000);

  it('says not ready while Neo4j is away', () => {
    expect(readyWhileDown).toEqual([503, 503]);
  });

  it('answers DATABASE_UNAVAILABLE while Neo4j is away, within a bounded time', () => {
    const answered = during.filter((r) => r.startedAt < restartedAt);
    expect(answered.length).toBeGreaterThanOrEqual(WRITERS);
    for (const result of answered) {
      expect(result.failure).toBeUndefined();
      expect(codeOf(result)).toBe('DATABASE_UNAVAILABLE');
      expect(result.status).toBe(503);
      expect(result.ms).toBeLessThan(OUTAGE_ANSWER_MS);
    }
    const slowest = Math.max(...answered.map((r) => r.ms));
    console.log(`outage answers: ${answered.length}, slowest ${slowest} ms`);
  });

  it('answers at once, with HTTP 503, once it knows Neo4j is away', () => {
    const known = during.filter((r) => r.startedAt > downSeenAt && r.startedAt < restartedAt);
    expect(known.length).toBeGreaterThanOrEqual(100);
    for (const result of known) {
      expect(result.status).toBe(503);
      expect(codeOf(result)).toBe('DATABASE_UNAVAILABLE');
      expect(result.ms).toBeLessThan(FAIL_FAST_MS);
    }
    const slowest = Math.max(...known.map((r) => r.ms));
    console.log(`answers once down was known: ${known.length}, slowest ${slowest} ms`);
  });

  it('keeps every acknowledged post exactly once', async () => {
    const rows = await db.readText<{ text: string; ids: string[] }>(
      `MATCH (p:Post) WHERE p.text STARTS WITH 'crash '
       RETURN p.text AS text, collect(p.id) AS ids`);
    const byText = new Map(rows.map((row) => [row.text, row.ids]));
    for (const post of acknowledged.posts) {
      expect(byText.get(post.text), post.text).toEqual([post.id]);
    }
    for (const row of rows) expect(row.ids, row.text).toHaveLength(1);
  });

  it('keeps every acknowledged like, with no duplicate edge', async () => {
    const rows = await db.readText<{ user: string; post: string; n: number }>(
      `MATCH (u:User)-[l:LIKED]->(p:Post) WHERE u.id STARTS WITH 'crash:'
       RETURN u.id AS user, p.id AS post, count(l) AS n`);
    const edges = new Map(rows.map((row) => [`${row.user}|${row.post}`, row.n]));
    for (const like of acknowledged.likes) {
      expect(edges.get(`crash:user:${like.user}|${like.post}`)).toBe(1);
    }
    for (const row of rows) expect(row.n).toBe(1);
  });
});
