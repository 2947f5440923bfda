/**
 * Learned models (src/models) as candidate sources.
 *
 * createFactorModelSource (ALS, PureSVD, once `npm run train` stored their
 * vectors in Neo4j): the viewer's vector is their stored user factors, or,
 * for a viewer without them, folded in from the stored vectors of their
 * recent engagements (src/models/factorModel.ts); the posts are the
 * nearest in the model's post vector index, which ranks by the model's
 * dot product. Scores are the index's (1 + cos) / 2, in [0, 1].
 *
 * createNeighbourModelSource (EASE, Mult-VAE, Mult-DAE, GRU4Rec, once
 * `npm run train` stored their lists in Neo4j, src/models/neighbourStore.ts):
 * a training viewer gets their stored list; any other viewer (joined after
 * training) is folded in from the stored neighbours of their recent
 * engagements,
 *   score(q) = Σ_e w_e · n_e(q)
 * with w_e the engagement's weight and n_e(q) ∈ (0, 1] q's stored score
 * among the neighbours of engaged post e (0 when not listed), so every
 * model serves every viewer who engaged with a post of its catalogue.
 *
 * createLearnedModelSource (any fitted model in memory: the evaluation):
 * the viewer's best unseen posts by the model's scores. A viewer the
 * model was trained on is scored from their training row; any other viewer is folded in from the
 * recent engagements of their profile (without retraining); a viewer with
 * no engagement the model knows gets nothing.
 *
 * Model scores may be negative, and the blend keeps only scores > 0, so a
 * list of n items is shifted by the score of the (n + 1)-th best item:
 *   score(p) = s(p) − s_(n+1) + ε,  ε = 1e-9 · (s_(1) − s_(n+1) + 1)
 * which keeps the order and the gaps the model drew.
 */
import { findNearest } from '../../db/vectorSearch.js';
import {
  FACTOR_MODELS,
  foldInFromFactors,
  storedUserVector,
  type FactorModelName,
  type FoldInRule,
} from '../../models/factorModel.js';
import type { InteractionMatrix } from '../../models/interactionMatrix.js';
import { storedProperties, type NeighbourModelName } from '../../models/neighbourModel.js';
import { assertFiniteValues } from '../../models/modelError.js';
import { rankItems, type Recommender, type ScoredItem } from '../../models/recommender.js';
import type { Candidate } from '../types.js';
import type { CandidateSource, SourceContext } from './source.js';

/** Creates a source named `name` that ranks with a fitted `model`. */
export function createLearnedModelSource(
  name: string,
  model: Recommender,
  data: InteractionMatrix,
): CandidateSource {
  return {
    name,
    async generate({ viewer, limit }: SourceContext) {
      const user = data.userIndex.get(viewer.id);
      let ranked: ScoredItem[];
      if (user !== undefined) {
        ranked = model.recommend(user, limit + 1);
      } else {
        const engagements = viewer.recent.flatMap((e) => {
          const item = data.itemIndex.get(e.postId);
          return item === undefined ? [] : [{ item, weight: e.weight, at: e.at }];
        });
        if (engagements.length === 0) return [];
        const exclude = new Set(engagements.map((e) => e.item));
        ranked = rankItems(model.foldInUser(engagements), limit + 1, exclude);
      }
      return toCandidates(ranked, limit, (item) => data.itemIds[item]!);
    },
  };
}

/** Shifts scores positive (see the header) and names the posts. */
export function toCandidates(
  ranked: readonly ScoredItem[],
  limit: number,
  postIdOf: (item: number) => string,
): Candidate[] {
  if (ranked.length === 0) return [];
  const kept = ranked.slice(0, limit);
  const floor = ranked.length > limit ? ranked[limit]!.score : kept.at(-1)!.score;
  const epsilon = 1e-9 * (kept[0]!.score - floor + 1);
  return kept.map((entry): Candidate => ({
    postId: postIdOf(entry.item),
    score: entry.score - floor + epsilon,
    reasons: [{ kind: 'ENGAGED_BY_SIMILAR_USERS', count: 0, userIds: [] }],
  }));
}

/** One row of cypher/models/viewerFactors.cypher. */
interface ViewerFactorsRow {
  factors: number;
  foldIn: 'als' | 'sum';
  alpha: number | null;
  binary: boolean | null;
  gram: number[] | null;
  userFactors: number[] | null;
  engaged: Array<{ weight: number; factors: number[] }>;
  [key: string]: unknown;
}

/**
 * Creates the source named `model` that serves the factors stored in Neo4j
 * (see the header). Returns nothing before the model is stored, or for a
 * viewer with neither factors nor an engagement with a post that has them.
 */
export function createFactorModelSource(model: FactorModelName): CandidateSource {
  const { property, postIndex } = FACTOR_MODELS[model];
  return {
    name: model,
    async generate({ engine, viewer, limit, read }: SourceContext) {
      const [row] = await read<ViewerFactorsRow>('models/viewerFactors', {
        model,
        property,
        viewerId: viewer.id,
        engaged: viewer.recent.map((e) => ({ postId: e.postId, weight: e.weight })),
      });
      const vector = row === undefined ? undefined : viewerVector(row);
      if (vector === undefined) return [];
      const seen = new Set(viewer.recent.map((e) => e.postId));
      const hits = await findNearest(engine.db, postIndex, vector, limit + seen.size);
      return hits
        .filter((hit) => hit.id !== null && !seen.has(hit.id))
        .slice(0, limit)
        .map((hit): Candidate => ({
          postId: hit.id!,
          score: hit.score,
          reasons: [{ kind: 'ENGAGED_BY_SIMILAR_USERS', count: 0, userIds: [] }],
        }));
    },
  };
}

/** The stored or folded-in query vector [x, 0]; undefined when it has none. */
function viewerVector(row: ViewerFactorsRow): number[] | undefined {
  let vector = row.userFactors;
  if (vector === null) {
    if (row.engaged.length === 0) return undefined;
    const rule: FoldInRule = row.foldIn === 'als'
      ? { kind: 'als', gram: Float64Array.from(row.gram ?? []), alpha: row.alpha ?? 0 }
      : { kind: 'sum', binary: row.binary === true };
    vector = storedUserVector(foldInFromFactors(rule, row.factors, row.engaged));
  }
  assertFiniteValues(vector, `${row.foldIn} viewer factors`);
  return vector.some((value) => value !== 0) ? vector : undefined;
}

export const NEIGHBOUR_SOURCE_DEFAULTS = {
  /** The viewer's most recent engagements folded in (engagements). */
  seedLimit: 50,
};

/** One row of cypher/models/viewerNeighbours.cypher. */
interface ViewerNeighboursRow {
  list: string[] | null;
  listScores: number[] | null;
  engaged: Array<{ postId: string; weight: number; ids: string[]; scores: number[] }>;
  [key: string]: unknown;
}

/**
 * Creates the source named `model` that serves a neighbour model's lists
 * stored in Neo4j (see the header). Returns nothing before the model is
 * stored, or for a viewer with no stored list and no recent engagement
 * with a post of the model's catalogue.
 */
export function createNeighbourModelSource(
  model: NeighbourModelName,
  options = NEIGHBOUR_SOURCE_DEFAULTS,
): CandidateSource {
  const keys = storedProperties(model);
  return {
    name: model,
    async generate({ viewer, limit, read }: SourceContext) {
      const recent = viewer.recent.slice(0, options.seedLimit);
      const [row] = await read<ViewerNeighboursRow>('models/viewerNeighbours', {
        model,
        keys,
        viewerId: viewer.id,
        engaged: recent.map((e) => ({ postId: e.postId, weight: e.weight })),
      });
      if (row === undefined) return [];
      if (row.list !== null) {
        return row.list.slice(0, limit).map((postId, n): Candidate => ({
          postId,
          score: row.listScores![n]!,
          reasons: [{ kind: 'ENGAGED_BY_SIMILAR_USERS', count: 0, userIds: [] }],
        }));
      }
      return foldInNeighbours(row.engaged, new Set(recent.map((e) => e.postId)), limit);
    },
  };
}

/**
 * Σ_e w_e · n_e(q) over the engaged posts' stored neighbours, posts in
 * `seen` left out, best `limit` first (ties by post id); each candidate
 * names the engaged post that added most to it.
 */
export function foldInNeighbours(
  engaged: ViewerNeighboursRow['engaged'],
  seen: ReadonlySet<string>,
  limit: number,
): Candidate[] {
  const sums = new Map<string, { score: number; because: string; best: number }>();
  for (const { postId, weight, ids, scores } of engaged) {
    ids.forEach((id, n) => {
      if (seen.has(id)) return;
      const part = weight * scores[n]!;
      const entry = sums.get(id) ?? { score: 0, because: postId, best: 0 };
      entry.score += part;
      if (part > entry.best) Object.assign(entry, { because: postId, best: part });
      sums.set(id, entry);
    });
  }
  return [...sums.entries()]
    .sort(([a, x], [b, y]) => y.score - x.score || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([postId, entry]): Candidate => ({
      postId,
      score: entry.score,
      reasons: [{ kind: 'SIMILAR_TO_ENGAGED', postId: entry.because }],
    }));
}
