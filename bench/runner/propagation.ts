/**
 * How long a like takes to reach the walk graph, measured through the
 * API: like a post the user had not liked, then poll /metrics until the
 * projection's engagement edge count (`grapevine_projection_engagement_edges`)
 * grows. Nothing else writes meanwhile.
 */
import type { Database } from '../../src/db/database.js';
import { createRandom, randomInt } from '../../src/math/random.js';
import { loadAverage, quantile } from './measure.js';
import type { PropagationResult } from './report.js';
import type { BenchData } from './scenarios.js';

const GAUGE = 'grapevine_projection_engagement_edges';
const SAMPLES = 20;
const POLL_MS = 20;
const GIVE_UP_MS = 10_000;

async function edgeCount(url: string): Promise<number | undefined> {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith(`${GAUGE} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

async function likeOnce(url: string, token: string, postId: string): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation Like($postId: ID!) { like(postId: $postId) { id } }',
      variables: { postId },
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = await response.text();
  if (response.status !== 200 || body.includes('"errors"')) {
    throw new Error(`like failed: ${response.status} ${body.slice(0, 200)}`);
  }
}

/** Undefined when the API publishes no projection gauge. */
export async function measurePropagation(
  url: string,
  db: Database,
  data: BenchData,
): Promise<PropagationResult | undefined> {
  if ((await edgeCount(url)) === undefined) return undefined;
  const random = createRandom(7);
  const loadBefore = loadAverage();
  const samples: number[] = [];
  while (samples.length < SAMPLES) {
    const user = data.users[randomInt(random, data.users.length)]!;
    const postId = data.postIds[randomInt(random, data.postIds.length)]!;
    const [liked] = await db.readText<{ n: number }>(
      'MATCH (:User {id: $u})-[r]->(:Post {id: $p}) RETURN count(r) AS n',
      { u: user.id, p: postId });
    if ((liked?.n ?? 0) > 0) continue;
    const before = (await edgeCount(url))!;
    const started = performance.now();
    await likeOnce(url, user.token, postId);
    while (((await edgeCount(url)) ?? 0) <= before) {
      if (performance.now() - started > GIVE_UP_MS) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    samples.push(performance.now() - started);
  }
  return { samples, p50: quantile(samples, 0.5), max: Math.max(...samples), loadBefore };
}
