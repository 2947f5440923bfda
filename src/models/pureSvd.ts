/**
 * PureSVD: the item factors of a truncated SVD of the user × item matrix,
 * used to project a user's engagements back onto the catalogue.
 *
 * Cremonesi, Koren & Turrin, "Performance of Recommender Algorithms on
 * Top-N Recommendation Tasks" (RecSys 2010). With R ≈ U·Σ·Qᵀ the rank-f
 * truncated SVD of R (missing cells are 0), a user's scores are
 *
 *   r̂_u = r_u · Q · Qᵀ
 *
 * which needs no user factors, so fold-in of a new user is the same
 * formula on their engagements. Stored for serving are q_i (Q's rows) and
 * x_u = r_u·Q = U_u·Σ, so a post created after training is folded in as
 * q = r·U·Σ⁻¹ = Σ_u r_u·x_u·Σ⁻² over its engagers (src/models/factorModel.ts)
 * and needs the singular values Σ. The SVD is the seeded randomized one in
 * src/math/svd.ts (Halko, Martinsson & Tropp 2011).
 */
import { createRandom } from '../math/random.js';
import { fromTriplets } from '../math/sparse.js';
import { randomizedSvd, SVD_DEFAULTS } from '../math/svd.js';
import {
  assertNoEmptyRows,
  userRow,
  type InteractionMatrix,
} from './interactionMatrix.js';
import type { FactorRecommender, FactorSnapshot } from './factorModel.js';
import { dot } from './linalg.js';
import {
  assertFiniteValues,
  checkFactorCount,
  checkInteger,
} from './modelError.js';
import {
  fitted,
  runEpochs,
  TrainedRecommender,
  type Engagement,
  type FitOptions,
  type TrainingReport,
} from './recommender.js';

export const PURE_SVD_DEFAULTS = {
  /** Rank f of the truncated SVD (dimensions). */
  factors: 50,
  /** true: R holds 1 per engagement; false: its weight. */
  binary: false,
  /** Power iterations of the randomized SVD (count). */
  powerIterations: SVD_DEFAULTS.powerIterations,
  /** Extra random directions of the randomized SVD (count). */
  oversamples: SVD_DEFAULTS.oversamples,
  /** Seed when `fit` is given none. */
  seed: 1,
};

export type PureSvdOptions = typeof PURE_SVD_DEFAULTS;

export class PureSvdRecommender extends TrainedRecommender implements FactorRecommender {
  readonly name = 'puresvd';
  readonly options: PureSvdOptions;
  /** Q: items × factors, row-major. */
  private itemFactors: Float64Array | undefined;
  /** Σ: the f singular values, largest first. */
  private singularValues: Float64Array | undefined;

  constructor(options: Partial<PureSvdOptions> = {}) {
    super();
    this.options = { ...PURE_SVD_DEFAULTS, ...options };
    checkInteger('factors', this.options.factors, 1);
    checkInteger('powerIterations', this.options.powerIterations, 0);
    checkInteger('oversamples', this.options.oversamples, 0);
  }

  async fit(
    data: InteractionMatrix,
    options: FitOptions = {},
  ): Promise<TrainingReport> {
    assertNoEmptyRows(data);
    const f = this.options.factors;
    checkFactorCount('factors', f, data.userCount, data.itemCount);
    this.itemFactors = undefined;
    this.singularValues = undefined;
    let q: Float64Array | undefined;
    let sigma: Float64Array | undefined;
    const report = await runEpochs(this.name, 1, options, () => {
      const values = this.options.binary
        ? new Float64Array(data.entryCount).fill(1)
        : data.userWeights;
      const users = new Int32Array(data.entryCount);
      for (let u = 0; u < data.userCount; u++) {
        users.fill(u, data.userStarts[u]!, data.userStarts[u + 1]!);
      }
      const r = fromTriplets(data.userCount, data.itemCount, {
        rows: users,
        cols: data.userItems,
        values,
      });
      const svd = randomizedSvd(r, f, {
        oversamples: this.options.oversamples,
        powerIterations: this.options.powerIterations,
        random: createRandom(options.seed ?? this.options.seed),
      });
      assertFiniteValues(svd.v.data, 'PureSVD item factors');
      q = svd.v.data;
      sigma = svd.singularValues;
      // ‖R − U·Σ·Vᵀ‖²_F = ‖R‖²_F − Σ σ², per cell.
      const norm = dot(values, 0, values, 0, values.length);
      const kept = dot(svd.singularValues, 0, svd.singularValues, 0, f);
      return (norm - kept) / (data.userCount * data.itemCount);
    });
    this.data = data;
    this.itemFactors = q;
    this.singularValues = sigma;
    return report;
  }

  /**
   * The vectors to store in Neo4j: Q's rows for items and r_u·Q for users
   * (the scores are r_u·Q·q_i); a new user is folded in as Σ w_e·q_e, a
   * new post as Σ_u r_u·x_u·Σ⁻² (the singular values go with them).
   */
  factorSnapshot(): FactorSnapshot {
    const data = this.data;
    const f = this.options.factors;
    const users = new Float64Array(data.userCount * f);
    for (let u = 0; u < data.userCount; u++) {
      const { items, weights } = userRow(data, u);
      users.set(this.latent(items, weights), u * f);
    }
    return {
      model: 'puresvd',
      factors: f,
      userIds: data.userIds,
      itemIds: data.itemIds,
      users,
      items: fitted(this.itemFactors, this.name),
      foldIn: { kind: 'sum', binary: this.options.binary },
      itemFoldIn: {
        kind: 'svd',
        singularValues: fitted(this.singularValues, this.name),
        binary: this.options.binary,
      },
    };
  }

  scoreUser(user: number): Float64Array {
    this.checkUser(user);
    const { items, weights } = userRow(this.data, user);
    return this.project(items, weights);
  }

  foldInUser(engagements: readonly Engagement[]): Float64Array {
    this.checkEngagements(engagements);
    return this.project(
      engagements.map((e) => e.item),
      engagements.map((e) => e.weight),
    );
  }

  /** r·Q for the sparse row r. */
  private latent(items: ArrayLike<number>, weights: ArrayLike<number>): Float64Array {
    const q = fitted(this.itemFactors, this.name);
    const f = this.options.factors;
    const latent = new Float64Array(f);
    for (let e = 0; e < items.length; e++) {
      const x = this.options.binary ? 1 : weights[e]!;
      for (let k = 0; k < f; k++) latent[k]! += x * q[items[e]! * f + k]!;
    }
    return latent;
  }

  /** r·Q·Qᵀ for the sparse row r. */
  private project(
    items: ArrayLike<number>,
    weights: ArrayLike<number>,
  ): Float64Array {
    const q = fitted(this.itemFactors, this.name);
    const f = this.options.factors;
    const latent = this.latent(items, weights);
    const count = q.length / f;
    const scores = new Float64Array(count);
    for (let i = 0; i < count; i++) scores[i] = dot(q, i * f, latent, 0, f);
    assertFiniteValues(scores, 'PureSVD scores');
    return scores;
  }
}
