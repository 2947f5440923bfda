/**
 * Factor models (ALS, PureSVD) as vectors to store and search: a user's
 * score for an item is the dot product of a user vector and an item
 * vector, so Neo4j's vector index can serve them once the dot product is
 * turned into a cosine.
 *
 * Neo4j's vector indexes offer cosine and Euclidean similarity, not the
 * inner product. The transform of Bachrach et al., "Speeding up the Xbox
 * recommender system using a Euclidean transformation for inner-product
 * spaces" (RecSys 2014) adds one dimension: with M = max_i ‖y_i‖,
 *
 *   item  y'_i = [y_i, √(M² − ‖y_i‖²)]   (every ‖y'_i‖ = M)
 *   user  x'_u = [x_u, 0]
 *   cos(x'_u, y'_i) = x_uᵀ y_i / (‖x_u‖ · M)
 *
 * so for one user the cosine ranks items exactly as the dot product does.
 * Both are stored with f + 1 numbers; cosine over user vectors (last
 * number 0) is plain cosine over the user factors.
 *
 * Fold-in of a user without stored factors needs only what is stored: for
 * PureSVD the weighted sum of the engaged items' factors (r_u·Q); for ALS
 * the exact solve x = (YᵀY + λI + Yᵀ(C − I)Y)⁻¹ YᵀCp (Hu et al. 2008),
 * with YᵀY + λI stored on the model's node.
 *
 * Fold-in of a post without stored factors (created after training) is
 * the mirror image, from the stored vectors x_u of its engagers:
 *
 *   ALS      y = (XᵀX + λI + Xᵀ(C − I)X)⁻¹ XᵀCp   (the item half-step)
 *   PureSVD  q = Σ_u r_u·x_u·Σ⁻²                   (x_u = r_u·Q = U_u·Σ)
 *
 * with XᵀX + λI (ALS) or the singular values Σ (PureSVD) stored on the
 * model's node. For a trained post both give back its stored factors
 * (ALS: the last half-step solved exactly that; PureSVD: Rᵀ·U·Σ⁻¹ = Q).
 * A folded-in post keeps the stored M (every other post's last number
 * depends on it): one whose norm exceeds M is scaled down to norm M
 * (foldedItemVector), which keeps its direction.
 */
import { choleskyInPlace, choleskySolve } from './linalg.js';
import { ModelError } from './modelError.js';
import type { Recommender } from './recommender.js';

/** The factor models, and where their vectors live in Neo4j. */
export const FACTOR_MODELS = {
  als: {
    property: 'alsFactors',
    postIndex: 'post_als_factors',
    userIndex: 'user_als_factors',
  },
  puresvd: {
    property: 'puresvdFactors',
    postIndex: 'post_puresvd_factors',
    userIndex: 'user_puresvd_factors',
  },
} as const;

export type FactorModelName = keyof typeof FACTOR_MODELS;

/** How a user without stored factors is folded in. */
export type FoldInRule =
  /** ALS: exact solve with YᵀY + λI (f × f, row-major) and α. */
  | { kind: 'als'; gram: Float64Array; alpha: number }
  /** PureSVD: Σ w_e·q_e (w_e = 1 when `binary`). */
  | { kind: 'sum'; binary: boolean };

/** How a post without stored factors is folded in (see the header). */
export type ItemFoldInRule =
  /** ALS: exact solve with XᵀX + λI (f × f, row-major) and α. */
  | { kind: 'als'; gram: Float64Array; alpha: number }
  /** PureSVD: Σ_u w_u·x_u·Σ⁻² (w_u = 1 when `binary`); σ = 0 gives 0. */
  | { kind: 'svd'; singularValues: Float64Array; binary: boolean };

/** A fitted factor model's vectors: score(u, i) = users[u]ᵀ·items[i]. */
export interface FactorSnapshot {
  readonly model: FactorModelName;
  /** f: numbers per user and item vector (before the transform). */
  readonly factors: number;
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  /** userIds.length × f, row-major. */
  readonly users: Float64Array;
  /** itemIds.length × f, row-major. */
  readonly items: Float64Array;
  readonly foldIn: FoldInRule;
  readonly itemFoldIn: ItemFoldInRule;
}

/** A recommender whose scores are dot products of stored factors. */
export interface FactorRecommender extends Recommender {
  /** The fitted vectors; throws NOT_FITTED before `fit`. */
  factorSnapshot(): FactorSnapshot;
}

/** True for models that can store their factors (ALS, PureSVD). */
export function isFactorRecommender(model: Recommender): model is FactorRecommender {
  return typeof (model as Partial<FactorRecommender>).factorSnapshot === 'function';
}

/**
 * Throws ModelError unless every vector of `snapshot` has f finite numbers
 * (DIVERGED names the first bad vector) and the fold-in rule is finite.
 * Called before anything is written, so bad numbers never reach Neo4j.
 */
export function checkSnapshot(snapshot: FactorSnapshot): void {
  const f = snapshot.factors;
  checkRows('user', snapshot.userIds, snapshot.users, f);
  checkRows('item', snapshot.itemIds, snapshot.items, f);
  if (snapshot.foldIn.kind === 'als') {
    checkRows('fold-in', ['YᵀY + λI'], snapshot.foldIn.gram, f * f);
    checkRows('fold-in', ['alpha'], [snapshot.foldIn.alpha], 1);
  }
  const item = snapshot.itemFoldIn;
  if (item.kind === 'als') {
    checkRows('item fold-in', ['XᵀX + λI'], item.gram, f * f);
    checkRows('item fold-in', ['alpha'], [item.alpha], 1);
  } else {
    checkRows('item fold-in', ['singular values'], item.singularValues, f);
  }
}

/**
 * Throws ModelError (DIVERGED names the first bad vector) unless every
 * one of `vectors` holds `length` finite numbers.
 */
export function checkVectors(
  what: string,
  ids: readonly string[],
  vectors: ReadonlyArray<ArrayLike<number>>,
  length: number,
): void {
  vectors.forEach((vector, row) => {
    checkRows(what, [ids[row]!], vector, length);
  });
}

function checkRows(what: string, ids: readonly string[], values: ArrayLike<number>, f: number) {
  if (values.length !== ids.length * f) {
    throw new ModelError(
      'BAD_OPTION',
      `${what} factors must hold ${ids.length} × ${f} numbers, but hold ${values.length}`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      const row = Math.floor(i / f);
      throw new ModelError(
        'DIVERGED',
        `${what} factors must be finite numbers, but ${ids[row]} has ` +
          `${values[i]} at position ${i % f}; nothing was written`,
      );
    }
  }
}

/** M = the largest item-vector norm (0 when every item vector is zero). */
export function maxNorm(vectors: Float64Array, f: number): number {
  let max = 0;
  for (let row = 0; row < vectors.length; row += f) {
    max = Math.max(max, norm(vectors, row, f));
  }
  return max;
}

/** Item `row` as its stored vector [y, √(M² − ‖y‖²)] (see the header). */
export function storedItemVector(items: Float64Array, row: number, f: number, m: number) {
  const y = Array.from(items.subarray(row * f, (row + 1) * f));
  const n = norm(items, row * f, f);
  y.push(Math.sqrt(Math.max(0, m * m - n * n)));
  return y;
}

/**
 * A folded-in post's stored vector under the stored M: [y, √(M² − ‖y‖²)],
 * with y first scaled down to norm M when ‖y‖ > M (then `clipped`).
 */
export function foldedItemVector(y: Float64Array, m: number) {
  // ‖y‖ as largest |y_k| times the norm of y / largest, so it cannot overflow.
  const largest = y.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
  const n = largest === 0 ? 0 : largest * norm(y.map((value) => value / largest), 0, y.length);
  const clipped = n > m;
  const scaled = clipped ? y.map((value) => (m > 0 ? (value * m) / n : 0)) : y;
  return { vector: storedItemVector(scaled, 0, y.length, m), clipped };
}

/** A user vector as stored and searched: [x, 0]. */
export function storedUserVector(x: ArrayLike<number>): number[] {
  return [...Array.from(x), 0];
}

/**
 * A user's factors folded in from the stored vectors of posts they engaged
 * with (the first f numbers of each) and their weights, by `rule`.
 */
export function foldInFromFactors(
  rule: FoldInRule,
  f: number,
  engaged: ReadonlyArray<{ factors: ArrayLike<number>; weight: number }>,
): Float64Array {
  const flat = new Float64Array(engaged.length * f);
  engaged.forEach((e, row) => flat.set(Array.from(e.factors).slice(0, f), row * f));
  const rows = engaged.map((_, row) => row);
  const weights = engaged.map((e) => e.weight);
  if (rule.kind === 'als') return alsSolve(rule.gram, rule.alpha, f, flat, rows, weights);

  const x = new Float64Array(f);
  rows.forEach((row, e) => {
    const w = rule.binary ? 1 : weights[e]!;
    for (let k = 0; k < f; k++) x[k]! += w * flat[row * f + k]!;
  });
  return x;
}

/**
 * A post's factors folded in from the stored vectors of the users who
 * engaged with it (the first f numbers of each) and their weights, by
 * `rule` (see the header).
 */
export function foldInItemFromFactors(
  rule: ItemFoldInRule,
  f: number,
  engagers: ReadonlyArray<{ factors: ArrayLike<number>; weight: number }>,
): Float64Array {
  if (rule.kind === 'als') return foldInFromFactors(rule, f, engagers);
  const y = foldInFromFactors({ kind: 'sum', binary: rule.binary }, f, engagers);
  rule.singularValues.forEach((sigma, k) => {
    y[k] = sigma > 0 ? y[k]! / (sigma * sigma) : 0;
  });
  return y;
}

/**
 * x = (G + Yᵀ(C − I)Y)⁻¹ YᵀCp by Cholesky, G = YᵀY + λI of the fixed side,
 * over `rows` of `fixed` (f numbers each) with weights w (c = 1 + α·w).
 */
export function alsSolve(
  gram: Float64Array,
  alpha: number,
  f: number,
  fixed: Float64Array,
  rows: readonly number[],
  weights: readonly number[],
): Float64Array {
  const a = Float64Array.from(gram);
  const b = new Float64Array(f);
  rows.forEach((row, e) => {
    const offset = row * f;
    const extra = alpha * weights[e]!;
    for (let i = 0; i < f; i++) {
      const yi = fixed[offset + i]!;
      b[i]! += (1 + extra) * yi;
      for (let j = 0; j < f; j++) a[i * f + j]! += extra * yi * fixed[offset + j]!;
    }
  });
  choleskyInPlace(a, f);
  choleskySolve(a, f, b);
  return b;
}

function norm(values: ArrayLike<number>, start: number, length: number): number {
  let sum = 0;
  for (let k = 0; k < length; k++) sum += values[start + k]! * values[start + k]!;
  return Math.sqrt(sum);
}
