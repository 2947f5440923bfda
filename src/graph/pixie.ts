/**
 * Pixie-style random walks with restart over the user–post engagement graph.
 *
 * Eksombatchai et al., "Pixie: A System for Recommending 3+ Billion Items to
 * 200+ Million Users in Real-Time" (WWW 2018). From each seed post q a walk
 * alternates post -> random user who engaged it -> random post that user
 * engaged, restarting at q after a geometric number of hops (mean
 * 1 / restartProbability). Seed q gets a share of the step budget N:
 *
 *   N_q = N * w_q * s_q / sum_r (w_r * s_r),  s_q = deg(q) * (C - ln deg(q))
 *
 * with C = 1 + ln(max seed degree), so very popular seeds do not take over.
 * A seed's walks stop early once `enoughPosts` posts have `enoughVisits`.
 * Visits from several seeds are boosted: V(p) = (sum_q sqrt(V_q(p)))^2.
 */
import { randomInt, type Random } from '../math/random.js';
import { topByScore } from '../math/ranking.js';
import { idOfKey, postKey, type GraphProjection } from './projection.js';

export { compareIds } from '../math/ranking.js';

export const PIXIE_DEFAULTS = {
  /** Total post visits spent over all seeds, in steps. */
  totalSteps: 20_000,
  /** Chance of jumping back to the seed after each post visit, in [0, 1). */
  restartProbability: 0.5,
  /** Early stop: this many posts with `enoughVisits` end a seed's walks. */
  enoughPosts: 200,
  /** Early stop: visits a post needs to count towards `enoughPosts`. */
  enoughVisits: 4,
};

export type PixieOptions = typeof PIXIE_DEFAULTS;

export interface PixieSeed {
  postId: string;
  /** Importance of the seed (recency times strength), > 0. */
  weight: number;
}

export interface PixieVisit {
  postId: string;
  /** Boosted visit count (see file header). */
  score: number;
  /** The seed that contributed most visits. */
  topSeedId: string;
  /** How many seeds reached the post. */
  seedCount: number;
}

/**
 * Walks from the seeds and returns the `limit` most visited posts, best
 * first (ties by id), seeds themselves excluded. Deterministic for a given
 * `random` state.
 */
export function pixieWalk(
  projection: GraphProjection,
  seeds: readonly PixieSeed[],
  random: Random,
  options: PixieOptions = PIXIE_DEFAULTS,
  limit = Infinity,
): PixieVisit[] {
  const budgets = splitSteps(projection, seeds, options.totalSteps);
  const perSeed = new Map<string, Map<string, number>>();
  for (const [i, seed] of seeds.entries()) {
    const steps = budgets[i] ?? 0;
    if (steps <= 0) continue;
    perSeed.set(seed.postId, walkFrom(projection, postKey(seed.postId), steps, random, options));
  }
  return boostVisits(perSeed, new Set(seeds.map((seed) => postKey(seed.postId))), limit);
}

/** The step budget of each seed: N * w_q * s_q / sum (w * s), rounded. */
export function splitSteps(
  projection: GraphProjection,
  seeds: readonly PixieSeed[],
  totalSteps: number,
): number[] {
  const degrees = seeds.map(
    (seed) => projection.engagementNeighbours(postKey(seed.postId)).length,
  );
  const c = 1 + Math.log(Math.max(1, ...degrees));
  const scaled = seeds.map((seed, i) => {
    const degree = degrees[i]!;
    return degree === 0 ? 0 : seed.weight * degree * (c - Math.log(degree));
  });
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((s) => (sum > 0 ? Math.round((totalSteps * s) / sum) : 0));
}

function walkFrom(
  projection: GraphProjection,
  seed: string,
  steps: number,
  random: Random,
  options: PixieOptions,
): Map<string, number> {
  const visits = new Map<string, number>();
  let highlyVisited = 0;
  let current = seed;
  for (let step = 0; step < steps; step++) {
    const users = projection.engagementNeighbours(current);
    if (users.length === 0) break;
    const user = users[randomInt(random, users.length)]!;
    const posts = projection.engagementNeighbours(user);
    const next = posts[randomInt(random, posts.length)]!;
    const count = (visits.get(next) ?? 0) + 1;
    visits.set(next, count);
    if (count === options.enoughVisits) highlyVisited += 1;
    if (highlyVisited >= options.enoughPosts) break;
    current = random() < options.restartProbability ? seed : next;
  }
  return visits;
}

function boostVisits(
  perSeed: Map<string, Map<string, number>>,
  exclude: Set<string>,
  limit: number,
): PixieVisit[] {
  const sums = new Map<string, { root: number; top: string; topCount: number; seeds: number }>();
  for (const [seedId, visits] of perSeed) {
    for (const [key, count] of visits) {
      if (exclude.has(key)) continue;
      const entry = sums.get(key);
      if (entry === undefined) {
        sums.set(key, { root: Math.sqrt(count), top: seedId, topCount: count, seeds: 1 });
        continue;
      }
      entry.root += Math.sqrt(count);
      entry.seeds += 1;
      if (count > entry.topCount) {
        entry.top = seedId;
        entry.topCount = count;
      }
    }
  }
  const scored = [...sums].map(([key, e]) => ({ key, score: e.root * e.root, e }));
  return topByScore(scored, limit, (visit) => visit.key).map(({ key, score, e }) => ({
    postId: idOfKey(key),
    score,
    topSeedId: e.top,
    seedCount: e.seeds,
  }));
}
