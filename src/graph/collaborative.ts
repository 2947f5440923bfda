/**
 * Collaborative filtering on the in-memory engagement graph: the three
 * neighbourhood signals of the feed, computed from the projection's
 * newest-first engagement lists instead of Cypher expansions.
 *
 * - Item-based (Sarwar et al., "Item-based collaborative filtering
 *   recommendation algorithms", WWW 2001), cosine on engagement sets: for
 *   seeds s (the viewer's recent posts) and a post p with c(s, p)
 *   co-engagers among the seed's sampled users,
 *     score(p) = sum_s c(s, p) / sqrt(deg(s) * deg(p))
 * - User-based (Herlocker et al., SIGIR 1999): the users sharing the most
 *   seeds with the viewer, each voting shared(u) * weight(u, p):
 *     score(p) = sum_u shared(u) * weight(u, p)
 * - Social proof: engagements of the viewer's followees f in a window,
 *     score(p) = sum_f affinity(f) * weight(f, p) * 2^(-age / halfLife)
 *
 * Every loop is bounded by its options, so a post with a million engagers
 * costs the same as one with `usersPerSeed`.
 */
import { decay } from '../math/decay.js';
import { compareIds } from './pixie.js';
import { idOfKey, postKey, userKey, type GraphProjection } from './projection.js';

export interface ItemNeighbourOptions {
  /** Most recent engagers of each seed sampled (bounds the fan-out). */
  usersPerSeed: number;
  /** Most recent engagements read per sampled engager. */
  postsPerUser: number;
}

export interface ItemNeighbour {
  postId: string;
  score: number;
  /** The seed that contributed most (ties: the smallest id). */
  becauseOf: string;
}

/**
 * Posts co-engaged with `seedIds` (see file header), best first (ties by
 * id), at most `limit`. The viewer's own engagements are not votes.
 */
export function itemNeighbours(
  projection: GraphProjection,
  viewerId: string,
  seedIds: readonly string[],
  limit: number,
  options: ItemNeighbourOptions,
): ItemNeighbour[] {
  const viewer = userKey(viewerId);
  const totals = new Map<string, { sum: number; best: number; becauseOf: string }>();
  for (const seedId of seedIds) {
    const seed = postKey(seedId);
    const engagers = projection.engagementsOf(seed);
    if (engagers.length === 0) continue;

    const shared = countCoEngaged(projection, seed, viewer, options);
    const norm = Math.sqrt(engagers.length);
    for (const [post, count] of shared) {
      const partial = count / norm;
      const total = totals.get(post);
      if (total === undefined) {
        totals.set(post, { sum: partial, best: partial, becauseOf: seedId });
        continue;
      }
      total.sum += partial;
      const better = partial > total.best
        || (partial === total.best && compareIds(seedId, total.becauseOf) < 0);
      if (better) Object.assign(total, { best: partial, becauseOf: seedId });
    }
  }
  const scored = [...totals].map(([post, total]) => ({
    postId: idOfKey(post),
    score: total.sum / Math.sqrt(projection.engagementDegree(post)),
    becauseOf: total.becauseOf,
  }));
  return topByScore(scored, limit);
}

/** Per post, how many of the seed's sampled engagers also engaged it. */
function countCoEngaged(
  projection: GraphProjection,
  seed: string,
  viewer: string,
  options: ItemNeighbourOptions,
): Map<string, number> {
  const shared = new Map<string, number>();
  let sampled = 0;
  for (const engager of projection.engagementsOf(seed)) {
    if (engager.key === viewer) continue;
    if (sampled++ >= options.usersPerSeed) break;
    const posts = projection.engagementsOf(engager.key);
    const end = Math.min(posts.length, options.postsPerUser);
    for (let i = 0; i < end; i++) {
      const post = posts[i]!.key;
      if (post !== seed) shared.set(post, (shared.get(post) ?? 0) + 1);
    }
  }
  return shared;
}

export interface UserNeighbourOptions {
  /** Neighbours kept: the users sharing the most seeds. */
  neighbours: number;
  /** Most recent engagements read per neighbour. */
  postsPerUser: number;
}

export interface VotedPost {
  postId: string;
  score: number;
  /** The users behind the score, strongest vote first (ties by id). */
  userIds: string[];
}

/**
 * What the users sharing the most of `seedIds` with the viewer engaged
 * (see file header), best first (ties by id), at most `limit`.
 */
export function userNeighbourPosts(
  projection: GraphProjection,
  viewerId: string,
  seedIds: readonly string[],
  limit: number,
  options: UserNeighbourOptions,
): VotedPost[] {
  const viewer = userKey(viewerId);
  const shared = new Map<string, number>();
  for (const seedId of new Set(seedIds)) {
    for (const engager of projection.engagementsOf(postKey(seedId))) {
      if (engager.key !== viewer) shared.set(engager.key, (shared.get(engager.key) ?? 0) + 1);
    }
  }
  const neighbours = [...shared]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, options.neighbours);

  const votes = new Votes();
  for (const [neighbour, count] of neighbours) {
    const posts = projection.engagementsOf(neighbour).slice(0, options.postsPerUser);
    for (const post of posts) votes.add(post.key, idOfKey(neighbour), count * post.weight);
  }
  return votes.top(limit);
}

export interface SocialProofOptions {
  /** Oldest engagement counted, as an age in milliseconds. */
  maxAgeMs: number;
  /** Age at which an engagement's weight halves, in milliseconds. */
  halfLifeMs: number;
}

/**
 * Posts engaged within the window by `followees`, each followee weighing
 * `affinity(id)` (see file header), best first (ties by id), at most `limit`.
 */
export function followeeEngagedPosts(
  projection: GraphProjection,
  followees: readonly string[],
  affinity: (userId: string) => number,
  now: number,
  limit: number,
  options: SocialProofOptions,
): VotedPost[] {
  const since = now - options.maxAgeMs;
  const votes = new Votes();
  for (const followee of new Set(followees)) {
    const weight = affinity(followee);
    for (const post of projection.engagementsOf(userKey(followee))) {
      if (post.at < since) break; // newest first: the rest are older
      const fading = decay(now - post.at, options.halfLifeMs);
      votes.add(post.key, followee, weight * post.weight * fading);
    }
  }
  return votes.top(limit);
}

/** Sums of votes per post, remembering each voter's vote. */
class Votes {
  private readonly byPost = new Map<string, { sum: number; voters: Array<[string, number]> }>();

  add(post: string, voter: string, vote: number): void {
    const entry = this.byPost.get(post);
    if (entry === undefined) this.byPost.set(post, { sum: vote, voters: [[voter, vote]] });
    else {
      entry.sum += vote;
      entry.voters.push([voter, vote]);
    }
  }

  top(limit: number): VotedPost[] {
    const scored = [...this.byPost].map(([post, entry]) => ({
      postId: idOfKey(post),
      score: entry.sum,
      voters: entry.voters,
    }));
    return topByScore(scored, limit).map(({ postId, score, voters }) => ({
      postId,
      score,
      userIds: voters.sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0])).map(([id]) => id),
    }));
  }
}

/** The `limit` best by score, ties by post id. */
function topByScore<T extends { postId: string; score: number }>(items: T[], limit: number): T[] {
  return items
    .sort((a, b) => b.score - a.score || compareIds(a.postId, b.postId))
    .slice(0, limit);
}
