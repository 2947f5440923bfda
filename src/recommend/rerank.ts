/**
 * Re-ranking of a blended list, greedily, position by position:
 * - author diversity: an item's score is multiplied by authorPenalty^k, k the
 *   items by the same author already placed;
 * - near-duplicates: an item with the same normalised text as a placed one,
 *   or an embedding cosine >= duplicateCosine with one, is dropped when its
 *   turn comes (each check is against the placed items only);
 * - exploration: with probability explorationShare a position goes to a
 *   random item (seeded) by an author the viewer does not follow or a post
 *   younger than freshMs, marked with the EXPLORATION reason;
 * - friends' consensus: posts engaged by every user the viewer follows
 *   (at least consensusMinFollowees of them) take the first places, best
 *   first. A product rule, kept out of the blend weights: those are fitted
 *   for accuracy and only matter relative to each other.
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
  const ranked = input.blended.filter((c) => input.facts.has(c.postId));
  const authors = ranked.map((c) => input.facts.get(c.postId)!.authorId);
  const queues = new AuthorQueues(ranked.map((c) => c.score), authors, options.authorPenalty);
  const shown = new ShownContent(options.duplicateCosine);
  const consensus = friendsConsensus(ranked, input.followees.size, options);
  const placed: FeedItem[] = [];
  while (placed.length < input.size && queues.left > 0) {
    const pinned = consensus.shift();
    // The first position always goes to the best item (or a pinned one).
    const draw = input.random();
    const explore = pinned === undefined && draw < options.explorationShare && placed.length > 0;
    const index = explore ? pickExploration(ranked, queues, input, options) : -1;
    const chosen = pinned ?? (index >= 0 ? index : queues.best());
    queues.remove(chosen);
    const item = ranked[chosen]!;
    const facts = input.facts.get(item.postId)!;
    // A near-duplicate of a placed item is dropped when its turn comes.
    if (!shown.add(facts)) continue;
    placed.push({
      postId: item.postId,
      authorId: facts.authorId,
      score: item.score * queues.penalty(facts.authorId),
      reasons: index >= 0 ? [...item.reasons, { kind: 'EXPLORATION' }] : item.reasons,
      breakdown: item.breakdown,
    });
    queues.countPlaced(facts.authorId);
  }
  return placed;
}

/** Indices of the items every followee engaged with, best first (see file header). */
function friendsConsensus(
  ranked: readonly BlendedCandidate[],
  followees: number,
  options: typeof RERANK_DEFAULTS,
): number[] {
  const min = options.consensusMinFollowees;
  if (min <= 0 || followees < min) return [];
  return ranked.flatMap((candidate, index) => candidate.reasons.some((reason) =>
    reason.kind === 'ENGAGED_BY_FOLLOWEES' && reason.count >= followees) ? [index] : []);
}

/**
 * The candidates (indices into a list sorted best first) queued by author,
 * and a lazy max-heap of each author's best remaining candidate at its
 * penalised score, score * authorPenalty^placed. `best` is then O(log n)
 * rather than a scan of every candidate per position. Posts without an
 * author share one queue and are never penalised.
 */
class AuthorQueues {
  left: number;
  private readonly removed: Uint8Array;
  private readonly queues = new Map<string | null, AuthorQueue>();
  private readonly heap: HeapEntry[] = [];

  constructor(
    private readonly scores: readonly number[],
    authors: ReadonlyArray<string | null>,
    private readonly authorPenalty: number,
  ) {
    this.left = scores.length;
    this.removed = new Uint8Array(scores.length);
    for (const [index, author] of authors.entries()) {
      const queue = this.queues.get(author);
      if (queue !== undefined) queue.indices.push(index);
      else this.queues.set(author, { author, indices: [index], head: 0, placed: 0 });
    }
    for (const queue of this.queues.values()) this.push(queue);
  }

  /** Index of the best remaining candidate at its penalised score (ties: lower index). */
  best(): number {
    for (;;) {
      const top = this.heap[0]!;
      const current = this.head(top.queue);
      if (current === undefined) {
        this.pop();
        continue;
      }
      const score = this.scores[current]! * this.penalty(top.queue.author);
      if (current === top.index && score === top.score) return current;
      this.pop(); // stale: the head was taken or the author placed since
      this.push(top.queue);
    }
  }

  /** True when the candidate is still to place. */
  has(index: number): boolean {
    return this.removed[index] === 0;
  }

  remove(index: number): void {
    if (this.removed[index] === 1) return;
    this.removed[index] = 1;
    this.left -= 1;
  }

  /** authorPenalty^k for the k posts of `author` placed so far (1 for none). */
  penalty(author: string | null): number {
    if (author === null) return 1;
    return Math.pow(this.authorPenalty, this.queues.get(author)?.placed ?? 0);
  }

  countPlaced(author: string | null): void {
    if (author !== null) this.queues.get(author)!.placed += 1;
  }

  private head(queue: AuthorQueue): number | undefined {
    while (queue.head < queue.indices.length && this.removed[queue.indices[queue.head]!] === 1) {
      queue.head += 1;
    }
    return queue.indices[queue.head];
  }

  private push(queue: AuthorQueue): void {
    const index = this.head(queue);
    if (index === undefined) return;
    const entry = { queue, index, score: this.scores[index]! * this.penalty(queue.author) };
    const heap = this.heap;
    heap.push(entry);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && before(heap[left]!, heap[top]!)) top = left;
      if (right < heap.length && before(heap[right]!, heap[top]!)) top = right;
      if (top === i) break;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  }
}

interface AuthorQueue {
  author: string | null;
  /** Candidate indices, best first. */
  indices: number[];
  /** Position of the first candidate not yet removed (advanced lazily). */
  head: number;
  /** Posts of the author placed so far. */
  placed: number;
}

interface HeapEntry {
  queue: AuthorQueue;
  index: number;
  score: number;
}

/** Heap order: higher penalised score first, then the lower index. */
function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.score > b.score || (a.score === b.score && a.index < b.index);
}

function pickExploration(
  ranked: readonly BlendedCandidate[],
  queues: AuthorQueues,
  input: RerankInput,
  options: typeof RERANK_DEFAULTS,
): number {
  const pool: number[] = [];
  let first = true;
  for (const [i, candidate] of ranked.entries()) {
    if (!queues.has(i)) continue;
    if (first) { // the best remaining by raw score is not exploration
      first = false;
      continue;
    }
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
