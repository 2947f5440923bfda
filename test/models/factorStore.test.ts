/**
 * Learned factors in Neo4j: ALS and PureSVD vectors stored on posts and
 * users behind their vector indexes, the guard rail that keeps NaN and
 * infinity out of the database, the feed source that serves them (stored
 * user factors and fold-in) and the model candidates of similar posts.
 *
 * The graph has two communities of eight users, each user liking all of
 * their community's six posts but one; posts `s` and `t` are liked by the
 * same four users of community A (a0–a3) and no one else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { AlsRecommender } from '../../src/models/als.js';
import {
  FACTOR_MODELS,
  type FactorRecommender,
  type FactorSnapshot,
} from '../../src/models/factorModel.js';
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
import { useTestDatabase } from '../support/database.js';
import { B_POSTS, COMMUNITY_LIKES, COMMUNITY_POSTS } from './fixtures.js';

const FACTORS = 4;
const POSTS = COMMUNITY_POSTS;
const LIKES = COMMUNITY_LIKES;

function createModel(name: 'als' | 'puresvd'): FactorRecommender {
  return name === 'als'
    ? new AlsRecommender({ factors: FACTORS, solver: 'cholesky' })
    : new PureSvdRecommender({ factors: FACTORS });
}

describe('storeFactors', () => {
  const t = useTestDatabase();

  /** Fits `name` on the graph's engagements and stores its factors. */
  async function trainAndStore(name: 'als' | 'puresvd', seed = 7) {
    const model = createModel(name);
    await model.fit(await loadInteractionMatrix(t.db), { seed });
    const snapshot = model.factorSnapshot();
    return { model, snapshot, stored: await storeFactors(t.db, snapshot) };
  }

  async function readVectors(label: 'Post' | 'User', property: string) {
    const rows = await t.db.readText<{ id: string; vector: number[] | null }>(
      `MATCH (n:${label}) RETURN n.id AS id, n[$property] AS vector ORDER BY id`,
      { property },
    );
    return new Map(rows.map((row) => [row.id, row.vector]));
  }

  beforeAll(async () => {
    await createPosts(t.db, POSTS.map((id) => ({ id, author: 'writer' })));
    await engage(t.db, 'LIKED', LIKES);
  });

  it.each(['als', 'puresvd'] as const)(
    'stores %s vectors of f + 1 numbers that round-trip, behind resized indexes',
    async (name) => {
      const { snapshot, stored } = await trainAndStore(name);
      const { property, postIndex, userIndex } = FACTOR_MODELS[name];
      expect(stored).toMatchObject({ dimensions: FACTORS + 1, posts: 14, users: 16 });

      const posts = await readVectors('Post', property);
      const norms = POSTS.map((id) => Math.hypot(...posts.get(id)!));
      for (const [row, id] of snapshot.itemIds.entries()) {
        const vector = posts.get(id)!;
        expect(vector.slice(0, FACTORS)).toEqual(
          Array.from(snapshot.items.subarray(row * FACTORS, (row + 1) * FACTORS)),
        );
      }
      // The inner-product transform gives every post vector the norm M.
      for (const n of norms) expect(n).toBeCloseTo(Math.max(...norms), 9);
      const users = await readVectors('User', property);
      expect(users.get('a0')).toEqual([
        ...Array.from(snapshot.users.subarray(0, FACTORS)), 0,
      ]);
      expect(users.get('writer')).toBeNull();

      const indexes = await t.db.readText<{ name: string; dimensions: number }>(
        `SHOW VECTOR INDEXES YIELD name, options WHERE name IN $names
         RETURN name, options.indexConfig['vector.dimensions'] AS dimensions`,
        { names: [postIndex, userIndex] },
      );
      expect(indexes.map((row) => row.dimensions)).toEqual([FACTORS + 1, FACTORS + 1]);
    },
  );

  it('stores the same vectors for the same seed', async () => {
    const property = FACTOR_MODELS.als.property;
    await trainAndStore('als', 11);
    const first = await readVectors('Post', property);
    await trainAndStore('als', 11);
    expect(await readVectors('Post', property)).toEqual(first);
  });

  it.each([
    ['a NaN in a user vector', 'users', Number.NaN],
    ['an infinity in an item vector', 'items', Number.POSITIVE_INFINITY],
  ] as const)('writes nothing when given %s (ModelError DIVERGED)', async (_, side, bad) => {
    const { stored } = await trainAndStore('als');
    const property = FACTOR_MODELS.als.property;
    const before = await readVectors('Post', property);
    const model = createModel('als');
    await model.fit(await loadInteractionMatrix(t.db), { seed: 12 });
    const snapshot = model.factorSnapshot();
    const broken: FactorSnapshot = { ...snapshot, [side]: Float64Array.from(snapshot[side]) };
    broken[side][FACTORS + 2] = bad;

    const error = await storeFactors(t.db, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('DIVERGED');
    expect(await readVectors('Post', property)).toEqual(before);
    const [row] = await t.db.readText<{ version: number }>(
      `MATCH (m:LearnedModel {name: 'als'}) RETURN m.version AS version`,
    );
    expect(row!.version).toBe(stored.version);
  });

  describe('the factor feed source', () => {
    const engine = () => createEngine({
      db: t.db,
      log: silentLogger,
      config: { feed: { ...FEED_DEFAULTS, sourceBudgetMs: 30_000 } },
      sources: new SourceRegistry([createFactorModelSource('als'),
        createFactorModelSource('puresvd')]),
    });

    it.each(['als', 'puresvd'] as const)(
      'serves %s to a stored user the posts of their own community first',
      async (name) => {
        const { model } = await trainAndStore(name);
        const ids = (await runSource(engine(), name, 'a4', 10)).map((c) => c.postId);
        // a4 liked every A post but a5: the nine unseen posts, a5 first,
        // in the order of the model's own scores.
        expect(ids[0]).toBe('a5');
        expect([...ids].sort()).toEqual(['a5', ...B_POSTS, 's', 't'].sort());
        const scores = model.scoreUser(model.factorSnapshot().userIds.indexOf('a4'));
        const itemIds = model.factorSnapshot().itemIds;
        const scoreOf = (id: string) => scores[itemIds.indexOf(id)]!;
        for (let i = 1; i < ids.length; i++) {
          expect(scoreOf(ids[i - 1]!)).toBeGreaterThanOrEqual(scoreOf(ids[i]!) - 1e-9);
        }
      },
    );

    it.each(['als', 'puresvd'] as const)(
      'folds in (%s) a user who engaged after training: liked s, gets t first',
      async (name) => {
        await trainAndStore(name);
        await engage(t.db, 'LIKED', [[`newcomer-${name}`, 's']]);
        const [top] = await runSource(engine(), name, `newcomer-${name}`, 10);
        expect(top?.postId).toBe('t');
        expect(top!.score).toBeGreaterThan(0.5);
      },
    );

    it('returns nothing for a user with no factors and no engagements', async () => {
      await engage(t.db, 'LIKED', [['idle', 'b1']]);
      await t.db.writeText(`MATCH (:User {id: 'idle'})-[r:LIKED]->() DELETE r`);
      expect(await runSource(engine(), 'als', 'idle', 10)).toEqual([]);
    });
  });

  describe('similar posts with model candidates', () => {
    it('returns the post co-engaged by the same users first', async () => {
      await trainAndStore('als');
      const page = await findSimilarPosts({ db: t.db }, { postId: 's', first: 5 });
      expect(page.items[0]?.postId).toBe('t');
      expect(page.items[0]!.sources.model).toBeGreaterThan(0.9);
      expect(page.items[0]!.reasons.map((r) => r.kind)).toContain('LEARNED_MODEL');
    });

    it('ranks by the model alone when the other signals weigh nothing', async () => {
      await trainAndStore('als');
      const options = {
        ...SIMILAR_POSTS_DEFAULTS,
        contentWeight: 0,
        coEngagementWeight: 0,
        sharedTagWeight: 0,
      };
      const page = await findSimilarPosts({ db: t.db }, { postId: 's', first: 5 }, options);
      expect(page.items[0]?.postId).toBe('t');
      expect(page.items.every((item) => !item.postId.startsWith('b'))).toBe(true);
      expect(page.items[0]!.reasons).toEqual([
        expect.objectContaining({ kind: 'LEARNED_MODEL' }),
      ]);
    });

    it('adds no model candidates when the model chosen is not stored', async () => {
      const options = { ...SIMILAR_POSTS_DEFAULTS, factorModel: null };
      const page = await findSimilarPosts({ db: t.db }, { postId: 's', first: 5 }, options);
      expect(page.items.every((item) => item.sources.model === 0)).toBe(true);
    });
  });
});
