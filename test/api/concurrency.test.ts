import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, INGEST, tokenFor, user, useApi } from './helpers.js';
import { postGraphQL } from '../support/server.js';

/**
 * Parallel requests for the same edge: the viewer's node lock (taken first
 * in every write transaction) must make MERGE find the edge the first
 * transaction made, so the database ends with exactly one.
 */
const api = useApi();
const PARALLEL = 8;

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['racer', 'target'].map(user),
    posts: [{ id: 'race:post', authorId: 'target', text: 'race me' }],
  } }));
});

async function inParallel(query: string) {
  const token = await tokenFor('racer');
  const responses = await Promise.all(
    Array.from({ length: PARALLEL }, () => postGraphQL(api.url, query, {}, token)),
  );
  for (const response of responses) expect(response.errors).toBeUndefined();
}

async function edges(type: string): Promise<number> {
  const rows = await api.db.readText<{ n: number }>(
    `MATCH (:User {id: 'racer'})-[r:${type}]->() RETURN count(r) AS n`);
  return rows[0]!.n;
}

describe('concurrent writes', () => {
  it('create one FOLLOWS edge from eight parallel follows', async () => {
    await inParallel('mutation { follow(userId: "target") { id } }');
    expect(await edges('FOLLOWS')).toBe(1);
  });

  it('create one LIKED edge from eight parallel likes', async () => {
    await inParallel('mutation { like(postId: "race:post") { id } }');
    expect(await edges('LIKED')).toBe(1);
  });

  it('lose no impression among eight parallel recordings', async () => {
    await inParallel('mutation { recordImpressions(postIds: ["race:post"]) { recorded } }');
    const rows = await api.db.readText<{ count: number }>(
      "MATCH (:User {id: 'racer'})-[v:VIEWED]->() RETURN v.count AS count");
    expect(rows).toEqual([{ count: PARALLEL }]);
  });
});
