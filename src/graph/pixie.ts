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
  const store = projection.engagement;
  const budgets = splitSteps(projection, seeds, options.totalSteps);
  const perSeed = new Map<string, Map<number, number>>();
  for (const [i, seed] of seeds.entries()) {
    const steps = budgets[i] ?? 0;
    const start = store.index(postKey(seed.postId));
    if (steps <= 0 || start === undefined) continue;
    perSeed.set(seed.postId, walkFrom(projection, start, steps, random, options));
  }
  const exclude = new Set(seeds.map((seed) => store.index(postKey(seed.postId)) ?? -1));
  return boostVisits(perSeed, exclude, store.keys, limit);
}

/** The step budget of each seed: N * w_q * s_q / sum (w * s), rounded. */
export function splitSteps(
  projection: GraphProjection,
  seeds: readonly PixieSeed[],
  totalSteps: number,
): number[] {
  const degrees = seeds.map((seed) => projection.engagementDegree(postKey(seed.postId)));
  const c = 1 + Math.log(Math.max(1, ...degrees));
  const scaled = seeds.map((seed, i) => {
    const degree = degrees[i]!;
    return degree === 0 ? 0 : seed.weight * degree * (c - Math.log(degree));
  });
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((s) => (sum > 0 ? Math.round((totalSteps * s) / sum) : 0));
}

/** Visits per post index of the walks from one seed index. */
function walkFrom(
  projection: GraphProjection,
  seed: number,
  steps: number,
  random: Random,
  options: PixieOptions,
): Map<number, number> {
  const store = projection.engagement;
  const visits = new Map<number, number>();
  let highlyVisited = 0;
  let current = seed;
  for (let step = 0; step < steps; step++) {
    const users = store.neighboursAt(current);
    if (users.length === 0) break;
    const posts = store.neighboursAt(users[randomInt(random, users.length)]!);
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
  perSeed: Map<string, Map<number, number>>,
  exclude: Set<number>,
  keys: readonly string[],
  limit: number,
): PixieVisit[] {
  const sums = new Map<number, { root: number; top: string; topCount: number; seeds: number }>();
  for (const [seedId, visits] of perSeed) {
    for (const [post, count] of visits) {
      if (exclude.has(post)) continue;
      const entry = sums.get(post);
      if (entry === undefined) {
        sums.set(post, { root: Math.sqrt(count), top: seedId, topCount: count, seeds: 1 });
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
  const scored = [...sums].map(([post, e]) => ({ key: keys[post]!, score: e.root * e.root, e }));
  return topByScore(scored, limit, (visit) => visit.key).map(({ key, score, e }) => ({
    postId: idOfKey(key),
    score,
    topSeedId: e.top,
    seedCount: e.seeds,
  }));
}
