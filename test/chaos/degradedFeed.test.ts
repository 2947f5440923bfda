/**
 * Through the API: a candidate source that throws or outlives its budget
 * is dropped from the feed (and counted as `error` or `timeout` in
 * /metrics); the feed is still served from the other sources. The engine's
 * own tests cover the same at the engine level.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, INGEST, user, useApi } from '../api/helpers.js';

const api = useApi();
const BUDGET_MS = 5000;

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['deg_author', 'deg_reader'].map(user),
    posts: [{ id: 'degraded:post:1', authorId: 'deg_author', text: 'still served',
      createdAt: new Date(Date.now() - 3600_000).toISOString() }],
    edges: [{ type: 'FOLLOWS', fromId: 'deg_reader', toId: 'deg_author' }],
  } }));
  const engine = api.server.grapevine.services.engine;
  engine.config.feed.sourceBudgetMs = BUDGET_MS;
  engine.sources.register({ name: 'broken', generate: () => Promise.reject(new Error('boom')) });
  engine.sources.register({ name: 'stuck', generate: () => new Promise(() => undefined) });
});

describe('a failing candidate source, through the API', () => {
  it('leaves the feed served from the other sources', async () => {
    const data = dataOf(await api.as('deg_reader',
      '{ feed(first: 10) { edges { node { id } reasons { kind } } } }'));
    const ids = data.feed.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids).toContain('degraded:post:1');
  });

  it('counts the source that threw as an error and the stuck one as a timeout', async () => {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    const count = (labels: string) =>
      text.includes(`grapevine_candidate_source_duration_seconds_count{${labels}} 1`);
    expect(count('source="broken",outcome="error"')).toBe(true);
    expect(count('source="stuck",outcome="timeout"')).toBe(true);
    expect(count('source="inNetwork",outcome="ok"')).toBe(true);
  });
});
