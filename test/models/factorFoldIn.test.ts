/**
 * Fold-in of posts created after training into the stored ALS and PureSVD
 * factors (src/models/factorFoldIn.ts), against the real Neo4j.
 *
 * The graph is the two communities of factorStore.test.ts plus `fan`, who
 * liked only `s`. Posts `s` and `t` are liked by a0–a3; after training, a
 * new post `n` is liked by the same four users as `t`, so its folded-in
 * factors must be t's, and `fan` (a stored user) must be offered it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startGrapevine } from '../../src/grapevine.js';
import { silentLogger } from '../../src/log.js';
import { AlsRecommender } from '../../src/models/als.js';
import { foldInNewPosts, startPostFoldIn } from '../../src/models/factorFoldIn.js';
import { FACTOR_MODELS, type FactorRecommender } from '../../src/models/factorModel.js';
import { storeFactors } from '../../src/models/factorStore.js';
import { loadInteractionMatrix } from '../../src/models/loadInteractions.js';
import { ModelError } from '../../src/models/modelError.js';
import { PureSvdRecommender } from '../../src/models/pureSvd.js';
import { runSource } from '../../src/recommend/candidates.js';
import { createEngine, FEED_DEFAULTS } from '../../src/recommend/engine.js';
import {
  findSimilarPosts,
  SIMILAR_POSTS_DEFAULTS,
} from '../../src/recommend/similarPosts.js';
import { createFactorModelSource } from '../../src/recommend/sources/learnedModel.js';
import { SourceRegistry } from '../../src/recommend/sources/source.js';
import { createPosts, engage } from '../content/fixtures.js';
import { testConfig, useTestDatabase, wipeData } from '../support/database.js';
import { COMMUNITY_LIKES, COMMUNITY_POSTS } from './fixtures.js';

const FACTORS = 4;
const T_LIKERS = ['a0', 'a1', 'a2', 'a3'];
const MODELS = ['als', 'puresvd'] as const;
type Name = (typeof MODELS)[number];

function createModel(name: Name): FactorRecommender {
  return name === 'als'
    ? new AlsRecommender({ factors: FACTORS, solver: 'cholesky' })
    : new PureSvdRecommender({ factors: FACTORS });
}

describe('foldInNewPosts', () => {
  const t = useTestDatabase();

  /** The community graph, `name` trained and stored, then post `n` liked as `t` is. */
  async function trainThenPostN(name: Name) {
    await wipeData(t.db);
    await createPosts(t.db, COMMUNITY_POSTS.map((id) => ({ id, author: 'writer' })));
    await engage(t.db, 'LIKED', [...COMMUNITY_LIKES, ['fan', 's']]);
    const model = createModel(name);
    await model.fit(await loadInteractionMatrix(t.db), { seed: 7 });
    const stored = await storeFactors(t.db, model.factorSnapshot());
    await createPosts(t.db, [{ id: 'n', author: 'writer' }]);
    await engage(t.db, 'LIKED', T_LIKERS.map((u): [string, string] => [u, 'n']));
    return stored;
  }

  async function vectorOf(postId: string, name: Name): Promise<number[] | null> {
    const [row] = await t.db.readText<{ vector: number[] | null }>(
      'MATCH (p:Post {id: $postId}) RETURN p[$property] AS vector',
      { postId, property: FACTOR_MODELS[name].property },
    );
    return row!.vector;
  }

  async function modelVersion(name: Name): Promise<number> {
    const [row] = await t.db.readText<{ version: number }>(
      'MATCH (m:LearnedModel {name: $name}) RETURN m.version AS version',
      { name },
    );
    return row!.version;
  }

  describe.each(MODELS)('%s', (name) => {
    let version: number;
    beforeEach(async () => {
      version = (await trainThenPostN(name)).version;
    });

    it('gives a post liked by the same users as t the stored vector of t', async () => {
      const report = await foldInNewPosts(t.db, name, silentLogger);
      expect(report).toEqual({
        model: name, status: 'done', version, candidates: 1, written: 1, clipped: 0,
      });

      const n = (await vectorOf('n', name))!;
      const stored = (await vectorOf('t', name))!;
      expect(n).toHaveLength(FACTORS + 1);
      expect(n.every(Number.isFinite)).toBe(true);
      n.forEach((value, k) => expect(value).toBeCloseTo(stored[k]!, 6));
      expect(await modelVersion(name)).toBe(version);
    });

    it('puts n at the top of the similar posts of t by the model alone', async () => {
      await foldInNewPosts(t.db, name);
      const options = {
        ...SIMILAR_POSTS_DEFAULTS,
        factorModel: name,
        contentWeight: 0,
        coEngagementWeight: 0,
        sharedTagWeight: 0,
      };
      const page = await findSimilarPosts({ db: t.db }, { postId: 't', first: 5 }, options);
      const top = page.items.slice(0, 2);
      expect(top.map((item) => item.postId).sort()).toEqual(['n', 's']);
      for (const item of top) expect(item.sources.model).toBeGreaterThan(0.99);
    });

    it('offers n to a stored user who liked a post like t', async () => {
      const engine = createEngine({
        db: t.db,
        log: silentLogger,
        config: { feed: { ...FEED_DEFAULTS, sourceBudgetMs: 30_000 } },
        sources: new SourceRegistry([createFactorModelSource(name)]),
      });
      const before = await runSource(engine, name, 'fan', 20);
      expect(before.map((c) => c.postId)).not.toContain('n');

      await foldInNewPosts(t.db, name);
      const ids = (await runSource(engine, name, 'fan', 20)).map((c) => c.postId);
      expect(ids.slice(0, 2).sort()).toEqual(['n', 't']);
    });

    it('leaves alone a post with fewer engagers with stored vectors than minEngagers', async () => {
      await createPosts(t.db, [{ id: 'lonely', author: 'writer' }, { id: 'fresh', author: 'w' }]);
      await engage(t.db, 'LIKED', [['a0', 'lonely'], ['new1', 'fresh'], ['new2', 'fresh']]);

      const report = await foldInNewPosts(t.db, name);
      expect(report.written).toBe(1);
      expect(await vectorOf('lonely', name)).toBeNull();
      expect(await vectorOf('fresh', name)).toBeNull();
    });

    it('writes nothing the second time it runs', async () => {
      expect((await foldInNewPosts(t.db, name)).written).toBe(1);
      const first = await vectorOf('n', name);

      const again = await foldInNewPosts(t.db, name);
      expect(again).toMatchObject({ candidates: 0, written: 0 });
      expect(await vectorOf('n', name)).toEqual(first);
    });

    it('writes each post once when two runs race (as two API replicas would)', async () => {
      await createPosts(t.db, [{ id: 'm', author: 'writer' }]);
      await engage(t.db, 'LIKED', [['b0', 'm'], ['b1', 'm'], ['b2', 'm']]);

      const runs = await Promise.all([foldInNewPosts(t.db, name), foldInNewPosts(t.db, name)]);
      expect(runs[0]!.written + runs[1]!.written).toBe(2);
      expect(await vectorOf('m', name)).toHaveLength(FACTORS + 1);
      expect(await modelVersion(name)).toBe(version);
    });
  });

  it.each([
    ['als', 'a NaN in XᵀX + λI', `SET m.itemGram = [0.0 / 0.0] + m.itemGram[1..]`],
    ['puresvd', 'a singular value whose square is 0', `SET m.singularValues =
      [1e-200] + m.singularValues[1..]`],
  ] as const)('never writes a non-finite vector (%s, %s): DIVERGED', async (name, _, bad) => {
    await trainThenPostN(name);
    await t.db.writeText(`MATCH (m:LearnedModel {name: $name}) ${bad}`, { name });

    const error = await foldInNewPosts(t.db, name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('DIVERGED');
    expect(await vectorOf('n', name)).toBeNull();
  });

  it('writes nothing for a model that was never stored', async () => {
    await wipeData(t.db);
    expect(await foldInNewPosts(t.db, 'als')).toEqual({
      model: 'als', status: 'not-stored', version: null, candidates: 0, written: 0, clipped: 0,
    });
  });

  it('asks for a retrain of a model stored without the item rule, writing nothing', async () => {
    await trainThenPostN('als');
    await t.db.writeText(`MATCH (m:LearnedModel {name: 'als'}) REMOVE m.itemGram, m.maxNorm`);
    expect(await foldInNewPosts(t.db, 'als')).toMatchObject({
      status: 'needs-retrain', written: 0,
    });
    expect(await vectorOf('n', 'als')).toBeNull();
  });

  it('runs in the background of an API process every FACTOR_FOLD_IN_INTERVAL_MS', async () => {
    await trainThenPostN('als');
    const config = testConfig({ PORT: 0, HOST: '127.0.0.1', FACTOR_FOLD_IN_INTERVAL_MS: 100 });
    const grapevine = await startGrapevine(config, silentLogger);
    try {
      await vi.waitFor(async () => expect(await vectorOf('n', 'als')).not.toBeNull(), {
        timeout: 20_000, interval: 100,
      });
    } finally {
      await grapevine.close();
    }
    expect((await vectorOf('n', 'als'))!.every(Number.isFinite)).toBe(true);
  });

  it('keeps folding in PureSVD in the background when ALS fails', async () => {
    await trainThenPostN('puresvd');
    const als = createModel('als');
    await als.fit(await loadInteractionMatrix(t.db), { seed: 7 });
    await storeFactors(t.db, als.factorSnapshot());
    await t.db.writeText(`MATCH (m:LearnedModel {name: 'als'})
                          SET m.itemGram = [0.0 / 0.0] + m.itemGram[1..]`);
    await createPosts(t.db, [{ id: 'n2', author: 'writer' }]);
    await engage(t.db, 'LIKED', T_LIKERS.map((u): [string, string] => [u, 'n2']));

    const timer = startPostFoldIn(t.db, silentLogger, 0);
    const reports = await timer.run();
    await timer.stop();
    // ALS was trained with n, so only n2 is new to it; PureSVD gets both.
    expect(reports).toEqual([expect.objectContaining({ model: 'puresvd', written: 2 })]);
    expect(await vectorOf('n2', 'als')).toBeNull();
    expect(await vectorOf('n2', 'puresvd')).toHaveLength(FACTORS + 1);
  });

  it('does not run in the background when FACTOR_FOLD_IN_INTERVAL_MS is 0', async () => {
    await trainThenPostN('als');
    const timer = startPostFoldIn(t.db, silentLogger, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await vectorOf('n', 'als')).toBeNull();
    expect((await timer.run())[0]).toMatchObject({ model: 'als', written: 1 });
    await timer.stop();
  });
});
