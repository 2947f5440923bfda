/**
 * Re-ranking of a blended list, greedily, position by position:
 * - author diversity: an item's score is multiplied by authorPenalty^k, k the
 *   items by the same author already placed;
 * - near-duplicates: an item with the same normalised text as a placed one,
 *   or an embedding cosine >= duplicateCosine with one, is dropped when its
 *   turn comes (each check is against the placed items only);
 * - exploration: with probability explorationShare a position goes to a
 *   random item (seeded) by an author the viewer does not follow or a post
 *   younger than freshMs, marked with the EXPLORATION reason.
 */
import type { Random } from '../math/random.js';
import type { BlendedCandidate } from './blend.js';
import type { PostFacts } from './candidates.js';
import type { RERANK_DEFAULTS } from './engine.js';
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
  const shown = new ShownContent(options.duplicateCosine);
  while (placed.length < input.size && remaining.length > 0) {
    // The first position always goes to the best item.
    const explore = input.random() < options.explorationShare && placed.length > 0;
    const index = explore ? pickExploration(remaining, input, options) : -1;
    const chosen = index >= 0 ? index : pickBest(remaining, input.facts, authorCounts, options);
    const [item] = remaining.splice(chosen, 1);
    const facts = input.facts.get(item!.postId)!;
    // A near-duplicate of a placed item is dropped when its turn comes.
    if (!shown.add(facts)) continue;
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

/**
 * The texts and unit embeddings of the items placed so far; `add` refuses
 * a post whose normalised text equals one of them or whose embedding
 * cosine with one reaches the threshold.
 */
class ShownContent {
  private readonly texts = new Set<string>();
  private readonly vectors: Float64Array[] = [];

  constructor(private readonly threshold: number) {}

  /** Records the post and returns true, or returns false for a duplicate. */
  add(facts: PostFacts): boolean {
    const text = normaliseText(facts.text);
    if (text !== '' && this.texts.has(text)) return false;
    const vector = facts.embedding === null ? null : unitVector(facts.embedding);
    if (vector !== null && this.vectors.some((v) => dot(v, vector) >= this.threshold)) {
      return false;
    }
    if (text !== '') this.texts.add(text);
    if (vector !== null) this.vectors.push(vector);
    return true;
  }
}

function unitVector(values: readonly number[]): Float64Array | null {
  const norm = Math.hypot(...values);
  return norm === 0 ? null : Float64Array.from(values, (x) => x / norm);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Lower-cased text with punctuation and runs of spaces removed. */
export function normaliseText(text: string | null): string {
  if (text === null) return '';
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
