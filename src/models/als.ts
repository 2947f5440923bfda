/**
 * Alternating least squares for implicit feedback: user and item factor
 * vectors whose dot product predicts whether a user engages with an item.
 *
 * Hu, Koren & Volinsky, "Collaborative Filtering for Implicit Feedback
 * Datasets" (ICDM 2008). Every (user, item) cell has a preference
 * p = 1 if the user engaged, else 0, and a confidence c = 1 + α·w, where w
 * is the engagement weight (c = 1 for cells without engagement). ALS
 * minimises
 *
 *   Σ_{u,i} c_ui (p_ui − x_uᵀ y_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)
 *
 * by solving for all users with items fixed, then all items with users
 * fixed. Each solve is x_u = (YᵀY + λI + Yᵀ(C_u − I)Y)⁻¹ Yᵀ C_u p_u, where
 * YᵀY is shared and only the user's own items add to it. The default
 * solver runs a few conjugate gradient steps warm-started from the
 * previous factors (Takács, Pilászy & Tikk, "Applications of the
 * conjugate gradient method for implicit feedback collaborative
 * filtering", RecSys 2011), costing O(f² + n_u·f) per user instead of the
 * O(f³ + n_u·f²) of an exact Cholesky solve (also available).
 *
 * Fold-in: a new user's factors are that same solve against the trained
 * item factors, done exactly; a new item's likewise against user factors.
 */
import { createRandom, randomNormal } from '../math/random.js';
import {
  assertNoEmptyRows,
  type InteractionMatrix,
} from './interactionMatrix.js';
import { alsSolve, type FactorRecommender, type FactorSnapshot } from './factorModel.js';
import { dot } from './linalg.js';
import {
  ModelError,
  assertFiniteValues,
  checkFactorCount,
  checkInteger,
  checkNumber,
} from './modelError.js';
import {
  checkIndexIn,
  fitted,
  runEpochs,
  TrainedRecommender,
  type Engagement,
  type FitOptions,
  type TrainingReport,
} from './recommender.js';

export const ALS_DEFAULTS = {
  /** Length of each user and item vector (dimensions). */
  factors: 64,
  /** α: confidence added per unit of engagement weight (c = 1 + α·w). */
  alpha: 20,
  /** λ: L2 penalty on every factor vector (unitless). */
  regularization: 0.05,
  /** Alternating passes (one user solve plus one item solve each). */
  iterations: 15,
  /** Conjugate gradient steps per vector per pass (ignored by cholesky). */
  cgSteps: 3,
  /** 'cg' (fast, approximate) or 'cholesky' (exact per-vector solves). */
  solver: 'cg' as 'cg' | 'cholesky',
  /** Standard deviation of the random initial factors. */
  initScale: 0.01,
  /** Seed when `fit` is given none. */
  seed: 1,
};

export type AlsOptions = typeof ALS_DEFAULTS;

/** Trained factors, row-major: row u of `users`, row i of `items`. */
export interface AlsFactors {
  readonly factors: number;
  readonly users: Float64Array;
  readonly items: Float64Array;
}

interface Side {
  /** Rows of the matrix being solved for, as CSR over the fixed side. */
  starts: Int32Array;
  others: Int32Array;
  weights: Float64Array;
}

export class AlsRecommender extends TrainedRecommender implements FactorRecommender {
  readonly name = 'als';
  readonly options: AlsOptions;
  private model: AlsFactors | undefined;

  constructor(options: Partial<AlsOptions> = {}) {
    super();
    this.options = { ...ALS_DEFAULTS, ...options };
    const o = this.options;
    checkInteger('factors', o.factors, 1);
    checkInteger('iterations', o.iterations, 1);
    checkInteger('cgSteps', o.cgSteps, 1);
    checkNumber('alpha', o.alpha, 0);
    checkNumber('regularization', o.regularization, 0);
    checkNumber('initScale', o.initScale, 0);
    if (o.solver !== 'cg' && o.solver !== 'cholesky') {
      throw new ModelError(
        'BAD_OPTION',
        `solver must be 'cg' or 'cholesky', but got: ${String(o.solver)}`,
      );
    }
  }

  /** The trained factors (for storing as vectors or item similarity). */
  get factors(): AlsFactors {
    return fitted(this.model, this.name);
  }

  async fit(
    data: InteractionMatrix,
    options: FitOptions = {},
  ): Promise<TrainingReport> {
    assertNoEmptyRows(data);
    const f = this.options.factors;
    checkFactorCount('factors', f, data.userCount, data.itemCount);
    this.model = undefined;
    const random = createRandom(options.seed ?? this.options.seed);
    const init = (rows: number) =>
      Float64Array.from({ length: rows * f }, () =>
        this.options.initScale * randomNormal(random),
      );
    const users = init(data.userCount);
    const items = init(data.itemCount);
    const byUser = {
      starts: data.userStarts,
      others: data.userItems,
      weights: data.userWeights,
    };
    const byItem = {
      starts: data.itemStarts,
      others: data.itemUsers,
      weights: data.itemWeights,
    };

    const report = await runEpochs(
      this.name,
      this.options.iterations,
      options,
      () => {
        this.solveSide(users, items, byUser);
        assertFiniteValues(users, 'ALS user factors');
        this.solveSide(items, users, byItem);
        assertFiniteValues(items, 'ALS item factors');
        return this.loss(users, items, byUser);
      },
    );
    this.data = data;
    this.model = { factors: f, users, items };
    return report;
  }

  /**
   * The vectors to store in Neo4j, with YᵀY + λI of the item factors so a
   * new user can be folded in from stored item vectors alone, and XᵀX + λI
   * of the user factors so a new post can be folded in from stored users.
   */
  factorSnapshot(): FactorSnapshot {
    const { factors, users, items } = this.factors;
    const { userIds, itemIds } = this.data;
    return {
      model: 'als',
      factors,
      userIds,
      itemIds,
      users,
      items,
      foldIn: { kind: 'als', gram: this.gram(items), alpha: this.options.alpha },
      itemFoldIn: { kind: 'als', gram: this.gram(users), alpha: this.options.alpha },
    };
  }

  scoreUser(user: number): Float64Array {
    const { users } = this.factors;
    this.checkUser(user);
    return this.scoreVector(users.subarray(user * this.options.factors));
  }

  foldInUser(engagements: readonly Engagement[]): Float64Array {
    const { items } = this.factors;
    this.checkEngagements(engagements);
    return this.scoreVector(
      this.solveOne(
        items,
        engagements.map((e) => e.item),
        engagements.map((e) => e.weight),
      ),
    );
  }

  /**
   * Factors of an item the model has not seen, from the users who engaged
   * with it and their weights (exact solve against the user factors).
   */
  foldInItem(
    engagements: readonly { user: number; weight: number }[],
  ): Float64Array {
    const { users } = this.factors;
    const data = this.data;
    for (const { user, weight } of engagements) {
      checkIndexIn(user, data.userCount, 'engagement user');
      checkNumber('engagement weight', weight, Number.MIN_VALUE);
    }
    return this.solveOne(
      users,
      engagements.map((e) => e.user),
      engagements.map((e) => e.weight),
    );
  }

  private scoreVector(vector: Float64Array): Float64Array {
    const { items } = this.factors;
    const f = this.options.factors;
    const count = items.length / f;
    const scores = new Float64Array(count);
    for (let i = 0; i < count; i++) scores[i] = dot(items, i * f, vector, 0, f);
    assertFiniteValues(scores, 'ALS scores');
    return scores;
  }

  /** YᵀY + λI of the fixed side, f × f. */
  private gram(fixed: Float64Array): Float64Array {
    const f = this.options.factors;
    const gram = new Float64Array(f * f);
    for (let row = 0; row < fixed.length; row += f) {
      for (let a = 0; a < f; a++) {
        const value = fixed[row + a]!;
        if (value === 0) continue;
        for (let b = 0; b <= a; b++) gram[a * f + b]! += value * fixed[row + b]!;
      }
    }
    for (let a = 0; a < f; a++) {
      for (let b = 0; b < a; b++) gram[b * f + a] = gram[a * f + b]!;
      gram[a * f + a]! += this.options.regularization;
    }
    return gram;
  }

  private solveSide(target: Float64Array, fixed: Float64Array, side: Side) {
    const gram = this.gram(fixed);
    const f = this.options.factors;
    const scratch = new Float64Array(4 * f);
    const rows = side.starts.length - 1;
    for (let row = 0; row < rows; row++) {
      const start = side.starts[row]!;
      const end = side.starts[row + 1]!;
      const x = target.subarray(row * f, (row + 1) * f);
      if (this.options.solver === 'cg') {
        this.conjugateGradient(x, fixed, gram, side, start, end, scratch);
      } else {
        const others = Array.from(side.others.subarray(start, end));
        const weights = Array.from(side.weights.subarray(start, end));
        x.set(this.exactSolve(fixed, gram, others, weights));
      }
    }
  }

  /** A few CG steps on A·x = b from the current x (Takács et al. 2011). */
  private conjugateGradient(
    x: Float64Array,
    fixed: Float64Array,
    gram: Float64Array,
    side: Side,
    start: number,
    end: number,
    scratch: Float64Array,
  ): void {
    const f = this.options.factors;
    const alpha = this.options.alpha;
    const r = scratch.subarray(0, f);
    const p = scratch.subarray(f, 2 * f);
    const ap = scratch.subarray(2 * f, 3 * f);

    // r = b − A·x = −(YᵀY + λI)·x + Σ_j (c_j − (c_j − 1)·y_jᵀx)·y_j
    for (let a = 0; a < f; a++) r[a] = -dot(gram, a * f, x, 0, f);
    for (let e = start; e < end; e++) {
      const offset = side.others[e]! * f;
      const c = 1 + alpha * side.weights[e]!;
      const factor = c - (c - 1) * dot(fixed, offset, x, 0, f);
      for (let a = 0; a < f; a++) r[a]! += factor * fixed[offset + a]!;
    }
    p.set(r);
    let rsOld = dot(r, 0, r, 0, f);

    for (let step = 0; step < this.options.cgSteps && rsOld > 1e-20; step++) {
      // A·p = (YᵀY + λI)·p + Σ_j (c_j − 1)·(y_jᵀp)·y_j
      for (let a = 0; a < f; a++) ap[a] = dot(gram, a * f, p, 0, f);
      for (let e = start; e < end; e++) {
        const offset = side.others[e]! * f;
        const factor = alpha * side.weights[e]! * dot(fixed, offset, p, 0, f);
        for (let a = 0; a < f; a++) ap[a]! += factor * fixed[offset + a]!;
      }
      const stepSize = rsOld / dot(p, 0, ap, 0, f);
      for (let a = 0; a < f; a++) {
        x[a]! += stepSize * p[a]!;
        r[a]! -= stepSize * ap[a]!;
      }
      const rsNew = dot(r, 0, r, 0, f);
      for (let a = 0; a < f; a++) p[a] = r[a]! + (rsNew / rsOld) * p[a]!;
      rsOld = rsNew;
    }
  }

  /** x = (YᵀY + λI + Yᵀ(C − I)Y)⁻¹ Yᵀ C p, by Cholesky. */
  private exactSolve(
    fixed: Float64Array,
    gram: Float64Array,
    others: readonly number[],
    weights: readonly number[],
  ): Float64Array {
    return alsSolve(gram, this.options.alpha, this.options.factors, fixed, others, weights);
  }

  private solveOne(
    fixed: Float64Array,
    others: readonly number[],
    weights: readonly number[],
  ): Float64Array {
    const x = this.exactSolve(fixed, this.gram(fixed), others, weights);
    assertFiniteValues(x, 'ALS fold-in factors');
    return x;
  }

  /**
   * The objective per matrix cell, using Σ_i (x_uᵀy_i)² = x_uᵀ(YᵀY)x_u so
   * the empty cells cost nothing to sum.
   */
  private loss(users: Float64Array, items: Float64Array, byUser: Side) {
    const f = this.options.factors;
    const lambda = this.options.regularization;
    const gram = this.gram(items);
    for (let a = 0; a < f; a++) gram[a * f + a]! -= lambda;
    let total = lambda * (dot(users, 0, users, 0, users.length) +
      dot(items, 0, items, 0, items.length));
    const gx = new Float64Array(f);
    const userCount = users.length / f;
    for (let u = 0; u < userCount; u++) {
      for (let a = 0; a < f; a++) gx[a] = dot(gram, a * f, users, u * f, f);
      total += dot(users, u * f, gx, 0, f);
      for (let e = byUser.starts[u]!; e < byUser.starts[u + 1]!; e++) {
        const s = dot(users, u * f, items, byUser.others[e]! * f, f);
        const c = 1 + this.options.alpha * byUser.weights[e]!;
        total += c * (1 - s) * (1 - s) - s * s;
      }
    }
    return total / (userCount * (items.length / f));
  }
}
