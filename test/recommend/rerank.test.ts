/**
 * Blend and re-rank on hand-made candidates (no database needed).
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/math/random.js';
import { blendCandidates } from '../../src/recommend/blend.js';
import type { PostFacts } from '../../src/recommend/candidates.js';
import { RERANK_DEFAULTS } from '../../src/recommend/engine.js';
import { normaliseText, rerank } from '../../src/recommend/rerank.js';
import { decodeCursor, encodeCursor } from '../../src/recommend/snapshot.js';

const facts = (postId: string, authorId: string, text = postId): PostFacts =>
  ({ postId, authorId, createdAt: 0, text, embedding: null, tags: [] });

const blendOf = (scores: Record<string, number>) =>
  blendCandidates(
    new Map([['s', Object.entries(scores).map(([postId, score]) => ({
      postId, score, reasons: [{ kind: 'POPULAR' as const }],
    }))]]),
    { s: 1 },
    new Set(Object.keys(scores)),
  );

describe('blendCandidates', () => {
  it('divides by each source\'s best score and weights the sources', () => {
    const blended = blendCandidates(
      new Map([
        ['a', [{ postId: 'x', score: 10, reasons: [] }, { postId: 'y', score: 5, reasons: [] }]],
        ['b', [{ postId: 'y', score: 2, reasons: [] }]],
      ]),
      { a: 1, b: 0.5 },
      new Set(['x', 'y']),
    );
    expect(blended.map((c) => [c.postId, c.score])).toEqual([['x', 1], ['y', 1]]);
    expect(blended[1]!.breakdown).toEqual([
      { source: 'a', raw: 5, normalized: 0.5, weight: 1, contribution: 0.5 },
      { source: 'b', raw: 2, normalized: 1, weight: 0.5, contribution: 0.5 },
    ]);
  });

  it('leaves out posts the filter removed', () => {
    const blended = blendCandidates(
      new Map([['a', [{ postId: 'x', score: 1, reasons: [] }]]]),
      { a: 1 },
      new Set(),
    );
    expect(blended).toEqual([]);
  });
});

describe('rerank', () => {
  const noExploration = { ...RERANK_DEFAULTS, explorationShare: 0 };

  it('lets another author in before a third post by the same author', () => {
    const items = rerank({
      blended: blendOf({ a1: 1, a2: 0.9, a3: 0.8, b1: 0.7 }),
      facts: new Map([facts('a1', 'A'), facts('a2', 'A'), facts('a3', 'A'), facts('b1', 'B')]
        .map((f) => [f.postId, f])),
      followees: new Set(),
      now: 0,
      random: createRandom(1),
      size: 10,
    }, noExploration);
    expect(items.map((item) => item.postId)).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('puts first a post every followee engaged with, whatever its score', () => {
    const blended = blendOf({ top: 1, friends: 0.2, some: 0.1 });
    const engaged = (count: number) =>
      [{ kind: 'ENGAGED_BY_FOLLOWEES' as const, count, userIds: [] }];
    blended.find((c) => c.postId === 'friends')!.reasons = engaged(2);
    blended.find((c) => c.postId === 'some')!.reasons = engaged(1);
    const items = rerank({
      blended,
      facts: new Map(['top', 'friends', 'some'].map((id) => [id, facts(id, id)])),
      followees: new Set(['f1', 'f2']),
      now: 0,
      random: createRandom(1),
      size: 10,
    }, noExploration);
    expect(items.map((item) => item.postId)).toEqual(['friends', 'top', 'some']);
  });

  it('drops a post whose normalised text repeats one already placed', () => {
    const items = rerank({
      blended: blendOf({ x: 1, y: 0.9 }),
      facts: new Map([
        ['x', facts('x', 'A', 'Hello, World')],
        ['y', facts('y', 'B', 'hello world!')],
      ]),
      followees: new Set(),
      now: 0,
      random: createRandom(1),
      size: 10,
    }, noExploration);
    expect(items.map((item) => item.postId)).toEqual(['x']);
    expect(normaliseText(' Hello,   World! ')).toBe('hello world');
  });

  it('explores the same way for the same seed and marks what it explored', () => {
    const scores = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, 30 - i]));
    const input = () => ({
      blended: blendOf(scores),
      facts: new Map(Object.keys(scores).map((id) => [id, facts(id, id)])),
      followees: new Set<string>(),
      now: 0,
      random: createRandom(3),
      size: 30,
    });
    const options = { ...RERANK_DEFAULTS, explorationShare: 0.5 };
    const first = rerank(input(), options);
    expect(rerank(input(), options)).toEqual(first);
    expect(first[0]!.postId).toBe('p0');
    expect(first.some((item) => item.reasons.some((r) => r.kind === 'EXPLORATION'))).toBe(true);
  });
});

describe('feed cursors', () => {
  it('round-trip a snapshot id and offset', () => {
    const cursor = { snapshotId: '0b7f2a8e-57c4-4d0e-9a3c-1f2e3d4c5b6a', offset: 40 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
});
