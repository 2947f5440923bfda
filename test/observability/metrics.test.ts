import { describe, expect, it } from 'vitest';
import { postGraphQL, useTestServer } from '../support/server.js';

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
  const server = useTestServer();

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

  it('publishes the pool size and the connections in use', async () => {
    const text = await scrape();
    expect(samples(text, 'grapevine_neo4j_pool_connections_max').get('')).toBe(100);
    expect(samples(text, 'grapevine_neo4j_pool_connections_in_use').get('')).toBe(0);
    expect(samples(text, 'grapevine_process_resident_memory_bytes').get(''))
      .toBeGreaterThan(10_000_000);
  });
});
