import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStoredModelSources, storedListFile } from '../../src/models/serving.js';
import { toCandidates } from '../../src/recommend/sources/learnedModel.js';
import type { SourceContext } from '../../src/recommend/sources/source.js';

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

describe('loadStoredModelSources', () => {
  it('serves each viewer the stored list of every model file in the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grapevine-models-'));
    fs.writeFileSync(storedListFile(dir, 'als'), JSON.stringify({
      model: 'als', trainedAt: 1, lists: { u1: [['p1', 0.9], ['p2', 0.4]] },
    }));
    const sources = loadStoredModelSources(dir);
    expect(sources.map((s) => s.name)).toEqual(['als']);
    const context = (id: string, limit: number) =>
      ({ viewer: { id, followees: [], recent: [] }, limit }) as unknown as SourceContext;
    expect((await sources[0]!.generate(context('u1', 1))).map((c) => c.postId)).toEqual(['p1']);
    expect(await sources[0]!.generate(context('stranger', 5))).toEqual([]);
  });

  it('finds no source in a folder that does not exist', () => {
    expect(loadStoredModelSources('/nonexistent/grapevine-models')).toEqual([]);
  });
});
