/**
 * Memory per edge of the in-memory graph projection, measured on a
 * generated graph (no Neo4j needed):
 *
 *   node --expose-gc --import tsx bench/projectionMemory.ts \
 *     [users=20000] [engagements=500000] [follows=200000]
 *
 * Post popularity and user activity follow a Zipf-like law (seeded RNG),
 * as in real engagement data. Prints heap bytes per engagement edge and per
 * follow edge (node keys and attributes included), and the cost of the
 * neighbour lists the random walks cache.
 */
import { createRandom, type Random } from '../src/math/random.js';
import {
  createEngagementGraph,
  createFollowGraph,
  upsertEngagement,
  upsertFollow,
} from '../src/graph/projection.js';

const [users = 20_000, engagements = 500_000, follows = 200_000] = process.argv
  .slice(2)
  .map(Number);
const posts = Math.max(1, Math.round(engagements / 10));

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc (see the header)');
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers; // typed arrays live outside the heap
}

/** A Zipf-like draw in [0, n): rank r with probability ~ 1 / (r + 1). */
function zipf(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1))) - 1);
}

const random = createRandom(1);
const base = heapUsed();
const engagement = createEngagementGraph();
for (let i = 0; i < engagements; i++) {
  const user = `bench:user:${zipf(random, users)}`;
  const post = `bench:post:${zipf(random, posts)}`;
  upsertEngagement(engagement, user, post, random(), 1_700_000_000_000 + i);
}
const afterEngagement = heapUsed();
const follow = createFollowGraph();
for (let i = 0; i < follows; i++) {
  const a = `bench:user:${Math.floor(random() * users)}`;
  upsertFollow(follow, a, `bench:user:${zipf(random, users)}`, 1_700_000_000_000 + i);
}
const afterFollows = heapUsed();
// The newest-first edge lists the CF sources cache, for every node.
const cache = new Map<number, unknown>();
for (let i = 0; i < engagement.order; i++) cache.set(i, engagement.sortedEdges(i));
const afterCache = heapUsed();

const perEngagement = (afterEngagement - base) / engagement.size;
const perFollow = (afterFollows - afterEngagement) / follow.size;
const perCached = (afterCache - afterFollows) / engagement.size;
console.log(JSON.stringify({
  engagementEdges: engagement.size,
  engagementNodes: engagement.order,
  followEdges: follow.size,
  bytesPerEngagementEdge: Math.round(perEngagement),
  bytesPerFollowEdge: Math.round(perFollow),
  bytesPerEngagementEdgeOfSortedEdgeCache: Math.round(perCached),
  cachedNodes: cache.size,
}, null, 2));
