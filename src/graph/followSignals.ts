/**
 * Who-to-follow signals on the in-memory projection, each a map from
 * candidate user id to a score (> 0) and the users or posts behind it.
 *
 * - Adamic–Adar (Adamic & Adar, "Friends and neighbors on the Web", 2003)
 *   over the follow graph: score(z) = sum over followees y of the viewer
 *   who follow z of 1 / ln(deg(y)), deg counting follows in and out.
 * - Personalised PageRank by Monte Carlo (Fogaras et al., 2005): walks
 *   from the viewer along follows, ending with probability `alpha` at each
 *   step (and at dead ends); score = share of visits.
 * - Co-engagement: users who engaged the posts the viewer engaged,
 *   score(u) = sum over shared posts p of 1 / ln(1 + deg(p)).
 */
import { randomInt, type Random } from '../math/random.js';
import { compareIds } from '../math/ranking.js';
import { idOfKey, userKey, type GraphProjection } from './projection.js';

export interface Signal {
  score: number;
  /** Followees (Adamic–Adar) or shared posts (co-engagement) behind it. */
  via: string[];
}

export const FOLLOW_SIGNAL_DEFAULTS = {
  /** Personalised PageRank: number of walks from the viewer. */
  walks: 2000,
  /** Personalised PageRank: chance a walk ends at each step, in (0, 1). */
  alpha: 0.15,
  /** Personalised PageRank: longest walk, in steps. */
  maxWalkLength: 30,
};

/** Adamic–Adar scores of friends of friends (see file header). */
export function adamicAdar(projection: GraphProjection, viewerId: string): Map<string, Signal> {
  const { follows } = projection;
  const scores = new Map<string, Signal>();
  if (!follows.hasNode(viewerId)) return scores;
  for (const y of follows.outNeighbors(viewerId)) {
    const weight = 1 / Math.log(Math.max(2, follows.degree(y)));
    for (const z of follows.outNeighbors(y)) {
      if (z === viewerId) continue;
      const entry = scores.get(z) ?? { score: 0, via: [] };
      entry.score += weight;
      entry.via.push(y);
      scores.set(z, entry);
    }
  }
  return scores;
}

/** Personalised PageRank from the viewer by Monte Carlo walks. */
export function personalizedPageRank(
  projection: GraphProjection,
  viewerId: string,
  random: Random,
  options = FOLLOW_SIGNAL_DEFAULTS,
): Map<string, Signal> {
  const { follows } = projection;
  const visits = new Map<string, Signal>();
  if (!follows.hasNode(viewerId) || follows.outDegree(viewerId) === 0) return visits;
  const share = 1 / options.walks;
  // graphology builds a fresh array per outNeighbors call; walks revisit
  // the same hubs thousands of times, so each node's list is read once.
  const neighbours = new Map<string, string[]>();
  const outOf = (node: string): string[] => {
    let list = neighbours.get(node);
    if (list === undefined) {
      list = follows.outNeighbors(node);
      neighbours.set(node, list);
    }
    return list;
  };
  for (let walk = 0; walk < options.walks; walk++) {
    let node = viewerId;
    for (let step = 0; step < options.maxWalkLength; step++) {
      const next = outOf(node);
      if (next.length === 0) break;
      node = next[randomInt(random, next.length)]!;
      if (node !== viewerId) {
        const entry = visits.get(node) ?? { score: 0, via: [] };
        entry.score += share;
        visits.set(node, entry);
      }
      if (random() < options.alpha) break;
    }
  }
  return visits;
}

/** Users who engaged the same posts as the viewer (see file header). */
export function coEngagement(projection: GraphProjection, viewerId: string): Map<string, Signal> {
  const scores = new Map<string, Signal>();
  for (const post of projection.engagementNeighbours(userKey(viewerId))) {
    const users = projection.engagementNeighbours(post);
    const weight = 1 / Math.log(1 + users.length);
    for (const user of users) {
      const userId = idOfKey(user);
      if (userId === viewerId) continue;
      const entry = scores.get(userId) ?? { score: 0, via: [] };
      entry.score += weight;
      entry.via.push(idOfKey(post));
      scores.set(userId, entry);
    }
  }
  return scores;
}

/** Every followed user by followers, most first, per projection version. */
const followerRankings = new WeakMap<
  GraphProjection,
  { version: number; ranked: Array<[string, number]> }
>();

/**
 * The most-followed users, for viewers with no graph around them yet. The
 * ranking of all users is kept until the projection changes (`version`).
 */
export function mostFollowed(projection: GraphProjection, limit: number): Map<string, Signal> {
  let cached = followerRankings.get(projection);
  if (cached?.version !== projection.version) {
    const { follows } = projection;
    const ranked: Array<[string, number]> = [];
    follows.forEachNode((node: string) => {
      const followers = follows.inDegree(node);
      if (followers > 0) ranked.push([node, followers]);
    });
    ranked.sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
    cached = { version: projection.version, ranked };
    followerRankings.set(projection, cached);
  }
  return new Map(cached.ranked.slice(0, limit).map(([id, n]) => [id, { score: n, via: [] }]));
}


