import { describe, expect, it } from 'vitest';
import { toCandidates } from '../../src/recommend/sources/learnedModel.js';

describe('toCandidates', () => {
  it('shifts negative model scores above 0, keeping order and gaps', () => {
    const ranked = [{ item: 2, score: -0.5 }, { item: 0, score: -1 }, { item: 1, score: -3 }];
    const candidates = toCandidates(ranked, 2, (i) => `p${i}`);
    expect(candidates.map((c) => c.postId)).toEqual(['p2', 'p0']);
    expect(candidates[0]!.score).toBeCloseTo(2.5, 6);
    expect(candidates[1]!.score).toBeCloseTo(2, 6);
    expect(candidates.every((c) => c.score > 0)).toBe(true);
  });

  it('keeps the last item of a short list above 0', () => {
    const candidates = toCandidates([{ item: 0, score: 1 }], 5, (i) => `p${i}`);
    expect(candidates[0]!.score).toBeGreaterThan(0);
  });
});
