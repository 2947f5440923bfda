/**
 * Who to follow: friends of friends by Adamic–Adar, personalised PageRank
 * on the follow graph, and users who engage with the same posts, each
 * normalised by its best score and blended:
 *   score(u) = sum_s weight_s * signal_s(u) / max_w signal_s(w)
 * Viewers with no follows and no engagement get the most-followed users.
 * Never suggests the viewer, anyone already followed, blocked either way,
 * or muted (checked in Neo4j, the source of truth).
 */
import {
  adamicAdar,
  coEngagement,
  mostFollowed,
  personalizedPageRank,
  type Signal,
} from '../graph/followSignals.js';
import { compareIds, topByScore } from '../math/ranking.js';
import type { Engine } from './engine.js';
import { RecommendError } from './errors.js';
import { cachedForViewer } from './perViewer.js';
import { randomFor } from './seed.js';
import type { ScoreShare } from './types.js';

export const WHO_TO_FOLLOW_DEFAULTS = {
  /** Blend weight of each signal. */
  weights: { adamicAdar: 1, pageRank: 0.5, coEngagement: 0.7, mostFollowed: 0.05 },
  /** Candidates checked against Neo4j per suggestion wanted. */
  oversample: 3,
  /** Most user ids named in a reason. */
  namedUsers: 5,
  /** Largest `first` accepted. */
  maxFirst: 100,
};

export type FollowReason =
  | { kind: 'FOLLOWED_BY_FOLLOWEES'; count: number; userIds: string[] }
  | { kind: 'ENGAGES_WITH_SAME_POSTS'; count: number; postIds: string[] }
  | { kind: 'CLOSE_IN_FOLLOW_GRAPH' }
  | { kind: 'POPULAR_ACCOUNT'; followers: number };

export interface FollowSuggestion {
  userId: string;
  handle: string;
  displayName: string | null;
  score: number;
  reasons: FollowReason[];
  breakdown: ScoreShare[];
}

/** A blended candidate before the check against blocks and mutes. */
export interface FollowCandidate {
  userId: string;
  score: number;
  reasons: FollowReason[];
  breakdown: ScoreShare[];
}

/** Describes a follow reason in words ("Followed by 4 people you follow"). */
export function describeFollowReason(reason: FollowReason): string {
  switch (reason.kind) {
    case 'FOLLOWED_BY_FOLLOWEES':
      return `Followed by ${reason.count} ${reason.count === 1 ? 'person' : 'people'} you follow`;
    case 'ENGAGES_WITH_SAME_POSTS':
      return `Likes ${reason.count} of the posts you liked`;
    case 'CLOSE_IN_FOLLOW_GRAPH':
      return 'Close to you in the follow graph';
    case 'POPULAR_ACCOUNT':
      return `Followed by ${reason.followers} people`;
  }
}

/**
 * Returns up to `first` users for the viewer to follow, best first (ties by
 * id), each with reasons and a per-signal breakdown.
 */
export async function suggestUsersToFollow(
  engine: Engine,
  request: { viewerId: string; first: number },
  options = WHO_TO_FOLLOW_DEFAULTS,
): Promise<FollowSuggestion[]> {
  const { viewerId, first } = request;
  if (!Number.isInteger(first) || first < 1 || first > options.maxFirst) {
    throw new RecommendError(
      'BAD_USER_INPUT',
      `first must be an integer from 1 to ${options.maxFirst}, but got: ${first}`,
    );
  }
  const candidates = (await followCandidates(engine, viewerId, options))
    .slice(0, first * options.oversample);
  const rows = await engine.db.read<{ userId: string; handle: string; displayName: string | null }>(
    'recommend/followableUsers',
    { viewerId, userIds: candidates.map((entry) => entry.userId) },
  );
  const allowed = new Map(rows.map((row) => [row.userId, row]));
  return candidates
    .filter((entry) => allowed.has(entry.userId))
    .slice(0, first)
    .map((entry) => ({ ...allowed.get(entry.userId)!, ...entry }));
}

/**
 * The viewer's best candidates for the largest page, explained, before
 * the check against Neo4j: cached while the viewer does nothing (see
 * viewerCache.ts), computed once for simultaneous requests, and shed with
 * OVERLOADED beside feed rankings when too many wait. NOT_FOUND for a
 * viewer who does not exist.
 */
function followCandidates(
  engine: Engine,
  viewerId: string,
  options: typeof WHO_TO_FOLLOW_DEFAULTS,
): Promise<FollowCandidate[]> {
  const size = options.maxFirst * options.oversample;
  return cachedForViewer(engine, engine.followCache, viewerId, async () =>
    blendSignals(collectSignals(engine, viewerId, size), options, size));
}

function collectSignals(
  engine: Engine,
  viewerId: string,
  fallbackSize: number,
): Map<string, Map<string, Signal>> {
  const { projection } = engine;
  const random = randomFor(engine.config.feed.seed, viewerId, 'whoToFollow');
  const signals = new Map([
    ['adamicAdar', adamicAdar(projection, viewerId)],
    ['pageRank', personalizedPageRank(projection, viewerId, random)],
    ['coEngagement', coEngagement(projection, viewerId)],
  ]);
  // Fallback: cover viewers with a thin graph (and those filtered away).
  const followed = new Set(projection.followees(viewerId));
  signals.set('mostFollowed', mostFollowed(projection, fallbackSize + followed.size + 1));
  return signals;
}

/**
 * The `keep` best candidates by blended score (ties by id), with their
 * reasons and breakdown. Scores are summed for every candidate first; only
 * the kept few pay for their explanation.
 */
function blendSignals(
  signals: Map<string, Map<string, Signal>>,
  options: typeof WHO_TO_FOLLOW_DEFAULTS,
  keep: number,
): FollowCandidate[] {
  const weights: Record<string, number> = options.weights;
  const best = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const [source, scores] of signals) {
    let top = 0;
    for (const signal of scores.values()) top = Math.max(top, signal.score);
    if (top === 0) continue;
    best.set(source, top);
    const weight = weights[source] ?? 0;
    for (const [userId, signal] of scores) {
      totals.set(userId, (totals.get(userId) ?? 0) + (signal.score / top) * weight);
    }
  }
  const ranked = topByScore(
    Array.from(totals, ([userId, score]) => ({ userId, score })),
    keep,
    (entry) => entry.userId,
  );
  return ranked.map(({ userId, score }) => {
    const entry: FollowCandidate = { userId, score, reasons: [], breakdown: [] };
    for (const [source, top] of best) {
      const signal = signals.get(source)!.get(userId);
      if (signal === undefined) continue;
      const weight = weights[source] ?? 0;
      const normalized = signal.score / top;
      entry.breakdown.push({
        source,
        raw: signal.score,
        normalized,
        weight,
        contribution: normalized * weight,
      });
      entry.reasons.push(reasonFor(source, signal, options.namedUsers));
    }
    return entry;
  });
}

function reasonFor(source: string, signal: Signal, named: number): FollowReason {
  const via = [...new Set(signal.via)].sort(compareIds);
  switch (source) {
    case 'adamicAdar':
      return { kind: 'FOLLOWED_BY_FOLLOWEES', count: via.length, userIds: via.slice(0, named) };
    case 'coEngagement':
      return { kind: 'ENGAGES_WITH_SAME_POSTS', count: via.length, postIds: via.slice(0, named) };
    case 'mostFollowed':
      return { kind: 'POPULAR_ACCOUNT', followers: signal.score };
    default:
      return { kind: 'CLOSE_IN_FOLLOW_GRAPH' };
  }
}
