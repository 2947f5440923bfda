/**
 * Adam: per-parameter step sizes from running averages of the gradient and
 * its square. Kingma & Ba, "Adam: A Method for Stochastic Optimization"
 * (ICLR 2015):
 *
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
 *   θ ← θ − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 *
 * Big embedding tables can be updated lazily, row by row, for just the
 * rows a batch touched (as sparse "lazy Adam" does); their other rows keep
 * their moments untouched.
 */
import { createRandom, randomNormal, type Random } from '../math/random.js';

export const ADAM_DEFAULTS = {
  /** η: step size (parameter units per unit of normalised gradient). */
  learningRate: 1e-3,
  /** β₁: decay of the gradient's running mean. */
  beta1: 0.9,
  /** β₂: decay of the squared gradient's running mean. */
  beta2: 0.999,
  /** ε: keeps the step finite where the gradient was always zero. */
  epsilon: 1e-8,
};

export type AdamOptions = typeof ADAM_DEFAULTS;

/** A trainable tensor, its gradient buffer and Adam's moments. */
export interface Parameter {
  readonly name: string;
  readonly values: Float64Array;
  readonly gradient: Float64Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
}

/** A parameter of `size` values drawn from N(0, scale²). */
export function createParameter(
  name: string,
  size: number,
  scale: number,
  random: Random = createRandom(0),
): Parameter {
  const values = new Float64Array(size);
  if (scale > 0) {
    for (let i = 0; i < size; i++) values[i] = scale * randomNormal(random);
  }
  return {
    name,
    values,
    gradient: new Float64Array(size),
    mean: new Float64Array(size),
    variance: new Float64Array(size),
  };
}

/** Glorot (Xavier) normal scale for a fanIn × fanOut weight matrix. */
export function glorotScale(fanIn: number, fanOut: number): number {
  return Math.sqrt(2 / (fanIn + fanOut));
}

export class Adam {
  private step = 0;

  constructor(readonly options: AdamOptions = ADAM_DEFAULTS) {}

  /** Starts a new update (advances t); call once per mini-batch. */
  nextStep(): void {
    this.step += 1;
  }

  /**
   * Applies the update to values [start, end) of `p` from its gradient
   * divided by `batch`, then zeroes that part of the gradient.
   */
  apply(p: Parameter, batch: number, start = 0, end = p.values.length) {
    const { learningRate, beta1, beta2, epsilon } = this.options;
    const correct1 = 1 - beta1 ** this.step;
    const correct2 = 1 - beta2 ** this.step;
    const { values, gradient, mean, variance } = p;
    for (let i = start; i < end; i++) {
      const g = gradient[i]! / batch;
      const m = beta1 * mean[i]! + (1 - beta1) * g;
      const v = beta2 * variance[i]! + (1 - beta2) * g * g;
      mean[i] = m;
      variance[i] = v;
      values[i]! -= (learningRate * (m / correct1)) /
        (Math.sqrt(v / correct2) + epsilon);
      gradient[i] = 0;
    }
  }

  /** Lazy update of the given rows (each `width` values) of a table. */
  applyRows(
    p: Parameter,
    batch: number,
    rows: Iterable<number>,
    width: number,
  ): void {
    for (const row of rows) this.apply(p, batch, row * width, (row + 1) * width);
  }
}
