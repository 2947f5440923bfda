import { beforeAll, describe, expect, it } from 'vitest';
import { int } from '../../src/db/database.js';
import {
  BLEND_ROWS,
  fitBlendWeights,
  HARNESS_DEFAULTS,
  readEngagements,
  removeEngagements,
  runHarness,
  silentSources,
  type Engagement,
  type HarnessOutput,
  type UserLists,
} from '../../src/eval/harness.js';
import { silentLogger } from '../../src/log.js';
import { ModelError } from '../../src/models/modelError.js';
import { trainModelSource } from '../../src/models/serving.js';
import { createEngine, FEED_DEFAULTS, type BlendWeights } from '../../src/recommend/engine.js';
import { useTestDatabase } from '../support/database.js';

const NOW = Date.UTC(2026, 5, 1, 12);
const HOUR = 3600 * 1000;
const USERS = ['v', 'f1', 'f2', 'f3', 'o1', 'o2'];
const POSTS = Array.from({ length: 10 }, (_, i) => `p${i}`);

/**
 * v follows f1, f2, f3, who all liked p1; v's own p1 is held out for test.
 * o1 and o2 share p6 and p7; o1's p9 is held out for validation.
 */
const LIKES: Array<[string, string]> = [
  ['f1', 'p1'], ['f1', 'p2'], ['f1', 'p3'], ['f2', 'p1'], ['f2', 'p4'],
  ['f3', 'p1'], ['f3', 'p5'], ['v', 'p2'], ['v', 'p6'], ['v', 'p1'],
  ['o1', 'p6'], ['o1', 'p7'], ['o1', 'p8'], ['o1', 'p9'],
  ['o2', 'p6'], ['o2', 'p7'], ['o2', 'p9'],
];
const TEST = new Set(['v p1']);
/** The hand-set weights the first fit started from (social graph first). */
const START_WEIGHTS: BlendWeights = {
  inNetwork: 1.5, socialProof: 2.5, itemCF: 0.6, userCF: 0.4,
  randomWalk: 0.6, content: 0.4, trending: 0.3, popular: 0.1,
};
const VALIDATION = new Set(['o1 p9']);

describe('runHarness', () => {
  const ctx = useTestDatabase();
  let engagements: Engagement[];
  let output: HarnessOutput;
  let previous: BlendWeights;

  beforeAll(async () => {
    const { db } = ctx;
    await db.writeText(
      `UNWIND $users AS id CREATE (:User {id: id, handle: id, displayName: id, createdAt: $t})`,
      { users: USERS, t: int(NOW - 100 * HOUR) },
    );
    await db.writeText(
      `UNWIND $posts AS id CREATE (:Post {id: id, text: id, kind: 'post',
         createdAt: $t, visibility: 'PUBLIC', source: 'seed'})`,
      { posts: POSTS, t: int(NOW - 50 * HOUR) },
    );
    await db.writeText(
      `UNWIND $follows AS f MATCH (a:User {id: f[0]}), (b:User {id: f[1]})
       CREATE (a)-[:FOLLOWS {at: $t}]->(b)`,
      { follows: [['v', 'f1'], ['v', 'f2'], ['v', 'f3']], t: int(NOW - 40 * HOUR) },
    );
    await db.writeText(
      `UNWIND range(0, size($likes) - 1) AS i
       MATCH (u:User {id: $likes[i][0]}), (p:Post {id: $likes[i][1]})
       CREATE (u)-[:LIKED {at: $t - i * 60000, weight: 1.0}]->(p)`,
      { likes: LIKES, t: int(NOW - 2 * HOUR) },
    );

    engagements = await readEngagements(db);
    const part = (e: Engagement) => `${e.userId} ${e.itemId}`;
    const parts = {
      train: engagements.filter((e) => !TEST.has(part(e)) && !VALIDATION.has(part(e))),
      validation: engagements.filter((e) => VALIDATION.has(part(e))),
      test: engagements.filter((e) => TEST.has(part(e))),
    };
    await removeEngagements(db, [...parts.validation, ...parts.test]);
    // Answers, not speed: no source is cut short on a busy machine. The fit
    // starts from fixed weights, not from whatever blendWeights.json holds.
    const feed = { ...FEED_DEFAULTS, sourceBudgetMs: 60_000 };
    const engine = createEngine({
      db, log: silentLogger, clock: () => NOW, config: { feed, blendWeights: START_WEIGHTS },
    });
    await engine.projection.load();
    previous = { ...engine.config.blendWeights };
    output = await runHarness({ engine, log: silentLogger, parts, catalogue: POSTS });
  });

  it('reads one engagement per liked pair', () => {
    expect(engagements).toHaveLength(LIKES.length);
  });

  it('deletes the held-out edges before the engine sees the graph', async () => {
    const rows = await ctx.db.readText<{ n: number }>(
      `MATCH (:User {id: 'v'})-[r:LIKED]->(:Post {id: 'p1'}) RETURN count(r) AS n`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('finds the post all of the viewer\'s friends liked through social proof', () => {
    const socialProof = output.results.find((r) => r.method === 'socialProof')!;
    expect(socialProof.users).toBe(1);
    expect(socialProof.at20.hitRate).toBe(1);
    expect(socialProof.at20.recall).toBe(1);
    expect(socialProof.at10.ndcg).toBe(1);
  });

  it('reports every source, the blends, the feed and the baselines', () => {
    const methods = output.results.map((r) => r.method);
    for (const name of ['inNetwork', 'socialProof', 'itemCF', 'userCF', 'randomWalk',
      'content', 'trending', 'popular', ...Object.values(BLEND_ROWS), 'random',
      'most popular', 'item-KNN (cosine)']) {
      expect(methods).toContain(name);
    }
    expect(output.results.find((r) => r.method === 'random')!.lists.coverage)
      .toBeGreaterThan(0);
  });

  it('fits the blend so that the fitted blend ranks the held-out post first', () => {
    expect(output.ndcg20[BLEND_ROWS.fitted]).toBe(1);
    expect(output.fitted.weights.socialProof).toBeGreaterThan(0);
    expect(output.withoutFollows.weights.socialProof).toBe(0);
    expect(output.withoutFollows.weights.inNetwork).toBe(0);
  });

  it('keeps the previous weight of a source the validation users cannot judge', () => {
    // o1, the only validation user, follows nobody and no post has an author.
    expect(output.silent.get('socialProof')).toBe('no candidates');
    expect(output.silent.get('inNetwork')).toBe('no candidates');
    expect(output.fitted.weights.socialProof).toBe(previous.socialProof);
    expect(output.fitted.weights.inNetwork).toBe(previous.inNetwork);
    expect(output.fitted.kept).toEqual(expect.arrayContaining(['socialProof', 'inNetwork']));
    expect(output.fitted.kept).not.toContain('itemCF');
    expect(output.fitted.kept).not.toContain('userCF');
  });
});

describe('silentSources', () => {
  const lists = (userId: string, bySource: Record<string, string[]>): UserLists => ({
    userId,
    bySource: new Map(Object.entries(bySource).map(([source, posts]) =>
      [source, posts.map((postId, i) => ({ postId, score: 1 / (i + 1), reasons: [] }))])),
    allowed: new Set(['a', 'b', 'c']),
    facts: new Map(),
    followees: [],
    seconds: new Map(),
  });

  it('names sources without allowed candidates or without a held-out item', () => {
    const users = [
      lists('u1', { hit: ['a', 'b'], miss: ['b'], empty: [], filtered: ['x'] }),
      lists('u2', { hit: ['c'], miss: ['a'] }),
    ];
    const relevant = new Map([['u1', new Set(['a'])], ['u2', new Set(['b', 'x'])]]);
    const silent = silentSources(users, relevant, ['hit', 'miss', 'empty', 'filtered']);
    expect(Object.fromEntries(silent)).toEqual(
      { miss: 'no hits', empty: 'no candidates', filtered: 'no candidates' },
    );
  });
});

describe('fitBlendWeights', () => {
  const posts = Array.from({ length: 25 }, (_, i) => `p${String(i).padStart(2, '0')}`);
  const user = (userId: string, bySource: Record<string, string[]>): UserLists => ({
    userId,
    bySource: new Map(Object.entries(bySource).map(([source, ids]) =>
      [source, ids.map((postId) => ({ postId, score: 1, reasons: [] }))])),
    allowed: new Set(posts),
    facts: new Map(),
    followees: [],
    seconds: new Map(),
  });
  const users = [user('u1', { a: posts }), user('u2', { a: posts, b: ['p24'] })];
  const relevant = new Map([['u1', new Set(['p24'])], ['u2', new Set(['p24'])]]);
  const measure = (weights: Record<string, number>) => fitBlendWeights(
    users, relevant, [], weights, { ...HARNESS_DEFAULTS, fitPasses: 0 }).ndcg;

  it('ranks equal blend scores by id and scores the top 20 only', () => {
    // p24 ties with 24 posts of smaller id (rank 25) unless b lifts it.
    expect(measure({ a: 1, b: 1 })).toBe(0.5);
    expect(measure({ a: 1, b: 0 })).toBe(0);
  });

  it('moves a weight only when validation NDCG@20 rises', () => {
    const fitted = fitBlendWeights(users, relevant, ['b'], { a: 1, b: 0 });
    expect(fitted.weights.b).toBeGreaterThan(0);
    expect(fitted.ndcg).toBe(0.5);
    expect(fitBlendWeights(users, relevant, ['a'], { a: 1, b: 1 }).weights.a).toBe(1);
  });
});

describe('trainModelSource', () => {
  const ctx = useTestDatabase();

  it('fails loudly with a ModelError when ALS asks for more factors than users', async () => {
    await ctx.db.writeText(
      `CREATE (u:User {id: 'a', handle: 'a', displayName: 'a', createdAt: 0})
       CREATE (p:Post {id: 'x', text: 'x', kind: 'post', createdAt: 0, visibility: 'PUBLIC'})
       CREATE (u)-[:LIKED {at: 1, weight: 1.0}]->(p)`,
    );
    const error = await trainModelSource(ctx.db, 'als').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('TOO_MANY_FACTORS');
  });
});
