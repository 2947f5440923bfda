/**
 * The built-in TF-IDF + LSA embedder, its terms, its saved model and the
 * checks on vectors from outside — no database needed.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SavedModelEmbedder } from '../../src/content/contentEmbedder.js';
import { checkEmbedding, ContentError } from '../../src/content/embedder.js';
import { fitLsaModel, LsaEmbedder } from '../../src/content/lsaModel.js';
import { loadContentModel, saveContentModel } from '../../src/content/modelStore.js';
import { countTerms } from '../../src/content/terms.js';
import { createRandom } from '../../src/math/random.js';
import { clusterPosts, topicText } from './fixtures.js';

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

const posts = clusterPosts(10);
const model = fitLsaModel(posts.map((p) => p.text), 128);
const embedder = new LsaEmbedder(model);

describe('countTerms', () => {
  it('stems words, drops stop words and strips HTML', () => {
    const { words } = countTerms('<p>The <b>brewing</b> of brewed beers &amp; the beer</p>');
    expect(Object.fromEntries(words)).toEqual({ 'w:brew': 2, 'w:beer': 2 });
  });

  it('counts character n-grams of each padded word', () => {
    const { grams } = countTerms('ipa', { minGram: 3, maxGram: 4, maxCharacters: 100 });
    expect([...grams.keys()].sort()).toEqual(['c: ip', 'c: ipa', 'c:ipa', 'c:ipa ', 'c:pa ']);
  });

  it('keeps each emoji as a term and finds nothing in blank text', () => {
    expect([...countTerms('🍺🍺 🍷').words]).toEqual([['e:🍺', 2], ['e:🍷', 1]]);
    const blank = countTerms(' \n\t ');
    expect(blank.words.size + blank.grams.size).toBe(0);
  });
});

describe('fitLsaModel', () => {
  it('makes unit vectors of EMBEDDING_DIMENSIONS, rank limited by the corpus', async () => {
    const [vector] = await embedder.embed([posts[0]!.text]);
    expect(vector).toHaveLength(128);
    expect(norm(vector!)).toBeCloseTo(1, 5);
    expect(model.rank).toBeGreaterThan(2);
    expect(model.rank).toBeLessThanOrEqual(posts.length);
  });

  it('places each post nearest to a post of its own topic', async () => {
    const vectors = await embedder.embed(posts.map((p) => p.text));
    const topic = (i: number) => posts[i]!.id.split('-')[0];
    let within = 0;
    let across = 0;
    posts.forEach((_, i) => {
      const others = posts
        .map((_, j) => ({ j, similarity: j === i ? -2 : dot(vectors[i]!, vectors[j]!) }))
        .sort((a, b) => b.similarity - a.similarity);
      expect(topic(others[0]!.j)).toBe(topic(i));
      for (const { j, similarity } of others.slice(0, -1)) {
        if (topic(j) === topic(i)) within += similarity / 9;
        else across += similarity / 20;
      }
    });
    // Measured: 0.34 within a topic, 0.07 across (30 posts).
    expect(within / posts.length).toBeGreaterThan(4 * (across / posts.length));
  });

  it('folds in a new text next to its topic without refitting', async () => {
    const random = createRandom(99);
    const [beer] = await embedder.embed([topicText('beer', random)]);
    const fitted = await embedder.embed(posts.map((p) => p.text));
    const nearest = fitted
      .map((v, i) => ({ id: posts[i]!.id, similarity: dot(beer!, v) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 5);
    expect(nearest.every((hit) => hit.id.startsWith('beer-'))).toBe(true);
  });

  it('matches an inflected word it never saw through character n-grams', async () => {
    const [hoppiest, lagers, wine] = await embedder.embed(['hoppiest', 'lagers', 'vineyards']);
    expect(dot(hoppiest!, lagers!)).toBeGreaterThan(dot(hoppiest!, wine!));
  });

  it('gives zero vectors, never NaN, for empty, blank, emoji and unknown text', async () => {
    const vectors = await embedder.embed(['', '   \n ', '🍺🎉', 'zzqx']);
    for (const vector of vectors) {
      expect(vector).toHaveLength(128);
      expect(vector.every((value) => value === 0)).toBe(true);
    }
  });

  it('embeds a 50,000-character post to a finite unit vector', async () => {
    const random = createRandom(5);
    let text = '';
    while (text.length < 50_000) text += `${topicText('wine', random)} `;
    const [vector] = await embedder.embed([text]);
    expect(vector!.every(Number.isFinite)).toBe(true);
    expect(norm(vector!)).toBeCloseTo(1, 5);
  });

  it('fits a corpus of empty texts without failing', () => {
    const empty = fitLsaModel(['', ' '], 16);
    expect([empty.rank, empty.vocabulary.length]).toEqual([0, 0]);
  });
});

describe('the saved content model', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'grapevine-model-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it('embeds exactly as before after a save and a load (a restart)', async () => {
    const dir = await tempDir();
    await saveContentModel(dir, model);
    const loaded = await loadContentModel(dir);
    const texts = ['stout and porter', posts[3]!.text];
    expect(await new LsaEmbedder(loaded!).embed(texts)).toEqual(await embedder.embed(texts));
  });

  it('answers MODEL_NOT_TRAINED until a model is saved, then uses it', async () => {
    const dir = await tempDir();
    const saved = new SavedModelEmbedder(dir, 128);
    await expect(saved.embed(['beer'])).rejects.toMatchObject({ code: 'MODEL_NOT_TRAINED' });
    await saveContentModel(dir, model);
    expect(await saved.embed(['beer'])).toEqual(await embedder.embed(['beer']));
  });

  it('refuses a model fitted for other dimensions', async () => {
    const dir = await tempDir();
    await saveContentModel(dir, fitLsaModel(posts.map((p) => p.text), 16));
    await expect(new SavedModelEmbedder(dir, 128).embed(['beer']))
      .rejects.toMatchObject({ code: 'EMBEDDING_DIMENSION_MISMATCH' });
  });
});

describe('checkEmbedding', () => {
  it('rejects a vector of the wrong size with EMBEDDING_DIMENSION_MISMATCH', () => {
    const call = () => checkEmbedding([1, 2, 3], 128);
    expect(call).toThrow(ContentError);
    expect(call).toThrow('embedding must have 128 numbers (EMBEDDING_DIMENSIONS), but got 3');
  });

  it('rejects NaN and returns null for a zero vector', () => {
    expect(() => checkEmbedding([1, Number.NaN], 2)).toThrow(/entry 1 is NaN/);
    expect(checkEmbedding([0, 0], 2)).toBeNull();
  });

  it('unit-normalises what it accepts', () => {
    expect(Array.from(checkEmbedding([3, 4], 2)!)).toEqual([
      Math.fround(0.6), Math.fround(0.8),
    ]);
  });
});
