/**
 * `npm run train -- content` and fold-in against the real Neo4j: every
 * post gets a unit embedding in the vector index, posts with nothing to
 * embed get none, and a post created later is embedded with the saved
 * model (as after a restart) and found by content at once.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/content/contentEmbedder.js';
import { foldInPosts, setPostEmbedding } from '../../src/content/postEmbeddings.js';
import { trainContent } from '../../src/content/trainContent.js';
import type { Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createRandom } from '../../src/math/random.js';
import { findSimilarPosts } from '../../src/recommend/similarPosts.js';
import { testConfig, useTestDatabase } from '../support/database.js';
import { clusterPosts, createPosts, topicText } from './fixtures.js';

describe('content training and fold-in', () => {
  const t = useTestDatabase();
  let config: Config;
  const longText = Array.from({ length: 800 }, (_, i) => `coffee espresso ${i}`)
    .join(' ')
    .padEnd(50_000, ' roast');

  beforeAll(async () => {
    config = testConfig({
      CONTENT_MODEL_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'grapevine-train-')),
    });
    await createPosts(t.db, [
      ...clusterPosts(8).map((p) => ({ ...p, tags: [p.id.split('-')[0]!] })),
      { id: 'empty', text: '' },
      { id: 'blank', text: '  \n\t ' },
      { id: 'emoji', text: '🍺🍺🎉' },
      { id: 'long', text: longText },
      { id: 'gone', text: 'beer ale stout porter hops', deleted: true },
    ]);
  });
  afterAll(async () => {
    await fs.rm(config.CONTENT_MODEL_DIR, { recursive: true, force: true });
  });

  async function embeddings(): Promise<Record<string, number[] | null>> {
    const rows = await t.db.readText<{ id: string; embedding: number[] | null }>(
      'MATCH (p:Post) RETURN p.id AS id, p.embedding AS embedding',
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.embedding]));
  }

  it('writes a unit embedding on every post with text, and none on the rest', async () => {
    const summary = await trainContent({ config, db: t.db, log: silentLogger });
    expect(summary).toMatchObject({ posts: 28, embedded: 25, dimensions: 128 });
    expect(summary.rank).toBeGreaterThan(3);

    const stored = await embeddings();
    for (const id of ['empty', 'blank', 'emoji', 'gone']) expect(stored[id]).toBeNull();
    for (const id of ['beer-0', 'wine-7', 'coffee-3', 'long']) {
      const vector = stored[id]!;
      expect(vector).toHaveLength(128);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
  });

  it('finds the content neighbours of a beer post among beer posts', async () => {
    const page = await findSimilarPosts({ db: t.db }, { postId: 'beer-2', first: 5 });
    expect(page.items.map((item) => item.postId.split('-')[0])).toEqual(
      ['beer', 'beer', 'beer', 'beer', 'beer'],
    );
    expect(page.items[0]!.reasons.map((r) => r.kind)).toEqual(['SIMILAR_TEXT', 'SHARED_TAGS']);
  });

  it('embeds a new post with the saved model and finds it by content at once', async () => {
    const text = topicText('wine', createRandom(123));
    await createPosts(t.db, [{ id: 'new-wine', text }]);
    const embedder = createEmbedder(config); // a fresh process: loads the saved model
    expect(await foldInPosts({ db: t.db, embedder }, ['new-wine'])).toBe(1);

    const page = await findSimilarPosts({ db: t.db }, { postId: 'new-wine', first: 3 });
    expect(page.items.map((item) => item.postId.split('-')[0])).toEqual(['wine', 'wine', 'wine']);
    const back = await findSimilarPosts({ db: t.db }, { postId: page.items[0]!.postId, first: 20 });
    expect(back.items.map((item) => item.postId)).toContain('new-wine');
  });

  it('stores no embedding when fold-in finds nothing to embed', async () => {
    const stale = [1, ...Array<number>(127).fill(0)];
    await createPosts(t.db, [{ id: 'new-emoji', text: '🎉', embedding: stale }]);
    expect(await foldInPosts({ db: t.db, embedder: createEmbedder(config) }, ['new-emoji']))
      .toBe(0);
    expect((await embeddings())['new-emoji']).toBeNull();
  });

  it('rejects an external vector of the wrong size with a clear error', async () => {
    await expect(setPostEmbedding(t.db, 'beer-1', [0.5, 0.5], 128)).rejects.toMatchObject({
      code: 'EMBEDDING_DIMENSION_MISMATCH',
      message: 'embedding must have 128 numbers (EMBEDDING_DIMENSIONS), but got 2',
    });
  });

  it('stores an external vector unit-normalised and a zero vector as none', async () => {
    expect(await setPostEmbedding(t.db, 'beer-1', [2, ...Array(127).fill(0)], 128)).toBe(true);
    expect((await embeddings())['beer-1']!.slice(0, 2)).toEqual([1, 0]);
    expect(await setPostEmbedding(t.db, 'beer-1', Array(128).fill(0), 128)).toBe(false);
    expect((await embeddings())['beer-1']).toBeNull();
    await expect(setPostEmbedding(t.db, 'nope', Array(128).fill(1), 128))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
