/**
 * "More like this": posts similar to one post, blended from content and
 * shared engagement, filtered for the viewer, each with its reasons.
 *
 * Candidates come from four sources:
 *   - content: nearest neighbours of the post's embedding in the
 *     `post_embedding` vector index (src/db/vectorSearch.ts oversamples);
 *   - co-engagement: posts engaged ([:LIKED|REPOSTED|REPLIED]) by the same
 *     users (item-based collaborative filtering, Sarwar et al., "Item-based
 *     collaborative filtering recommendation algorithms", WWW 2001);
 *   - model: nearest neighbours of the post's item factors in a stored
 *     learned model (ALS by default; `npm run train -- als`), through the
 *     model's vector index, which ranks by the factors' dot product
 *     (src/models/factorModel.ts); scored by the cosine of the factors;
 *   - neighbour models: the post's nearest posts stored by each model
 *     without factors (EASE, Mult-VAE, Mult-DAE, GRU4Rec; `npm run train
 *     -- ease`), read from the post's list properties
 *     (src/models/neighbourStore.ts), scored in (0, 1] by the model;
 *   - walk (optional): a caller-supplied source, such as random walks from
 *     the post once the feed's walk engine exists.
 *
 * Every candidate is scored on all signals, then blended:
 *
 *   content(p, q)  = max(0, cos(e_p, e_q)), 0 below minContentSimilarity
 *   coEng(p, q)    = n / √(N_p · N_q) · n / (n + λ)
 *   tags(p, q)     = |T_p ∩ T_q| / |T_p ∪ T_q|
 *   model(p, q)    = max(0, cos(y_p, y_q)), 0 below minModelSimilarity
 *   n_M(p, q)      = q's stored score among p's neighbours in model M, else 0
 *   score          = w_c · content + w_e · coEng + w_t · tags + w_m · model
 *                    + Σ_M w_M · n_M + w_w · walk
 *
 * with y the model's item factors, n users engaged with both posts, N_p and N_q users engaged with
 * each, and λ = coEngagementShrinkage. The shrink factor n / (n + λ)
 * (Koren, "Factor in the neighbors", TKDD 4(1), 2010, eq. 2) keeps one
 * shared user from making two rarely engaged posts look identical: with
 * λ = 5, one shared user of two one-user posts scores 1/6, five shared
 * users of two five-user posts score 1/2.
 *
 * Items are ordered by score, then post id, and paged by a keyset cursor
 * (the last item's score and id), so a later page never repeats an item
 * of an earlier one.
 */
import type { Logger } from 'pino';
import { int, type Database } from '../db/database.js';
import { findNearest, VECTOR_SEARCH_DEFAULTS } from '../db/vectorSearch.js';
import { FACTOR_MODELS, type FactorModelName } from '../models/factorModel.js';
import {
  NEIGHBOUR_MODELS,
  storedProperties,
  type NeighbourModelName,
} from '../models/neighbourModel.js';
import { ContentError, ContentErrorCode } from '../content/embedder.js';

export const SIMILAR_POSTS_DEFAULTS = {
  /** Content neighbours read from the vector index (posts). */
  contentCandidates: 50,
  /** Cosine below which text is not called similar (cosine, −1..1). */
  minContentSimilarity: 0.1,
  /** Co-engagement neighbours kept, most shared users first (posts). */
  coEngagementCandidates: 100,
  /** Most recent engagers of the post read (users). */
  engagersScanned: 500,
  /** Most recent engaged posts read per engager (posts). */
  postsPerEngager: 200,
  /** λ in the shrink factor n / (n + λ) (users). */
  coEngagementShrinkage: 5,
  /** Candidates asked of the walk source, when one is given (posts). */
  walkCandidates: 100,
  /** Weight of content similarity in the score (unitless). */
  contentWeight: 1,
  /** Weight of shrunk co-engagement similarity (unitless). */
  coEngagementWeight: 1,
  /** Weight of the Jaccard overlap of tags (unitless). */
  sharedTagWeight: 0.25,
  /** Stored learned model whose item factors add candidates (null: none). */
  factorModel: 'als' as FactorModelName | null,
  /** Neighbours read from the model's post vector index (posts). */
  modelCandidates: 50,
  /** Factor cosine below which the model does not call posts similar. */
  minModelSimilarity: 0.1,
  /** Weight of the model's factor cosine (unitless). */
  modelWeight: 1,
  /**
   * Weight of each neighbour model's stored score, in (0, 1] (unitless; 0
   * leaves the model out). Each model's best neighbour scores 1, so each
   * weighs half a content or co-engagement match; GRU4Rec a quarter, as
   * it learns order, and Last.fm's import has none (README, Learned models).
   */
  neighbourModelWeights: {
    ease: 0.5,
    multvae: 0.5,
    multdae: 0.5,
    gru4rec: 0.25,
  } as Record<NeighbourModelName, number>,
  /** Neighbours read per neighbour model, of the k stored (posts). */
  neighbourCandidates: 50,
  /** Weight of the walk source's score, in [0, 1] (unitless). */
  walkWeight: 1,
  /** Largest page (items). */
  maxFirst: 100,
};

export type SimilarPostsOptions = typeof SIMILAR_POSTS_DEFAULTS;

/** A candidate source scored in [0, 1], such as random walks. */
export type CandidateSource = (
  postId: string,
  limit: number,
) => Promise<Array<{ postId: string; score: number }>>;

export interface SimilarPostsDeps {
  db: Database;
  /** Optional extra source, blended as `walk`. */
  walk?: CandidateSource;
  log?: Logger;
}

export interface SimilarPostsRequest {
  postId: string;
  /** The signed-in user; absent for anonymous viewers (public posts only). */
  viewerId?: string | null;
  /** Page size, 1..maxFirst. */
  first: number;
  /** endCursor of the previous page. */
  after?: string | null;
}

export type ReasonKind =
  | 'SIMILAR_TEXT'
  | 'SAME_ENGAGERS'
  | 'SHARED_TAGS'
  | 'LEARNED_MODEL'
  | 'WALK';

/** Why an item is there, and what it added to the score. */
export interface SimilarityReason {
  kind: ReasonKind;
  detail: string;
  score: number;
}

/** A neighbour model's score for a candidate, before its weight. */
export interface ModelSimilarity {
  model: NeighbourModelName;
  /** In (0, 1]: the candidate's stored score among the post's neighbours. */
  score: number;
}

/** Each source's similarity, before weights. */
export interface SimilaritySources {
  content: number;
  coEngagement: number;
  sharedTags: number;
  /** Factor cosine in the stored learned model (0 when either has none). */
  model: number;
  /** Every neighbour model (weight > 0) that lists the candidate. */
  models: ModelSimilarity[];
  walk?: number;
}

export interface SimilarPost {
  postId: string;
  score: number;
  /** Strongest first; only signals that contributed. */
  reasons: SimilarityReason[];
  sources: SimilaritySources;
}

export interface SimilarPostsPage {
  items: SimilarPost[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface VisibleRow {
  id: string;
  tags: string[];
  embedding: number[] | null;
  contentScore: number | null;
  [key: string]: unknown;
}

/** Distinct users engaged with both posts, and with each (users). */
export interface CoEngagementCounts {
  shared: number;
  sourceEngagers: number;
  engagers: number;
}

interface CoEngagedRow extends CoEngagementCounts {
  id: string;
  [key: string]: unknown;
}

/**
 * Returns one page of posts similar to `postId` for the viewer, best
 * first. Throws ContentError BAD_USER_INPUT for a bad `first` or cursor,
 * NOT_FOUND when the post does not exist or the viewer may not see it.
 */
export async function findSimilarPosts(
  deps: SimilarPostsDeps,
  request: SimilarPostsRequest,
  options: SimilarPostsOptions = SIMILAR_POSTS_DEFAULTS,
): Promise<SimilarPostsPage> {
  const { first, after } = checkRequest(request, options);
  const viewerId = request.viewerId ?? null;
  const source = await loadSource(deps.db, request.postId, viewerId);
  const candidates = await gatherCandidates(deps, source, options);
  candidates.delete(source.id);

  const visible = await deps.db.read<VisibleRow>('content/visiblePosts', {
    ids: [...candidates.keys()],
    viewerId,
    recommending: true,
    withEmbedding: false,
    embedding: hasDirection(source.embedding) ? source.embedding : null,
  });
  const ranked = visible
    .map((row) => scoreCandidate(row, source, candidates.get(row.id)!, options))
    .filter((item) => item.score > 0)
    .sort(compareItems);
  return paginate(ranked, first, after);
}

function checkRequest(
  request: SimilarPostsRequest,
  options: SimilarPostsOptions,
): { first: number; after: Cursor | null } {
  const { first } = request;
  if (!Number.isInteger(first) || first < 1 || first > options.maxFirst) {
    throw new ContentError(
      ContentErrorCode.BAD_USER_INPUT,
      `first must be an integer from 1 to ${options.maxFirst}, but got ${first}`,
    );
  }
  return { first, after: request.after ? decodeCursor(request.after) : null };
}

async function loadSource(db: Database, postId: string, viewerId: string | null) {
  const [row] = await db.read<VisibleRow>('content/visiblePosts', {
    ids: [postId],
    viewerId,
    recommending: false,
    withEmbedding: true,
    embedding: null,
  });
  if (!row) {
    throw new ContentError(
      ContentErrorCode.NOT_FOUND,
      `No post ${JSON.stringify(postId)} is visible to this viewer.`,
    );
  }
  return row;
}

/** Per candidate: co-engagement counts, model scores, walk score, when it has them. */
interface CandidateSignals {
  coEngaged?: CoEngagedRow;
  modelCosine?: number;
  neighbourModels?: ModelSimilarity[];
  walk?: number;
}

async function gatherCandidates(
  deps: SimilarPostsDeps,
  source: VisibleRow,
  options: SimilarPostsOptions,
): Promise<Map<string, CandidateSignals>> {
  const [nearest, coEngaged, modelNeighbours, stored, walked] = await Promise.all([
    hasDirection(source.embedding)
      ? findNearest(deps.db, 'post_embedding', source.embedding, options.contentCandidates + 1)
      : [],
    deps.db.read<CoEngagedRow>('content/coEngagedPosts', {
      postId: source.id,
      engagers: int(options.engagersScanned),
      postsPerEngager: int(options.postsPerEngager),
      limit: int(options.coEngagementCandidates),
    }),
    findFactorNeighbours(deps.db, source.id, options),
    readStoredNeighbours(deps.db, source.id, options),
    deps.walk ? deps.walk(source.id, options.walkCandidates) : [],
  ]);

  const candidates = new Map<string, CandidateSignals>();
  const signals = (id: string) => {
    let entry = candidates.get(id);
    if (!entry) candidates.set(id, (entry = {}));
    return entry;
  };
  for (const hit of nearest) if (hit.id !== null) signals(hit.id);
  for (const row of coEngaged) signals(row.id).coEngaged = row;
  for (const row of modelNeighbours) signals(row.id).modelCosine = row.cosine;
  for (const row of stored) {
    const entry = signals(row.id);
    (entry.neighbourModels ??= []).push({ model: row.model, score: row.score });
  }
  for (const hit of walked) signals(hit.postId).walk = hit.score;
  return candidates;
}

/**
 * The post's nearest neighbours by the item factors of
 * `options.factorModel`, with their factor cosine; none when no model is
 * chosen, stored, or the post has no factors.
 */
async function findFactorNeighbours(
  db: Database,
  postId: string,
  options: SimilarPostsOptions,
): Promise<Array<{ id: string; cosine: number }>> {
  if (options.factorModel === null) return [];
  const { property, postIndex } = FACTOR_MODELS[options.factorModel];
  const k = options.modelCandidates;
  const { oversample, minCandidates } = VECTOR_SEARCH_DEFAULTS;
  return db.read<{ id: string; cosine: number }>('models/factorNeighbours', {
    postId,
    property,
    indexName: postIndex,
    k: int(k),
    candidates: int(Math.max(k * oversample, minCandidates)),
  });
}

/**
 * The post's stored neighbours in every neighbour model weighted above 0,
 * at most `neighbourCandidates` per model; none for a model not stored.
 */
async function readStoredNeighbours(
  db: Database,
  postId: string,
  options: SimilarPostsOptions,
): Promise<ReadonlyArray<{ model: NeighbourModelName; id: string; score: number }>> {
  const models = NEIGHBOUR_MODELS
    .filter((model) => (options.neighbourModelWeights[model] ?? 0) > 0)
    .map((model) => {
      const keys = storedProperties(model);
      return { name: model, neighbours: keys.neighbours, scores: keys.neighbourScores };
    });
  if (models.length === 0) return [];
  return db.read('models/storedNeighbours', {
    postId,
    models,
    k: int(options.neighbourCandidates),
  });
}

/**
 * False for a missing or zero vector (one written around checkEmbedding),
 * which has no direction to search or compare with.
 */
function hasDirection(vector: number[] | null): vector is number[] {
  return vector !== null && vector.some((value) => value !== 0);
}

function scoreCandidate(
  row: VisibleRow,
  source: VisibleRow,
  signals: CandidateSignals,
  options: SimilarPostsOptions,
): SimilarPost {
  const cosine = row.contentScore === null ? 0 : 2 * row.contentScore - 1;
  const content = cosine >= options.minContentSimilarity ? cosine : 0;
  const coEngagement = shrunkCosine(signals.coEngaged, options.coEngagementShrinkage);
  const sharedTagNames = row.tags.filter((tag) => source.tags.includes(tag)).sort();
  const union = new Set([...row.tags, ...source.tags]).size;
  const sharedTags = union === 0 ? 0 : sharedTagNames.length / union;
  const modelCosine = signals.modelCosine ?? 0;
  const model = modelCosine >= options.minModelSimilarity ? modelCosine : 0;

  const reasons: SimilarityReason[] = [];
  const add = (kind: ReasonKind, detail: string, score: number) => {
    if (score > 0) reasons.push({ kind, detail, score });
  };
  add('SIMILAR_TEXT', `similar text (cosine ${cosine.toFixed(2)})`,
    options.contentWeight * content);
  const shared = signals.coEngaged?.shared ?? 0;
  add('SAME_ENGAGERS', `liked, reposted or replied to by ${shared} of the same ` +
    `${shared === 1 ? 'person' : 'people'}`, options.coEngagementWeight * coEngagement);
  add('SHARED_TAGS', `shared tags: ${sharedTagNames.join(', ')}`,
    options.sharedTagWeight * sharedTags);
  add('LEARNED_MODEL', `close in the ${options.factorModel ?? ''} model's item factors ` +
    `(cosine ${modelCosine.toFixed(2)})`, options.modelWeight * model);
  const models = signals.neighbourModels ?? [];
  for (const { model: name, score } of models) {
    add('LEARNED_MODEL', `among the ${name} model's nearest posts (score ${score.toFixed(2)})`,
      options.neighbourModelWeights[name] * score);
  }
  if (signals.walk !== undefined) {
    add('WALK', 'often reached by random walks from this post',
      options.walkWeight * signals.walk);
  }
  reasons.sort((a, b) => b.score - a.score);

  const sources: SimilaritySources = { content, coEngagement, sharedTags, model, models };
  if (signals.walk !== undefined) sources.walk = signals.walk;
  const score = reasons.reduce((sum, reason) => sum + reason.score, 0);
  return { postId: row.id, score, reasons, sources };
}

/**
 * n / √(N_p · N_q) · n / (n + λ): cosine over binary engagement, shrunk
 * when few users are shared. 0 without co-engagement.
 */
export function shrunkCosine(row: CoEngagementCounts | undefined, shrinkage: number): number {
  if (!row || row.shared === 0) return 0;
  const cosine = row.shared / Math.sqrt(row.sourceEngagers * row.engagers);
  return Math.min(1, cosine) * (row.shared / (row.shared + shrinkage));
}

/** Score descending, then post id ascending. */
function compareItems(a: Cursor, b: Cursor): number {
  return b.score - a.score || (a.postId < b.postId ? -1 : a.postId > b.postId ? 1 : 0);
}

/** Where a page ended: the last item's score and post id. */
interface Cursor {
  score: number;
  postId: string;
}

/** The keyset cursor just after `item` (a page may start after any item). */
export function encodeCursor(item: SimilarPost): string {
  return Buffer.from(JSON.stringify([item.score, item.postId])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { score: value[0], postId: value[1] };
    }
  } catch {
    // reported below
  }
  throw new ContentError(
    ContentErrorCode.BAD_USER_INPUT,
    'after must be an endCursor returned by similar posts, but got ' +
      JSON.stringify(text.slice(0, 100)),
  );
}

function paginate(ranked: SimilarPost[], first: number, after: Cursor | null): SimilarPostsPage {
  const start = after === null
    ? 0
    : ranked.findIndex((item) => compareItems(item, after) > 0);
  const rest = start < 0 ? [] : ranked.slice(start);
  const items = rest.slice(0, first);
  const last = items[items.length - 1];
  return {
    items,
    endCursor: last ? encodeCursor(last) : null,
    hasNextPage: rest.length > first,
  };
}
