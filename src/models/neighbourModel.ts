/**
 * The models without factors (EASE, Mult-VAE, Mult-DAE, GRU4Rec) as ranked
 * lists to store in Neo4j: every catalogue item's nearest items, and every
 * training user's best unseen items.
 *
 * An item's neighbours are the model's scores for a user who engaged with
 * that item alone, `foldInUser([{ item, weight: 1 }])`: for EASE the item's
 * row of B, for the autoencoders the decoding of a one-item user, for
 * GRU4Rec the next item after a one-item sequence. The item itself and
 * items outside the model's catalogue (scored NOT_SCORED) are left out.
 *
 * Raw scores have no common scale (B weights, logits), so each list of the
 * best k is rescaled against the score just below it:
 *
 *   n(q) = (s_q − s_floor) / (s_1 − s_floor)
 *
 * with s_1 the best score and s_floor the (k + 1)-th best (the lowest one
 * when the catalogue holds k items or fewer). Every stored score is then in
 * (0, 1], the best is 1, the order and the relative gaps are the model's,
 * and items tied with the floor (no opinion, e.g. EASE weights of 0) are
 * dropped rather than stored as noise. The scale is per list: two items'
 * lists are not comparable in absolute strength, as in item-kNN.
 */
import type { ModelName } from './index.js';
import type { InteractionMatrix } from './interactionMatrix.js';
import { checkInteger, ModelError } from './modelError.js';
import { NOT_SCORED, rankItems, type Recommender, type ScoredItem } from './recommender.js';

export const NEIGHBOUR_DEFAULTS = {
  /** k: most neighbours stored per catalogue item (items). */
  neighbours: 50,
  /** Most posts stored per training user, best first (posts). */
  listSize: 200,
};

/** The models whose neighbours and lists are stored (the ones without factors). */
export const NEIGHBOUR_MODELS = ['ease', 'multvae', 'multdae', 'gru4rec'] as const satisfies
  readonly ModelName[];

export type NeighbourModelName = (typeof NEIGHBOUR_MODELS)[number];

/** True for the names of NEIGHBOUR_MODELS. */
export function isNeighbourModel(name: string): name is NeighbourModelName {
  return (NEIGHBOUR_MODELS as readonly string[]).includes(name);
}

/**
 * Where a model's lists live: parallel list properties on `:Post`
 * (neighbour ids, best first, and their scores) and on `:User` (best
 * posts and their scores). Cypher takes no property key as a parameter,
 * so the keys are fixed here and written through maps.
 */
export function storedProperties(model: NeighbourModelName) {
  return {
    neighbours: `${model}Neighbours`,
    neighbourScores: `${model}NeighbourScores`,
    list: `${model}Recommendations`,
    listScores: `${model}RecommendationScores`,
  } as const;
}

/** One stored ranked list: the ids best first, with scores in (0, 1]. */
export interface RankedList {
  /** The post (neighbours) or user (recommendations) it belongs to. */
  readonly id: string;
  readonly ids: readonly string[];
  readonly scores: readonly number[];
}

/** Everything `storeNeighbours` writes for one model. */
export interface NeighbourSnapshot {
  readonly model: NeighbourModelName;
  /** k the lists were cut at. */
  readonly neighbours: number;
  /** Size the user lists were cut at. */
  readonly listSize: number;
  readonly posts: readonly RankedList[];
  readonly users: readonly RankedList[];
}

/**
 * The best `k` of `ranked` (best first, ideally k + 1 long) rescaled into
 * (0, 1] against the floor (see the header); entries at the floor dropped.
 */
export function normaliseRanked(ranked: readonly ScoredItem[], k: number): ScoredItem[] {
  if (ranked.length === 0) return [];
  const floor = ranked[Math.min(k, ranked.length - 1)]!.score;
  const range = ranked[0]!.score - floor;
  return ranked
    .slice(0, k)
    .filter((entry) => entry.score > floor)
    .map((entry) => ({ item: entry.item, score: (entry.score - floor) / range }));
}

/** The matrix items `model` scores (its catalogue), in index order. */
export function catalogueOf(model: Recommender, data: InteractionMatrix): number[] {
  const probe = model.foldInUser([{ item: 0, weight: 1, at: 0 }]);
  const items: number[] = [];
  for (let item = 0; item < data.itemCount; item++) {
    if (probe[item] !== NOT_SCORED) items.push(item);
  }
  return items;
}

/**
 * Each catalogue item's `k` nearest items by a fitted `model` (see the
 * header), normalised; items with no neighbour above the floor are left
 * out. Throws BAD_OPTION for k < 1 and DIVERGED (from the model) on a
 * non-finite score.
 */
export function computeNeighbours(
  model: Recommender,
  data: InteractionMatrix,
  k = NEIGHBOUR_DEFAULTS.neighbours,
): RankedList[] {
  checkInteger('neighbours', k, 1);
  return rankedLists(data, catalogueOf(model, data), k, (item) => ({
    id: data.itemIds[item]!,
    ranked: rankItems(model.foldInUser([{ item, weight: 1, at: 0 }]), k + 1, new Set([item])),
  }));
}

/**
 * Each training user's best `size` unseen items by a fitted `model`,
 * normalised like the neighbours; users with nothing above the floor are
 * left out.
 */
export function computeUserLists(
  model: Recommender,
  data: InteractionMatrix,
  size = NEIGHBOUR_DEFAULTS.listSize,
): RankedList[] {
  checkInteger('listSize', size, 1);
  const users = Array.from({ length: data.userCount }, (_, user) => user);
  return rankedLists(data, users, size, (user) => ({
    id: data.userIds[user]!,
    ranked: model.recommend(user, size + 1),
  }));
}

/** The normalised lists of `rank` over `indexes`, empty ones left out. */
function rankedLists(
  data: InteractionMatrix,
  indexes: readonly number[],
  k: number,
  rank: (index: number) => { id: string; ranked: ScoredItem[] },
): RankedList[] {
  return indexes.flatMap((index) => {
    const { id, ranked } = rank(index);
    const best = normaliseRanked(ranked, k);
    if (best.length === 0) return [];
    return [{
      id,
      ids: best.map((entry) => data.itemIds[entry.item]!),
      scores: best.map((entry) => entry.score),
    }];
  });
}

/**
 * Throws ModelError unless every list of `snapshot` pairs each id with a
 * finite score in (0, 1] (DIVERGED names the first non-finite one,
 * BAD_OPTION any other fault). Called before anything is written.
 */
export function checkNeighbourSnapshot(snapshot: NeighbourSnapshot): void {
  if (!isNeighbourModel(snapshot.model)) {
    throw new ModelError(
      'BAD_OPTION',
      `model must be one of ${NEIGHBOUR_MODELS.join(', ')}, but got: ${snapshot.model}`,
    );
  }
  for (const [what, lists] of [['post', snapshot.posts], ['user', snapshot.users]] as const) {
    for (const list of lists) checkList(what, list);
  }
}

function checkList(what: string, list: RankedList): void {
  if (list.ids.length !== list.scores.length) {
    throw new ModelError(
      'BAD_OPTION',
      `${what} ${list.id} must have one score per id, but has ${list.ids.length} ids and ` +
        `${list.scores.length} scores`,
    );
  }
  for (const [n, score] of list.scores.entries()) {
    if (!Number.isFinite(score)) {
      throw new ModelError(
        'DIVERGED',
        `${what} ${list.id} scores must be finite numbers, but entry ${n} ` +
          `(${list.ids[n]}) is ${score}; nothing was written`,
      );
    }
    if (score <= 0 || score > 1) {
      throw new ModelError(
        'BAD_OPTION',
        `${what} ${list.id} scores must be in (0, 1], but entry ${n} (${list.ids[n]}) ` +
          `is ${score}; nothing was written`,
      );
    }
  }
}
