import { describe, expect, it } from 'vitest';
import { dataOf, INGEST, user, useApi } from '../api/helpers.js';
import { postGraphQL } from '../support/server.js';

/** The samples of one metric in Prometheus text format, by label string. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^(\S+?)(\{.*\})? (\S+)$/.exec(line);
    if (match && match[1] === name) found.set(match[2] ?? '', Number(match[3]));
  }
  return found;
}

describe('/metrics', () => {
  const api = useApi();
  const server = api.server;

  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };

  it('counts a named operation in its latency histogram', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await postGraphQL(server.url,
        'query ServerVersion { serverInfo { version } }');
      expect(response.errors).toBeUndefined();
    }
    const text = await scrape();
    const counts = samples(text, 'grapevine_graphql_request_duration_seconds_count');
    expect(counts.get('{operation="ServerVersion",outcome="ok"}')).toBe(3);
    const buckets = samples(text, 'grapevine_graphql_request_duration_seconds_bucket');
    expect(buckets.get('{le="+Inf",operation="ServerVersion",outcome="ok"}')).toBe(3);
    const sums = samples(text, 'grapevine_graphql_request_duration_seconds_sum');
    expect(sums.get('{operation="ServerVersion",outcome="ok"}')).toBeGreaterThan(0);
  });

  it('labels failed, anonymous and unparsable requests apart', async () => {
    await postGraphQL(server.url, 'query Broken { user(id: "nobody") { id } }');
    await postGraphQL(server.url, '{ serverInfo { version } }');
    await postGraphQL(server.url, '{ serverInfo { ');
    const counts = samples(await scrape(), 'grapevine_graphql_request_duration_seconds_count');
    expect(counts.get('{operation="Broken",outcome="error"}')).toBe(1);
    expect(counts.get('{operation="anonymous",outcome="ok"}')).toBe(1);
    expect(counts.get('{operation="invalid",outcome="error"}')).toBe(1);
  });

  it('times every candidate source of a feed, and the feed itself', async () => {
    dataOf(await api.asAdmin(INGEST, { input: { users: [user('reader')] } }));
    dataOf(await api.as('reader', 'query ReaderFeed { feed(first: 5) { edges { cursor } } }'));
    const text = await scrape();
    const sources = samples(text, 'grapevine_candidate_source_duration_seconds_count');
    const names = api.server.grapevine.services.engine.sources.names();
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) {
      const runs = ['ok', 'error', 'timeout']
        .map((outcome) => sources.get(`{source="${name}",outcome="${outcome}"}`) ?? 0);
      expect(runs.reduce((a, b) => a + b, 0), name).toBe(1);
    }
    const feeds = samples(text, 'grapevine_graphql_request_duration_seconds_count');
    expect(feeds.get('{operation="ReaderFeed",outcome="ok"}')).toBe(1);
  });

  it('publishes the size of the in-memory graph', async () => {
    dataOf(await api.asAdmin(INGEST, { input: {
      users: [user('writer'), user('fan')],
      posts: [{ id: 'metrics:post:1', authorId: 'writer', text: 'hi' }],
      edges: [{ type: 'LIKED', fromId: 'fan', toId: 'metrics:post:1' },
        { type: 'FOLLOWS', fromId: 'fan', toId: 'writer' }],
    } }));
    await api.server.grapevine.services.engine.projection.refresh();
    const text = await scrape();
    expect(samples(text, 'grapevine_projection_engagement_edges').get('')).toBe(1);
    expect(samples(text, 'grapevine_projection_follow_edges').get('')).toBe(1);
    expect(samples(text, 'grapevine_projection_watermark_seconds').get(''))
      .toBeGreaterThan(1_700_000_000);
  });

  it('publishes the pool size and the connections in use', async () => {
    const text = await scrape();
    expect(samples(text, 'grapevine_neo4j_pool_connections_max').get('')).toBe(100);
    expect(samples(text, 'grapevine_neo4j_pool_connections_in_use').get('')).toBe(0);
    expect(samples(text, 'grapevine_process_resident_memory_bytes').get(''))
      .toBeGreaterThan(10_000_000);
  });
});
