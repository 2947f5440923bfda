/**
 * Load shedding over HTTP: with one ranking slot and no queue, feeds asked
 * for at once by many viewers are either served or refused at once with
 * OVERLOADED and status 503, never a 500 and never a hang.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, INGEST, user, useApi } from './helpers.js';

const api = useApi({ FEED_MAX_RANKINGS: 1, FEED_MAX_QUEUED_RANKINGS: 0 });
const VIEWERS = Array.from({ length: 12 }, (_, i) => `v${i}`);

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: {
    users: [...VIEWERS, 'author'].map(user),
    posts: [{ id: 'p1', authorId: 'author', text: 'a post', createdAt: '2026-01-01T00:00:00Z' }],
    edges: VIEWERS.map((v) => ({ type: 'FOLLOWS', fromId: v, toId: 'author' })),
  } }));
});

describe('feed under overload', () => {
  it('answers every request, refusing the excess with OVERLOADED and 503', async () => {
    const answers = await Promise.all(VIEWERS.map((viewer) =>
      api.as(viewer, 'query { feed(first: 5) { edges { node { id } } } }')));
    const refused = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'OVERLOADED');
    const served = answers.filter((a) => a.errors === undefined);
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length + refused.length).toBe(VIEWERS.length);
    for (const answer of refused) expect(answer.status).toBe(503);
  });
});
