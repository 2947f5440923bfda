/**
 * SIGTERM during load: requests the API is working on complete (here some
 * are held mid-transaction by a lock the test owns, so they are certainly
 * in flight when the signal lands), every acknowledged write is whole,
 * nothing gets a 5xx, and the process exits 0 by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import {
  call, prepareChaosData, runLoad, spawnApi, waitFor, type ApiProcess, type CallResult,
} from './support.js';

const USERS = 8;
const HELD = 6;
const CREATE = `mutation ($text: String!) {
  createPost(input: {text: $text, tags: ["one", "two", "three"]}) { id }
}`;
const READ = `{ user(id: "term:user:1") { posts(first: 20) { edges { node { id text } } } } }`;

let db: Database;
let api: ApiProcess;
let tokens: string[] = [];

beforeAll(async () => {
  ({ db, tokens } = await prepareChaosData('term', USERS));
  api = await spawnApi({ SHUTDOWN_GRACE_S: '30', SHUTDOWN_DELAY_MS: '1000' });
});

afterAll(async () => {
  if (api?.child.exitCode === null) api.child.kill('SIGKILL');
  await db?.close();
});

describe('SIGTERM under load', () => {
  const held: Array<Promise<CallResult>> = [];
  const results: Array<CallResult & { text?: string }> = [];
  let signalledAt = 0;
  let exitCode: number | string = 'unknown';

  it('drains and exits while requests are held mid-transaction', async () => {
    // The test holds user 0's write lock, so user 0's posts wait inside their transactions.
    const session = db.driver.session({ database: db.database });
    const tx = session.beginTransaction();
    await tx.run(`MATCH (u:User {id: 'term:user:0'}) SET u._lock = true REMOVE u._lock`);
    for (let i = 0; i < HELD; i += 1) {
      held.push(call(api.url, CREATE, { text: `held ${i}` }, tokens[0]));
    }

    let stop = false;
    const load = runLoad(USERS - 1, 10_000, () => stop, async (worker, i) => {
      const user = worker + 1;
      const text = `load ${user} ${i}`;
      const result = i % 3 === 2
        ? await call(api.url, READ, {}, tokens[user])
        : await call(api.url, CREATE, { text }, tokens[user]);
      results.push(i % 3 === 2 ? result : { ...result, text });
      if (result.failure) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await waitFor(async () => results.length >= 60, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    api.child.kill('SIGTERM');
    signalledAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(api.child.exitCode).toBeNull(); // still draining: the held requests wait
    await tx.commit();
    await session.close();

    exitCode = await api.exited;
    stop = true;
    await load;
  }, 240_000);

  it('completes the requests held mid-transaction', async () => {
    for (const result of await Promise.all(held)) {
      expect(result.failure).toBeUndefined();
      expect(result.status).toBe(200);
      expect(result.body?.errors).toBeUndefined();
      expect(result.ms).toBeGreaterThan(1500);
    }
  });

  it('answers every request it took before the signal, and no 5xx at all', () => {
    const before = results.filter((r) => r.startedAt + r.ms < signalledAt);
    expect(before.length).toBeGreaterThan(50);
    for (const result of before) {
      expect(result.status).toBe(200);
      expect(result.body?.errors).toBeUndefined();
    }
    for (const result of results) {
      if (result.failure) continue; // refused once the listener closed
      expect(result.status, JSON.stringify(result.body)).toBeLessThan(500);
    }
  });

  it('exits 0 after logging that it stopped', () => {
    expect(exitCode).toBe(0);
    expect(api.logs.some((line) => line.includes('Grapevine stopped'))).toBe(true);
  });

  it('writes every acknowledged post whole: author and all three tags', async () => {
    const acknowledged = results.filter((r) => r.text && r.status === 200 && !r.body?.errors)
      .map((r) => r.text!);
    const heldTexts = Array.from({ length: HELD }, (_, i) => `held ${i}`);
    const rows = await db.readText<{ text: string; authors: number; tags: number }>(
      `MATCH (p:Post) WHERE p.text STARTS WITH 'load ' OR p.text STARTS WITH 'held '
       RETURN p.text AS text, COUNT { (:User)-[:AUTHORED]->(p) } AS authors,
         COUNT { (p)-[:TAGGED]->(:Tag) } AS tags`);
    const byText = new Map(rows.map((row) => [row.text, row]));
    for (const text of [...acknowledged, ...heldTexts]) {
      expect(byText.get(text), text).toMatchObject({ authors: 1, tags: 3 });
    }
    for (const row of rows) expect(row).toMatchObject({ authors: 1, tags: 3 });
  });
});
