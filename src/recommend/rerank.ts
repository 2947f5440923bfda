/**
 * Re-ranking of a blended list, greedily, position by position:
 * - author diversity: an item's score is multiplied by authorPenalty^k, k the
 *   items by the same author already placed;
 * - near-duplicates: once an item is placed, items with the same normalised
 *   text or an embedding cosine >= duplicateCosine are dropped;
 * - exploration: with probability explorationShare a position goes to a
 *   random item (seeded) by an author the viewer does not follow or a post
 *   younger than freshMs, marked with the EXPLORATION reason.
 */
import type { Random } from '../math/random.js';
import type { BlendedCandidate } from './blend.js';
import type { PostFacts } from './candidates.js';
import type { RERANK_DEFAULTS } from './engine.js';
import { cosine } from './sources/content.js';
import type { FeedItem } from './types.js';

export interface RerankInput {
  blended: readonly BlendedCandidate[];
  facts: ReadonlyMap<string, PostFacts>;
  followees: ReadonlySet<string>;
  now: number;
  random: Random;
  /** Most items returned. */
  size: number;
}

/** Orders the blended candidates into feed items (see file header). */
export function rerank(input: RerankInput, options: typeof RERANK_DEFAULTS): FeedItem[] {
  const remaining = input.blended.filter((c) => input.facts.has(c.postId));
  const authorCounts = new Map<string, number>();
  const placed: FeedItem[] = [];
  while (placed.length < input.size && remaining.length > 0) {
    // The first position always goes to the best item.
    const explore = input.random() < options.explorationShare && placed.length > 0;
    const index = explore ? pickExploration(remaining, input, options) : -1;
    const chosen = index >= 0 ? index : pickBest(remaining, input.facts, authorCounts, options);
    const [item] = remaining.splice(chosen, 1);
    const facts = input.facts.get(item!.postId)!;
    const penalty = Math.pow(options.authorPenalty, authorCounts.get(facts.authorId ?? '') ?? 0);
    placed.push({
      postId: item!.postId,
      authorId: facts.authorId,
      score: item!.score * (facts.authorId === null ? 1 : penalty),
      reasons: index >= 0 ? [...item!.reasons, { kind: 'EXPLORATION' }] : item!.reasons,
      breakdown: item!.breakdown,
    });
    if (facts.authorId !== null) {
      authorCounts.set(facts.authorId, (authorCounts.get(facts.authorId) ?? 0) + 1);
    }
    dropDuplicates(remaining, facts, input.facts, options.duplicateCosine);
  }
  return placed;
}

function pickBest(
  remaining: readonly BlendedCandidate[],
  facts: ReadonlyMap<string, PostFacts>,
  authorCounts: ReadonlyMap<string, number>,
  options: typeof RERANK_DEFAULTS,
): number {
  let best = 0;
  let bestScore = -Infinity;
  for (const [i, candidate] of remaining.entries()) {
    const author = facts.get(candidate.postId)!.authorId;
    const seen = author === null ? 0 : authorCounts.get(author) ?? 0;
    const score = candidate.score * Math.pow(options.authorPenalty, seen);
    // `remaining` is sorted by score then id, so strict > keeps the tie-break.
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

function pickExploration(
  remaining: readonly BlendedCandidate[],
  input: RerankInput,
  options: typeof RERANK_DEFAULTS,
): number {
  const pool: number[] = [];
  for (const [i, candidate] of remaining.entries()) {
    if (i === 0) continue;
    const facts = input.facts.get(candidate.postId)!;
    const newAuthor = facts.authorId !== null && !input.followees.has(facts.authorId);
    const fresh = input.now - facts.createdAt < options.freshMs;
    if (newAuthor || fresh) pool.push(i);
  }
  if (pool.length === 0) return -1;
  return pool[Math.floor(input.random() * pool.length)]!;
}

function dropDuplicates(
  remaining: BlendedCandidate[],
  kept: PostFacts,
  facts: ReadonlyMap<string, PostFacts>,
  threshold: number,
): void {
  const text = normaliseText(kept.text);
  for (let i = remaining.length - 1; i >= 0; i--) {
    const other = facts.get(remaining[i]!.postId)!;
    const sameText = text !== '' && normaliseText(other.text) === text;
    const close = kept.embedding !== null && other.embedding !== null
      && cosine(kept.embedding, other.embedding) >= threshold;
    if (sameText || close) remaining.splice(i, 1);
  }
}

/** Lower-cased text with punctuation and runs of spaces removed. */
export function normaliseText(text: string | null): string {
  if (text === null) return '';
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
