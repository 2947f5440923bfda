/**
 * Neighbour lists in Neo4j for the models without factors (EASE,
 * Mult-VAE, Mult-DAE, GRU4Rec): each post's nearest posts and each
 * training user's best posts stored as list properties, the guard rail
 * that keeps NaN and infinity out, similar posts from each model, and the
 * feed source that folds in users who joined after training.
 *
 * The graph is COMMUNITY_LIKES of fixtures.ts (as in factorStore.test.ts):
 * two communities of eight users; posts `s` and `t` are liked by the same
 * four users of community A (a0–a3), and here also by six users c0–c5 who
 * like nothing else: on a graph this small the networks learn popularity
 * first, and need that many pairs to learn that `t` goes with `s`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EaseRecommender } from '../../src/models/ease.js';
import { Gru4RecRecommender } from '../../src/models/gru4rec.js';
import type { InteractionMatrix } from '../../src/models/interactionMatrix.js';
import { loadInteractionMatrix } from '../../src/models/loadInteractions.js';
import { ModelError } from '../../src/models/modelError.js';
import { MultVaeRecommender } from '../../src/models/multVae.js';
import {
  computeNeighbours,
  computeUserLists,
  NEIGHBOUR_DEFAULTS,
  NEIGHBOUR_MODELS,
  normaliseRanked,
  storedProperties,
  type NeighbourModelName,
  type NeighbourSnapshot,
} from '../../src/models/neighbourModel.js';
import { storeNeighbours } from '../../src/models/neighbourStore.js';
import type { Recommender } from '../../src/models/recommender.js';
import { silentLogger } from '../../src/log.js';
import { runSource } from '../../src/recommend/candidates.js';
import { createEngine, FEED_DEFAULTS } from '../../src/recommend/engine.js';
import { recommendFeed } from '../../src/recommend/feed.js';
import { createNeighbourModelSource } from '../../src/recommend/sources/learnedModel.js';
import { SourceRegistry } from '../../src/recommend/sources/source.js';
import {
  findSimilarPosts,
  SIMILAR_POSTS_DEFAULTS,
  type SimilarPostsOptions,
} from '../../src/recommend/similarPosts.js';
import { createPosts, engage } from '../content/fixtures.js';
import { useTestDatabase } from '../support/database.js';
import { B_POSTS, COMMUNITY_LIKES, COMMUNITY_POSTS } from './fixtures.js';

const POSTS = COMMUNITY_POSTS;
const LIKES: Array<[string, string]> = [
  ...COMMUNITY_LIKES,
  ...['c0', 'c1', 'c2', 'c3', 'c4', 'c5'].flatMap((u): Array<[string, string]> =>
    [[u, 's'], [u, 't']]),
];

const SMALL_NETWORK = { hiddenUnits: 8, batchSize: 8, learningRate: 0.02 };

function createModel(name: NeighbourModelName): Recommender {
  switch (name) {
    case 'ease': return new EaseRecommender({ regularization: 1 });
    case 'multvae':
    case 'multdae':
      return new MultVaeRecommender({
        ...SMALL_NETWORK, latentDimensions: 2, epochs: 40, annealUpdates: 40,
        variant: name === 'multvae' ? 'vae' : 'dae',
      });
    case 'gru4rec':
      return new Gru4RecRecommender({ ...SMALL_NETWORK, embeddingDimensions: 8, epochs: 30 });
  }
}

describe('storeNeighbours', () => {
  const t = useTestDatabase();

  /** Fits `name` on the graph's engagements and stores its lists. */
  async function trainAndStore(name: NeighbourModelName, seed = 7) {
    const model = createModel(name);
    const data = await loadInteractionMatrix(t.db);
    await model.fit(data, { seed });
    const snapshot = snapshotOf(name, model, data);
    return { model, data, snapshot, stored: await storeNeighbours(t.db, snapshot) };
  }

  function snapshotOf(name: NeighbourModelName, model: Recommender, data: InteractionMatrix) {
    return {
      model: name,
      ...NEIGHBOUR_DEFAULTS,
      posts: computeNeighbours(model, data),
      users: computeUserLists(model, data),
    } satisfies NeighbourSnapshot;
  }

  /** Every node's stored [ids, scores] of `name`, by node id. */
  async function readLists(label: 'Post' | 'User', name: NeighbourModelName) {
    const keys = storedProperties(name);
    const [ids, scores] = label === 'Post'
      ? [keys.neighbours, keys.neighbourScores]
      : [keys.list, keys.listScores];
    const rows = await t.db.readText<{ id: string; ids: string[] | null; scores: number[] | null }>(
      `MATCH (n:${label}) RETURN n.id AS id, n[$ids] AS ids, n[$scores] AS scores ORDER BY id`,
      { ids, scores },
    );
    return new Map(rows.map((row) => [row.id, { ids: row.ids, scores: row.scores }]));
  }

  async function readVersion(name: string) {
    const [row] = await t.db.readText<{ version: number }>(
      'MATCH (m:LearnedModel {name: $name}) RETURN m.version AS version',
      { name },
    );
    return row?.version;
  }

  beforeAll(async () => {
    await createPosts(t.db, POSTS.map((id) => ({ id, author: 'writer' })));
    await engage(t.db, 'LIKED', LIKES);
  });

  it.each(NEIGHBOUR_MODELS)('stores %s neighbours and user lists that round-trip', async (name) => {
    const { snapshot, stored } = await trainAndStore(name);
    expect(stored).toMatchObject({ model: name, posts: snapshot.posts.length, users: 22 });
    expect(snapshot.posts.length).toBe(14);

    const posts = await readLists('Post', name);
    for (const list of snapshot.posts) {
      expect(posts.get(list.id)).toEqual({ ids: list.ids, scores: list.scores });
      expect(list.ids).not.toContain(list.id);
      expect(list.scores[0]).toBe(1);
      expect(list.scores.every((s) => s > 0 && s <= 1)).toBe(true);
    }
    const users = await readLists('User', name);
    const a4 = users.get('a4')!;
    expect(a4).toEqual({ ids: snapshot.users.find((l) => l.id === 'a4')!.ids,
      scores: snapshot.users.find((l) => l.id === 'a4')!.scores });
    // a4 liked every A post but a5: only unseen posts are listed.
    expect(a4.ids!.every((id) => ['a5', 's', 't', ...B_POSTS].includes(id))).toBe(true);
    expect(users.get('writer')).toEqual({ ids: null, scores: null });

    const [node] = await t.db.readText(
      `MATCH (m:LearnedModel {name: $name})
       RETURN m.version AS version, m.foldIn AS foldIn, m.neighbours AS neighbours,
              m.listSize AS listSize, m.gram AS gram`,
      { name },
    );
    expect(node).toEqual({
      version: stored.version, foldIn: 'neighbours', neighbours: 50, listSize: 200, gram: null,
    });
  });

  it('stores the row of B as EASE neighbours, rescaled against the 51st best', async () => {
    const { model, data } = await trainAndStore('ease');
    const ease = model as EaseRecommender;
    const s = data.itemIndex.get('s')!;
    const [list] = await t.db.readText<{ ids: string[]; scores: number[] }>(
      `MATCH (p:Post {id: 's'}) RETURN p.easeNeighbours AS ids, p.easeNeighbourScores AS scores`,
    );
    const weights = list!.ids.map((id) => ease.weight(s, data.itemIndex.get(id)!));
    // Fewer than 51 other items: the floor is the lowest weight of s's row.
    const row = POSTS.filter((id) => id !== 's')
      .map((id) => ease.weight(s, data.itemIndex.get(id)!));
    const floor = Math.min(...row);
    expect(list!.ids[0]).toBe('t');
    list!.scores.forEach((score, n) => {
      expect(score).toBeCloseTo((weights[n]! - floor) / (weights[0]! - floor), 12);
    });
    expect(list!.ids).toHaveLength(row.filter((w) => w > floor).length);
  });

  it('replaces the previous version whole: a post no longer listed loses its list', async () => {
    const { snapshot } = await trainAndStore('ease');
    const kept = snapshot.posts.filter((list) => list.id !== 'b6');
    const stored = await storeNeighbours(t.db, { ...snapshot, posts: kept, users: [] });
    const posts = await readLists('Post', 'ease');
    expect(posts.get('b6')).toEqual({ ids: null, scores: null });
    expect(posts.get('b5')!.ids).toEqual(kept.find((l) => l.id === 'b5')!.ids);
    expect([...(await readLists('User', 'ease')).values()].every((l) => l.ids === null))
      .toBe(true);
    expect(await readVersion('ease')).toBe(stored.version);
  });

  it.each([
    ['a NaN in a post list', 'posts', Number.NaN],
    ['an infinity in a user list', 'users', Number.POSITIVE_INFINITY],
  ] as const)('writes nothing when given %s (ModelError DIVERGED)', async (_, side, bad) => {
    const { stored } = await trainAndStore('multdae');
    const before = await readLists('Post', 'multdae');
    const beforeUsers = await readLists('User', 'multdae');
    const model = createModel('multdae');
    const data = await loadInteractionMatrix(t.db);
    await model.fit(data, { seed: 8 });
    const broken = snapshotOf('multdae', model, data);
    const lists = [...broken[side]];
    lists[1] = { ...lists[1]!, scores: [bad, ...lists[1]!.scores.slice(1)] };

    const error = await storeNeighbours(t.db, { ...broken, [side]: lists })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('DIVERGED');
    expect((error as ModelError).message).toContain(`${lists[1]!.id} scores must be finite`);
    expect(await readLists('Post', 'multdae')).toEqual(before);
    expect(await readLists('User', 'multdae')).toEqual(beforeUsers);
    expect(await readVersion('multdae')).toBe(stored.version);
  });

  it.each([
    ['a score above 1', { ids: ['t'], scores: [1.5] }, /in \(0, 1\], but entry 0 \(t\) is 1.5/],
    ['a score of 0', { ids: ['t'], scores: [0] }, /in \(0, 1\], but entry 0 \(t\) is 0/],
    ['more ids than scores', { ids: ['t', 'a1'], scores: [1] }, /2 ids and 1 scores/],
  ])('refuses %s with BAD_OPTION and writes nothing', async (_, list, message) => {
    const before = await readLists('Post', 'gru4rec');
    const snapshot: NeighbourSnapshot = {
      model: 'gru4rec', ...NEIGHBOUR_DEFAULTS, posts: [{ id: 's', ...list }], users: [],
    };
    const error = await storeNeighbours(t.db, snapshot).catch((e: unknown) => e);
    expect((error as ModelError).code).toBe('BAD_OPTION');
    expect((error as ModelError).message).toMatch(message);
    expect(await readLists('Post', 'gru4rec')).toEqual(before);
  });

  it('refuses a factor model or a k below 1 with BAD_OPTION', async () => {
    const snapshot = {
      model: 'als', ...NEIGHBOUR_DEFAULTS, posts: [], users: [],
    } as unknown as NeighbourSnapshot;
    await expect(storeNeighbours(t.db, snapshot)).rejects.toThrow(
      /^BAD_OPTION: model must be one of ease, multvae, multdae, gru4rec, but got: als/,
    );
    const { model, data } = await trainAndStore('ease');
    expect(() => computeNeighbours(model, data, 0)).toThrow(
      /^BAD_OPTION: neighbours must be an integer in \[1, /,
    );
  });
  describe('similar posts from the stored neighbours', () => {
    /** Every other signal weighted 0, and of the neighbour models only `name`. */
    function onlyModel(name: NeighbourModelName): SimilarPostsOptions {
      const weights = Object.fromEntries(NEIGHBOUR_MODELS.map((m) => [m, m === name ? 1 : 0]));
      return {
        ...SIMILAR_POSTS_DEFAULTS,
        contentWeight: 0,
        coEngagementWeight: 0,
        sharedTagWeight: 0,
        factorModel: null,
        neighbourModelWeights: weights as SimilarPostsOptions['neighbourModelWeights'],
      };
    }

    it.each(NEIGHBOUR_MODELS)('puts t first for s from %s alone', async (name) => {
      const { snapshot } = await trainAndStore(name);
      const page = await findSimilarPosts(
        { db: t.db }, { postId: 's', first: 20 }, onlyModel(name),
      );
      const stored = snapshot.posts.find((list) => list.id === 's')!;
      // The stored order, ties broken by post id as similar posts pages them.
      const expected = stored.ids.map((id, n) => ({ id, score: stored.scores[n]! }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .map((entry) => entry.id);
      expect(page.items.map((item) => item.postId)).toEqual(expected);
      expect(page.items[0]).toMatchObject({
        postId: 't',
        score: 1,
        reasons: [{
          kind: 'LEARNED_MODEL',
          detail: `among the ${name} model's nearest posts (score 1.00)`,
          score: 1,
        }],
        sources: { model: 0, models: [{ model: name, score: 1 }] },
      });
    });

    it('blends every stored model with the other signals, t first', async () => {
      for (const name of NEIGHBOUR_MODELS) await trainAndStore(name);
      const page = await findSimilarPosts({ db: t.db }, { postId: 's', first: 5 });
      const [top] = page.items;
      expect(top?.postId).toBe('t');
      expect(top!.sources.models.map((m) => m.model).sort()).toEqual([...NEIGHBOUR_MODELS].sort());
      const weights = SIMILAR_POSTS_DEFAULTS.neighbourModelWeights;
      const learned = top!.reasons.filter((r) => r.kind === 'LEARNED_MODEL');
      expect(learned.map((r) => r.score).sort()).toEqual(
        top!.sources.models.map((m) => weights[m.model] * m.score).sort(),
      );
    });

    it('is silent for a model with nothing stored', async () => {
      await storeNeighbours(t.db, {
        model: 'gru4rec', ...NEIGHBOUR_DEFAULTS, posts: [], users: [],
      });
      const page = await findSimilarPosts(
        { db: t.db }, { postId: 's', first: 20 }, onlyModel('gru4rec'),
      );
      expect(page.items).toEqual([]);
    });
  });
  describe('the neighbour feed source', () => {
    const engine = (name: NeighbourModelName) => createEngine({
      db: t.db,
      log: silentLogger,
      config: {
        feed: { ...FEED_DEFAULTS, sourceBudgetMs: 30_000 },
        blendWeights: { [name]: 1 },
      },
      sources: new SourceRegistry([createNeighbourModelSource(name)]),
    });

    it.each(NEIGHBOUR_MODELS)('serves %s to a training user their stored list', async (name) => {
      const { snapshot } = await trainAndStore(name);
      const stored = snapshot.users.find((list) => list.id === 'a4')!;
      const candidates = await runSource(engine(name), name, 'a4', 10);
      expect(candidates.map((c) => [c.postId, c.score])).toEqual(
        stored.ids.slice(0, 10).map((id, n) => [id, stored.scores[n]]),
      );
    });

    it.each(NEIGHBOUR_MODELS)(
      'folds in (%s) a user who joined after training: liked s, gets t first',
      async (name) => {
        await trainAndStore(name);
        const viewer = `newcomer-${name}`;
        await engage(t.db, 'LIKED', [[viewer, 's']]);
        const [top] = await runSource(engine(name), name, viewer, 10);
        expect(top).toEqual({
          postId: 't', score: 1, reasons: [{ kind: 'SIMILAR_TO_ENGAGED', postId: 's' }],
        });

        const page = await recommendFeed(engine(name), { viewerId: viewer, first: 5 });
        expect(page.edges.length).toBeGreaterThan(0);
        expect(page.edges[0]!.item.postId).toBe('t');
        expect(page.edges[0]!.item.breakdown.map((share) => share.source)).toEqual([name]);
      },
    );

    it('sums the weighted neighbours of every recent engagement', async () => {
      const { snapshot } = await trainAndStore('ease');
      await engage(t.db, 'LIKED', [['late', 's'], ['late', 'b1']]);
      await t.db.writeText(
        `MATCH (:User {id: 'late'})-[r:LIKED]->(:Post {id: 'b1'}) SET r.weight = 0.5`,
      );
      const listOf = (id: string) => snapshot.posts.find((list) => list.id === id)!;
      const expected = new Map<string, number>();
      for (const [id, weight] of [['s', 1], ['b1', 0.5]] as const) {
        listOf(id).ids.forEach((q, n) => {
          if (q === 's' || q === 'b1') return;
          expected.set(q, (expected.get(q) ?? 0) + weight * listOf(id).scores[n]!);
        });
      }
      const candidates = await runSource(engine('ease'), 'ease', 'late', 50);
      expect(candidates).toHaveLength(expected.size);
      for (const candidate of candidates) {
        expect(candidate.score).toBeCloseTo(expected.get(candidate.postId)!, 12);
      }
    });

    it('returns nothing before the model is stored or without engagements', async () => {
      await t.db.writeText(`MATCH (m:LearnedModel {name: 'multvae'}) DETACH DELETE m`);
      await engage(t.db, 'LIKED', [['fresh', 's']]);
      expect(await runSource(engine('multvae'), 'multvae', 'fresh', 10)).toEqual([]);
      await trainAndStore('multvae');
      await engage(t.db, 'LIKED', [['idle', 'b1']]);
      await t.db.writeText(`MATCH (:User {id: 'idle'})-[r:LIKED]->() DELETE r`);
      expect(await runSource(engine('multvae'), 'multvae', 'idle', 10)).toEqual([]);
    });
  });

});

describe('normaliseRanked', () => {
  const ranked = (...scores: number[]) => scores.map((score, item) => ({ item, score }));

  it('rescales the best k against the (k + 1)-th score into (0, 1]', () => {
    expect(normaliseRanked(ranked(3, 2, -1, -5), 3)).toEqual([
      { item: 0, score: 1 }, { item: 1, score: 0.875 }, { item: 2, score: 0.5 },
    ]);
  });

  it('drops items tied with the floor, so a list without opinion is empty', () => {
    expect(normaliseRanked(ranked(2, 1, 1, 1), 3)).toEqual([{ item: 0, score: 1 }]);
    expect(normaliseRanked(ranked(0, 0, 0), 2)).toEqual([]);
    expect(normaliseRanked([], 2)).toEqual([]);
  });
});
