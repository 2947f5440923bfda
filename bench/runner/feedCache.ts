/**
 * The feed benchmark's view of the ranked-feed cache: priming it the way a
 * running service has it (every viewer opened the app recently), and
 * reading from /metrics how many first pages were reused or ranked.
 */
import type { BenchData } from './scenarios.js';

const FIRST_PAGE = 'query Feed { feed(first: 20) { edges { cursor } } }';

/** Asks every viewer's first page once, `concurrency` at a time; returns seconds. */
export async function primeFeeds(url: string, data: BenchData, concurrency = 4): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < data.users.length) {
      const viewer = data.users[next++]!;
      await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
        body: JSON.stringify({ query: FIRST_PAGE }),
      }).then((response) => response.arrayBuffer());
    }
  }));
  return (performance.now() - started) / 1000;
}

export interface FirstPageCounts {
  cached: number;
  ranked: number;
  refused: number;
}

/** The API's counts of cached and ranked first pages, and refused rankings. */
export async function readFirstPageCounts(url: string): Promise<FirstPageCounts> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
  return {
    cached: read(/^grapevine_feed_first_pages_total\{from="cached"\} (\S+)$/m),
    ranked: read(/^grapevine_feed_first_pages_total\{from="ranked"\} (\S+)$/m),
    refused: read(/^grapevine_feed_rankings_refused_total (\S+)$/m),
  };
}

/** The change between two counts. */
export function countsSince(before: FirstPageCounts, after: FirstPageCounts): FirstPageCounts {
  return {
    cached: after.cached - before.cached,
    ranked: after.ranked - before.ranked,
    refused: after.refused - before.refused,
  };
}
