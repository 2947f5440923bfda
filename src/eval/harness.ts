/**
 * The offline evaluation: import a dataset into its own Neo4j, hold out
 * test and validation engagements, and rank the whole catalogue for every
 * test user with the same engine code the API serves.
 *
 * Steps: import → read every positive engagement → split (hash for
 * Last.fm, temporal otherwise) → delete held-out edges → load the graph
 * projection → per user, run every source once, filter once, and score
 * each source alone, the blend (validation-fitted weights) and the full
 * feed pipeline (blend + re-rank), plus in-memory baselines.
 *
 * The blend weights are fitted on validation users, each counted as
 * themselves and as a new user, by coordinate ascent on NDCG@20; a source
 * the validation data cannot judge keeps its previous weight.
 */
import type { Database } from '../db/database.js';
import { int } from '../db/database.js';
import type { Logger } from '../log.js';
import { ModelError } from '../models/modelError.js';
import { blendCandidates } from '../recommend/blend.js';
import {
  filterPosts,
  generate,
  loadViewer,
  type PostFacts,
} from '../recommend/candidates.js';
import type { BlendWeights, Engine } from '../recommend/engine.js';
import { compareIds } from '../math/ranking.js';
import { rerank } from '../recommend/rerank.js';
import { randomFor } from '../recommend/seed.js';
import type { Candidate, ViewerProfile } from '../recommend/types.js';
import {
  indexTraining,
  itemKnnBaseline,
  popularBaseline,
  randomBaseline,
  type BaselineRecommender,
  type TrainingIndex,
} from './baselines.js';
import { listMetrics, meanAccuracy, type UserRanking } from './metrics.js';
import type { MethodResult } from './report.js';
import { hashSplitPart, temporalSplit, type SplitPart } from './split.js';

/** A positive engagement as stored in Neo4j. */
export interface Engagement {
  userId: string;
  itemId: string;
  at: number;
}

export const HARNESS_DEFAULTS = {
  /** Candidates asked of each source per user. */
  candidatesPerSource: 200,
  /** Users evaluated at once (Neo4j queries overlap). */
  concurrency: 6,
  /** Validation users sampled for fitting blend weights. */
  fitUsers: 300,
  /** Passes of coordinate ascent over the blend weights. */
  fitPasses: 2,
  /** Weights tried for each source during fitting. */
  fitGrid: [0, 0.25, 0.5, 1, 2, 4],
};

/**
 * Reads every positive engagement as one row per (user, post) pair, at its
 * earliest time: a pair engaged several ways (a reply and a like) is one
 * item to predict, and lands in one split part only.
 */
export async function readEngagements(db: Database): Promise<Engagement[]> {
  return db.readText<Engagement & Record<string, unknown>>(
    `MATCH (u:User)-[r:LIKED|REPOSTED|REPLIED]->(p:Post)
     WHERE p.deletedAt IS NULL
     RETURN u.id AS userId, p.id AS itemId, min(coalesce(r.at, 0)) AS at
     ORDER BY userId, itemId`,
  );
}

/** The id as written in the source file: the text after the last colon. */
export function rawId(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}

/** Splits engagements: FNV-1a on raw ids for 'hash', per-user time otherwise. */
export function splitEngagements(
  engagements: readonly Engagement[],
  kind: 'hash' | 'temporal',
): Record<SplitPart, Engagement[]> {
  if (kind === 'temporal') return temporalSplit(engagements);
  const parts: Record<SplitPart, Engagement[]> = { train: [], validation: [], test: [] };
  for (const e of engagements) parts[hashSplitPart(rawId(e.userId), rawId(e.itemId))].push(e);
  return parts;
}

/**
 * Deletes held-out engagement edges so the engine sees only training, then
 * checks none is left (throws otherwise): the projection and every source
 * must never see a held-out pair.
 */
export async function removeEngagements(
  db: Database,
  heldOut: readonly Engagement[],
): Promise<void> {
  const batches: Array<Array<{ userId: string; itemId: string }>> = [];
  for (let start = 0; start < heldOut.length; start += 5000) {
    batches.push(heldOut.slice(start, start + 5000)
      .map((e) => ({ userId: e.userId, itemId: e.itemId })));
  }
  for (const pairs of batches) {
    await db.writeText(
      `UNWIND $pairs AS pair
       MATCH (:User {id: pair.userId})-[r:LIKED|REPOSTED|REPLIED]->(:Post {id: pair.itemId})
       DELETE r`,
      { pairs },
    );
  }
  let left = 0;
  for (const pairs of batches) {
    const rows = await db.readText<{ n: number }>(
      `UNWIND $pairs AS pair
       MATCH (:User {id: pair.userId})-[r:LIKED|REPOSTED|REPLIED]->(:Post {id: pair.itemId})
       RETURN count(r) AS n`,
      { pairs },
    );
    left += rows[0]?.n ?? 0;
  }
  if (left > 0) {
    throw new Error(`${left} held-out engagement edges are still in Neo4j after deletion`);
  }
}

/** Everything one user's evaluation produced. */
export interface UserLists {
  userId: string;
  bySource: Map<string, Candidate[]>;
  allowed: Set<string>;
  facts: Map<string, PostFacts>;
  followees: string[];
  /** Per source, the seconds it took for this user. */
  seconds: Map<string, number>;
}

/**
 * Runs every source once for `viewer`, one after another so each source's
 * time is its own; a source that fails (other than a model) gives nothing.
 */
async function runSources(
  engine: Engine,
  viewer: ViewerProfile,
  limit: number,
): Promise<Pick<UserLists, 'bySource' | 'seconds'>> {
  const bySource = new Map<string, Candidate[]>();
  const seconds = new Map<string, number>();
  for (const source of engine.sources.list()) {
    const started = performance.now();
    try {
      bySource.set(source.name, await generate(engine, source, viewer, limit));
    } catch (error) {
      if (error instanceof ModelError) throw error;
      engine.log.warn({ source: source.name, viewerId: viewer.id, err: error },
        'source failed in evaluation');
      bySource.set(source.name, []);
    }
    seconds.set(source.name, (performance.now() - started) / 1000);
  }
  return { bySource, seconds };
}

/** Keeps, of every source's candidates, the posts the filter lets `userId` see. */
async function filterFor(
  engine: Engine,
  userId: string,
  ran: Pick<UserLists, 'bySource' | 'seconds'>,
  followees: string[],
): Promise<UserLists> {
  const union = [...ran.bySource.values()].flatMap((list) => list.map((c) => c.postId));
  const facts = await filterPosts(engine, userId, union);
  return { userId, ...ran, allowed: new Set(facts.keys()), facts, followees };
}

/** Runs every source once for a user and filters their union once. */
async function gatherForUser(engine: Engine, userId: string, limit: number): Promise<UserLists> {
  const viewer = await loadViewer(engine, userId);
  return filterFor(engine, userId, await runSources(engine, viewer, limit), viewer.followees);
}

/**
 * A viewer with no follows and no engagement, whom no source or model
 * knows: what a user who has just signed up is served (trending and
 * popular). Every such viewer gets the same candidates.
 */
export const NEW_USER: ViewerProfile = {
  id: 'eval:new-user',
  followees: [],
  recent: [],
  followeeEngagement: new Map(),
};

function topOfSource(lists: UserLists, source: string, k: number): string[] {
  return (lists.bySource.get(source) ?? [])
    .filter((c) => lists.allowed.has(c.postId))
    .sort((a, b) => b.score - a.score || (a.postId < b.postId ? -1 : 1))
    .slice(0, k)
    .map((c) => c.postId);
}

function topOfBlend(lists: UserLists, weights: BlendWeights, k: number): string[] {
  return blendCandidates(lists.bySource, weights, lists.allowed)
    .slice(0, k)
    .map((c) => c.postId);
}

/**
 * The feed's top `k` from lists already gathered: the same blend and
 * re-rank `rankFeed` runs (recommend/feed.ts), with the engine's weights,
 * seed and clock, without running every source a second time. The re-rank
 * is greedy, position by position, so its first `k` places are the same
 * whether it fills `k` places or the snapshot's 300; it is asked for `k`
 * only, as every place scans all the remaining candidates.
 */
function feedOf(engine: Engine, lists: UserLists, k: number): string[] {
  const blended = blendCandidates(lists.bySource, engine.config.blendWeights, lists.allowed);
  return rerank({
    blended,
    facts: lists.facts,
    followees: new Set(lists.followees),
    now: engine.clock(),
    random: randomFor(engine.config.feed.seed, lists.userId, 'rerank'),
    size: k,
  }, engine.config.rerank).map((item) => item.postId);
}

/** Runs `work` over items with at most `concurrency` at once, in order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  onDone?: (done: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
      onDone?.(++done);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Held-out items per user. */
export function groupByUser(engagements: readonly Engagement[]): Map<string, Set<string>> {
  const byUser = new Map<string, Set<string>>();
  for (const e of engagements) {
    let set = byUser.get(e.userId);
    if (!set) byUser.set(e.userId, (set = new Set()));
    set.add(e.itemId);
  }
  return byUser;
}

/**
 * One validation user's blend inputs, precomputed so a weight vector is
 * scored in one pass: every allowed post (in id order, the blend's
 * tie-break) and each source's normalised score of it, exactly as
 * `blendCandidates` computes them (score / the source's best, allowed and
 * positive scores only).
 */
interface BlendTable {
  userId: string;
  posts: string[];
  /** Per source name, the normalised score of each post (0 when absent). */
  normalized: Map<string, Float64Array>;
}

function tableOf(lists: UserLists): BlendTable {
  const posts = [...new Set([...lists.bySource.values()].flatMap((list) =>
    list.filter((c) => lists.allowed.has(c.postId) && c.score > 0).map((c) => c.postId)))]
    .sort(compareIds);
  const index = new Map(posts.map((post, i) => [post, i]));
  const normalized = new Map<string, Float64Array>();
  for (const [source, all] of lists.bySource) {
    const kept = all.filter((c) => lists.allowed.has(c.postId) && c.score > 0);
    const best = Math.max(0, ...kept.map((c) => c.score));
    const column = new Float64Array(posts.length);
    for (const c of kept) {
      const i = index.get(c.postId)!;
      column[i]! += c.score / best;
    }
    normalized.set(source, column);
  }
  return { userId: lists.userId, posts, normalized };
}

/** The top `k` posts of a table under `weights`, ties by id. */
function topOfTable(table: BlendTable, weights: BlendWeights, k: number): string[] {
  const scores = new Float64Array(table.posts.length);
  for (const [source, column] of table.normalized) {
    const weight = weights[source] ?? 0;
    if (weight === 0) continue;
    for (let i = 0; i < column.length; i++) scores[i]! += column[i]! * weight;
  }
  // Posts are in id order, so a later post ties below an earlier one: keep
  // the k best in a small sorted array instead of sorting every post.
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (top.length === k && scores[i]! <= scores[top[k - 1]!]!) continue;
    let at = top.length;
    while (at > 0 && scores[top[at - 1]!]! < scores[i]!) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top.map((i) => table.posts[i]!);
}

/** Mean NDCG@20 of the blend under `weights` over validation tables. */
function blendNdcg(
  tables: readonly BlendTable[],
  relevant: ReadonlyMap<string, ReadonlySet<string>>,
  weights: BlendWeights,
): number {
  const rankings = tables.map((t) => ({
    ranked: topOfTable(t, weights, 20),
    relevant: relevant.get(t.userId)!,
  }));
  return meanAccuracy(rankings, 20).ndcg;
}

/**
 * Fits blend weights on validation users by coordinate ascent on NDCG@20
 * over HARNESS_DEFAULTS.fitGrid, starting from `start`.
 */
export function fitBlendWeights(
  users: readonly UserLists[],
  relevant: ReadonlyMap<string, ReadonlySet<string>>,
  sources: readonly string[],
  start: BlendWeights,
  options = HARNESS_DEFAULTS,
): { weights: BlendWeights; ndcg: number } {
  return ascend(users.map(tableOf), relevant, sources, start, options);
}

function ascend(
  tables: readonly BlendTable[],
  relevant: ReadonlyMap<string, ReadonlySet<string>>,
  sources: readonly string[],
  start: BlendWeights,
  options: typeof HARNESS_DEFAULTS,
): { weights: BlendWeights; ndcg: number } {
  const score = (weights: BlendWeights) => blendNdcg(tables, relevant, weights);
  let weights = { ...start };
  let best = score(weights);
  for (let pass = 0; pass < options.fitPasses; pass++) {
    for (const source of sources) {
      for (const value of options.fitGrid) {
        const trial = { ...weights, [source]: value };
        if (Object.values(trial).every((w) => w === 0)) continue;
        const trialScore = score(trial);
        if (trialScore > best + 1e-9) {
          best = trialScore;
          weights = trial;
        }
      }
    }
  }
  return { weights, ndcg: best };
}

/** Evaluates lists of ids for many users into one result row. */
export function scoreMethod(
  method: string,
  family: string,
  lists: ReadonlyMap<string, string[]>,
  relevant: ReadonlyMap<string, ReadonlySet<string>>,
  training: TrainingIndex,
  seconds: number,
): MethodResult {
  const rankings: UserRanking[] = [...relevant.entries()].map(([userId, items]) => ({
    ranked: lists.get(userId) ?? [],
    relevant: items,
  }));
  const at20 = meanAccuracy(rankings, 20);
  return {
    method,
    family,
    at10: meanAccuracy(rankings, 10),
    at20,
    lists: listMetrics([...lists.values()], {
      catalogue: training.catalogue,
      usersByItem: training.usersByItem,
      userCount: training.itemsByUser.size,
    }),
    users: at20.users,
    seconds,
  };
}

export interface HarnessInput {
  engine: Engine;
  log: Logger;
  parts: Record<SplitPart, Engagement[]>;
  catalogue: string[];
  /** Sources that are learned models (reported with family 'model'). */
  modelSources?: readonly string[];
  /** Sources built on the follow graph, left out of the pure-CF blend. */
  followSources?: readonly string[];
  /** Called with (done, total) while users are evaluated. */
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Evaluate at most this many test users (all when unset). */
  maxUsers?: number;
  /** Validation users the blend is fitted on (HARNESS_DEFAULTS.fitUsers). */
  fitUsers?: number;
}

export interface FittedBlend {
  weights: BlendWeights;
  validationNdcg: number;
  startNdcg: number;
  /** Silent sources (see `silentSources`) kept at their previous weight. */
  kept: string[];
}

export interface HarnessOutput {
  results: MethodResult[];
  /** Weights fitted over every source (the new defaults). */
  fitted: FittedBlend;
  /** Weights fitted with the follow-graph sources held at 0. */
  withoutFollows: FittedBlend;
  /** Sources the validation data cannot judge, and why. */
  silent: Map<string, Silence>;
  /** Test NDCG@20 of named rows, for the notes. */
  ndcg20: Record<string, number>;
  /** Per phase, wall-clock seconds. */
  phaseSeconds: Record<string, number>;
}

/** The names of the blend rows, shared with the notes. */
export const BLEND_ROWS = {
  fitted: 'blend (fitted)',
  previous: 'blend (previous weights)',
  withoutFollows: 'blend without follow graph (fitted)',
  feed: 'feed (blend + re-rank)',
} as const;

/** Why the validation data cannot judge a source. */
export type Silence = 'no candidates' | 'no hits';

/**
 * The sources the validation data cannot judge: no user got an allowed
 * candidate from them, or none of their candidates was a held-out item.
 * Last.fm has no authored posts or embeddings (inNetwork, content); a
 * dataset without follows silences socialProof. Their fitted weight would
 * say nothing about them, so the fit keeps their previous one.
 */
export function silentSources(
  users: readonly UserLists[],
  relevant: ReadonlyMap<string, ReadonlySet<string>>,
  sources: readonly string[],
): Map<string, Silence> {
  const silent = new Map<string, Silence>();
  for (const source of sources) {
    let candidates = false;
    let hits = false;
    for (const lists of users) {
      const held = relevant.get(lists.userId);
      for (const c of lists.bySource.get(source) ?? []) {
        if (!lists.allowed.has(c.postId) || c.score <= 0) continue;
        candidates = true;
        hits ||= held?.has(c.postId) ?? false;
      }
    }
    if (!hits) silent.set(source, candidates ? 'no hits' : 'no candidates');
  }
  return silent;
}

/**
 * Fits the weights of `sources` from `start`; sources of `start` not in
 * `sources` are held at 0, silent ones keep their weight in `start`.
 */
function fitOn(
  tables: readonly BlendTable[],
  relevant: ReadonlyMap<string, ReadonlySet<string>>,
  sources: readonly string[],
  start: BlendWeights,
  silent: ReadonlyMap<string, Silence>,
): FittedBlend {
  const kept = sources.filter((s) => silent.has(s));
  const fitted = sources.filter((s) => !silent.has(s));
  const held = Object.fromEntries(
    Object.keys(start).filter((s) => !sources.includes(s)).map((s) => [s, 0]),
  );
  const from: BlendWeights = { ...start, ...held };
  for (const source of sources) from[source] ??= 0;
  if (fitted.every((source) => from[source] === 0)) {
    for (const source of fitted) from[source] = 1;
  }
  const measure = (weights: BlendWeights) => blendNdcg(tables, relevant, weights);
  const startNdcg = measure(from);
  // Coordinate ascent finds a local optimum: start it from the better of
  // the previous weights and the best single fitted source alone.
  let begin = from;
  let beginNdcg = startNdcg;
  for (const source of fitted) {
    const alone = { ...from, ...Object.fromEntries(fitted.map((s) => [s, 0])), [source]: 1 };
    const ndcg = measure(alone);
    if (ndcg > beginNdcg + 1e-9) {
      begin = alone;
      beginNdcg = ndcg;
    }
  }
  const result = ascend(tables, relevant, fitted, begin, HARNESS_DEFAULTS);
  return { weights: result.weights, validationNdcg: result.ndcg, startNdcg, kept };
}

/** Runs the whole evaluation on an engine whose graph holds training only. */
export async function runHarness(input: HarnessInput): Promise<HarnessOutput> {
  const { engine, parts } = input;
  const training = indexTraining(parts.train, input.catalogue);
  const sources = engine.sources.names();
  const followSources = input.followSources ?? ['inNetwork', 'socialProof'];
  const models = new Set(input.modelSources ?? []);
  const limit = HARNESS_DEFAULTS.candidatesPerSource;
  const trained = (userId: string) => training.itemsByUser.has(userId);
  const phaseSeconds: Record<string, number> = {};
  let phaseStart = performance.now();
  const endPhase = (name: string) => {
    const now = performance.now();
    phaseSeconds[name] = (now - phaseStart) / 1000;
    phaseStart = now;
  };

  // 1. Fit blend weights on validation users (never test users).
  const validation = groupByUser(parts.validation);
  const fitIds = [...validation.keys()].filter(trained).sort()
    .slice(0, input.fitUsers ?? HARNESS_DEFAULTS.fitUsers);
  const fitLists = await mapConcurrent(fitIds, HARNESS_DEFAULTS.concurrency,
    (id) => gatherForUser(engine, id, limit),
    (done) => input.onProgress?.(done, fitIds.length, 'validation'));
  // Each validation user counts twice: as themselves, and as if they had
  // just signed up (NEW_USER's candidates, filtered for them). Users with
  // a history alone cannot value what only a new user's feed rests on.
  const newcomer = await runSources(engine, NEW_USER, limit);
  const asNew = await mapConcurrent(fitIds, HARNESS_DEFAULTS.concurrency,
    (id) => filterFor(engine, id, newcomer, []));
  const previous = { ...engine.config.blendWeights };
  const silent = silentSources([...fitLists, ...asNew], validation, sources);
  const tables = [...fitLists, ...asNew].map(tableOf);
  const fitted = fitOn(tables, validation, sources, previous, silent);
  const withoutFollows = fitOn(tables, validation,
    sources.filter((s) => !followSources.includes(s)), previous, silent);
  engine.config.blendWeights = fitted.weights;
  // The graph holds training only, so a user's lists are the same for
  // validation and test: a validation user who is also a test user is
  // not gathered again.
  const gathered = new Map(fitLists.map((lists) => [lists.userId, lists]));
  endPhase('validation and fitting');

  // 2. Rank for every test user: each source, the blends, the full feed.
  const test = groupByUser(parts.test);
  let testIds = [...test.keys()].filter(trained).sort();
  if (input.maxUsers !== undefined) testIds = testIds.slice(0, input.maxUsers);
  const relevant = new Map(testIds.map((id) => [id, test.get(id)!]));
  const perMethod = new Map<string, Map<string, string[]>>();
  const seconds = new Map<string, number>();
  const put = (method: string, userId: string, list: string[]) => {
    let lists = perMethod.get(method);
    if (!lists) perMethod.set(method, (lists = new Map()));
    lists.set(userId, list);
  };
  const time = async <T>(method: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    seconds.set(method, (seconds.get(method) ?? 0) + (performance.now() - started) / 1000);
    return result;
  };

  await mapConcurrent(testIds, HARNESS_DEFAULTS.concurrency, async (userId) => {
    const lists = gathered.get(userId) ?? await gatherForUser(engine, userId, limit);
    gathered.delete(userId);
    for (const [source, took] of lists.seconds) {
      seconds.set(source, (seconds.get(source) ?? 0) + took);
    }
    for (const source of sources) put(source, userId, topOfSource(lists, source, 20));
    put(BLEND_ROWS.fitted, userId, topOfBlend(lists, fitted.weights, 20));
    put(BLEND_ROWS.previous, userId, topOfBlend(lists, previous, 20));
    put(BLEND_ROWS.withoutFollows, userId, topOfBlend(lists, withoutFollows.weights, 20));
    put('feed', userId, await time('feed', () => feedOf(engine, lists, 20)));
  }, (done) => input.onProgress?.(done, testIds.length, 'test'));
  endPhase('test users');

  const baselines: Array<[string, BaselineRecommender]> = [
    ['random', randomBaseline(training)],
    ['most popular', popularBaseline(training)],
    ['item-KNN (cosine)', itemKnnBaseline(training)],
  ];
  for (const [name, recommend] of baselines) {
    await time(name, () => {
      for (const userId of testIds) put(name, userId, recommend(userId, 20));
    });
  }
  endPhase('baselines');

  const row = (method: string, family: string, key = method) =>
    scoreMethod(method, family, perMethod.get(key)!, relevant, training, seconds.get(key) ?? 0);
  const results = [
    ...sources.map((s) => row(s, models.has(s) ? 'model' : 'source')),
    row(BLEND_ROWS.fitted, 'blend'),
    row(BLEND_ROWS.previous, 'blend'),
    row(BLEND_ROWS.withoutFollows, 'blend'),
    row(BLEND_ROWS.feed, 'blend', 'feed'),
    ...baselines.map(([name]) => row(name, 'baseline')),
  ];
  const ndcg20 = Object.fromEntries(results.map((r) => [r.method, r.at20.ndcg]));
  return { results, fitted, withoutFollows, silent, ndcg20, phaseSeconds };
}

/** Counts helpful for the report header. */
export async function countCatalogue(db: Database, prefix: string): Promise<string[]> {
  const rows = await db.readText<{ id: string }>(
    `MATCH (p:Post) WHERE p.id STARTS WITH $prefix AND p.deletedAt IS NULL
     RETURN p.id AS id LIMIT $limit`,
    { prefix, limit: int(10_000_000) },
  );
  return rows.map((row) => row.id);
}
