/**
 * EASE: an item × item weight matrix B, learned in closed form, that
 * scores an item for a user as a weighted sum over the items the user
 * engaged with.
 *
 * Steck, "Embarrassingly Shallow Autoencoders for Sparse Data" (WWW 2019).
 * With X the user × item matrix and G = XᵀX, EASE minimises
 * ‖X − XB‖²_F + λ‖B‖²_F subject to diag(B) = 0, whose solution is
 *
 *   P = (G + λI)⁻¹,   B = I − P · diagMat(1 / diag(P))
 *
 * i.e. B_ij = −P_ij / P_jj off the diagonal and 0 on it. The scores of a
 * user are x_u·B.
 *
 * P is a dense inverse of an n × n matrix (n³/2 multiply-adds here, n²
 * doubles of memory): on the whole Last.fm catalogue (17,632 artists) that
 * is about 2.5 GB and hours of work, so EASE keeps only the `topItems` most
 * popular items (by number of users); the others score NOT_SCORED and are
 * never recommended by this model.
 */
import {
  assertNoEmptyRows,
  mostPopularItems,
  userRow,
  type InteractionMatrix,
} from './interactionMatrix.js';
import { inverseSpd } from './linalg.js';
import { assertFiniteValues, checkInteger, checkNumber } from './modelError.js';
import {
  NOT_SCORED,
  checkIndexIn,
  fitted,
  runEpochs,
  TrainedRecommender,
  type Engagement,
  type FitOptions,
  type TrainingReport,
} from './recommender.js';

export const EASE_DEFAULTS = {
  /** λ: L2 penalty added to the diagonal of XᵀX (in engagement counts). */
  regularization: 200,
  /**
   * How many of the most popular items the model covers (items). The
   * inverse costs n³/2 multiply-adds and is memory-bound in plain JS: 2,000
   * items take about 13 s of CPU, 3,000 took 53 s on a shared machine.
   */
  topItems: 2000,
  /** true: X holds 1 per engagement (as in the paper); false: its weight. */
  binary: true,
};

export type EaseOptions = typeof EASE_DEFAULTS;

interface EaseModel {
  /** Model column of each matrix item, or −1 when it is not covered. */
  readonly columnOf: Int32Array;
  /** Matrix item of each model column. */
  readonly itemOf: Int32Array;
  /** n × n row-major, zero diagonal. */
  readonly weights: Float64Array;
}

export class EaseRecommender extends TrainedRecommender {
  readonly name = 'ease';
  readonly options: EaseOptions;
  private model: EaseModel | undefined;

  constructor(options: Partial<EaseOptions> = {}) {
    super();
    this.options = { ...EASE_DEFAULTS, ...options };
    checkNumber('regularization', this.options.regularization, 0);
    checkInteger('topItems', this.options.topItems, 1);
  }

  async fit(
    data: InteractionMatrix,
    options: FitOptions = {},
  ): Promise<TrainingReport> {
    assertNoEmptyRows(data);
    this.model = undefined;
    let model: EaseModel | undefined;
    const report = await runEpochs(this.name, 1, options, () => {
      model = this.solve(data);
      return this.loss(data, model);
    });
    this.data = data;
    this.model = model;
    return report;
  }

  scoreUser(user: number): Float64Array {
    this.checkUser(user);
    const { items, weights } = userRow(this.data, user);
    return this.scoreRow(items, weights);
  }


  foldInUser(engagements: readonly Engagement[]): Float64Array {
    this.checkEngagements(engagements);
    return this.scoreRow(
      engagements.map((e) => e.item),
      engagements.map((e) => e.weight),
    );
  }

  /** The weight B[from][to] between two matrix items (0 if not covered). */
  weight(from: number, to: number): number {
    const { columnOf, itemOf, weights } = fitted(this.model, this.name);
    const row = columnOf[from]!;
    const column = columnOf[to]!;
    if (row < 0 || column < 0) return 0;
    return weights[row * itemOf.length + column]!;
  }

  private scoreRow(
    items: ArrayLike<number>,
    weights: ArrayLike<number>,
  ): Float64Array {
    const { columnOf, itemOf, weights: b } = fitted(this.model, this.name);
    const n = itemOf.length;
    const sums = new Float64Array(n);
    for (let e = 0; e < items.length; e++) {
      const row = columnOf[items[e]!]!;
      if (row < 0) continue;
      const x = this.options.binary ? 1 : weights[e]!;
      for (let j = 0; j < n; j++) sums[j]! += x * b[row * n + j]!;
    }
    const scores = new Float64Array(columnOf.length).fill(NOT_SCORED);
    for (let j = 0; j < n; j++) scores[itemOf[j]!] = sums[j]!;
    assertFiniteValues(sums, 'EASE scores');
    return scores;
  }

  private solve(data: InteractionMatrix): EaseModel {
    const { columnOf, itemOf } = mostPopularItems(data, this.options.topItems);
    const n = itemOf.length;

    // G = XᵀX over covered items, plus λ on the diagonal.
    const gram = new Float64Array(n * n);
    for (let u = 0; u < data.userCount; u++) {
      const start = data.userStarts[u]!;
      const end = data.userStarts[u + 1]!;
      for (let a = start; a < end; a++) {
        const i = columnOf[data.userItems[a]!]!;
        if (i < 0) continue;
        const xi = this.options.binary ? 1 : data.userWeights[a]!;
        for (let b = start; b < end; b++) {
          const j = columnOf[data.userItems[b]!]!;
          if (j < 0) continue;
          gram[i * n + j]! += xi * (this.options.binary ? 1 : data.userWeights[b]!);
        }
      }
    }
    for (let i = 0; i < n; i++) gram[i * n + i]! += this.options.regularization;

    // B = I − P·diagMat(1/diag(P)), zero diagonal, overwriting P.
    const p = inverseSpd(gram, n);
    const diagonal = Float64Array.from({ length: n }, (_, j) => p[j * n + j]!);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        p[i * n + j] = i === j ? 0 : -p[i * n + j]! / diagonal[j]!;
      }
    }
    assertFiniteValues(p, 'EASE weights');
    return { columnOf, itemOf, weights: p };
  }

  /** (‖X − XB‖²_F + λ‖B‖²_F) per covered cell. */
  private loss(data: InteractionMatrix, model: EaseModel): number {
    this.model = model;
    this.data = data;
    const n = model.itemOf.length;
    let total = 0;
    for (let u = 0; u < data.userCount; u++) {
      const scores = this.scoreUser(u);
      const target = new Float64Array(data.itemCount);
      for (let e = data.userStarts[u]!; e < data.userStarts[u + 1]!; e++) {
        target[data.userItems[e]!] = this.options.binary
          ? 1
          : data.userWeights[e]!;
      }
      for (const item of model.itemOf) {
        total += (target[item]! - scores[item]!) ** 2;
      }
    }
    let norm = 0;
    for (const w of model.weights) norm += w * w;
    total += this.options.regularization * norm;
    return total / (data.userCount * n);
  }
}
