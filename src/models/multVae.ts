/**
 * Mult-VAE and Mult-DAE: autoencoders that read the set of items a user
 * engaged with and give every item a probability of being next, trained
 * with a multinomial likelihood.
 *
 * Liang, Krishnan, Hoffman & Jebara, "Variational Autoencoders for
 * Collaborative Filtering" (WWW 2018). For a user with engagement vector
 * x (1 per engaged item, over the covered items):
 *
 *   x̃ = dropout(x / ‖x‖)                        input corruption
 *   h = tanh(W₁x̃ + b₁)                            encoder, `hiddenUnits`
 *   μ, log σ² = W₂h + b₂                          `latentDimensions` each
 *   z = μ + σ ⊙ ε, ε ~ N(0, I)  (VAE; DAE: z = μ)
 *   π = softmax(W₄ tanh(W₃z + b₃) + b₄)           decoder
 *   loss = −Σᵢ xᵢ log πᵢ + β · KL(N(μ, σ²) ‖ N(0, I))   (DAE: β = 0)
 *
 * β is annealed linearly from 0 to `betaMax` over `annealUpdates` Adam
 * updates. At scoring time there is no dropout and z = μ; the scores are
 * the logits W₄ tanh(W₃μ + b₃) + b₄. Backpropagation is written out by
 * hand below over Float64Arrays: the input layer only touches the rows of
 * the user's items, which a dense tensor library would not exploit.
 *
 * The output layer is dense over items, so the model covers only the
 * `topItems` most popular items; the others score NOT_SCORED.
 */
import { createRandom, randomNormal, shuffle } from '../math/random.js';
import {
  Adam,
  ADAM_DEFAULTS,
  createParameter,
  glorotScale,
  type Parameter,
} from './adam.js';
import {
  assertNoEmptyRows,
  mostPopularItems,
  userRow,
  type InteractionMatrix,
} from './interactionMatrix.js';
import { dot } from './linalg.js';
import {
  ModelError,
  assertFiniteValues,
  checkFactorCount,
  checkInteger,
  checkNumber,
} from './modelError.js';
import {
  NOT_SCORED,
  fitted,
  runEpochs,
  TrainedRecommender,
  type Engagement,
  type FitOptions,
  type TrainingReport,
} from './recommender.js';

export const MULT_VAE_DEFAULTS = {
  /** 'vae' (variational, KL-regularised) or 'dae' (denoising). */
  variant: 'vae' as 'vae' | 'dae',
  /**
   * Width of the encoder's and the decoder's hidden layer (units). The
   * paper uses 600 and a 200-d code; one CPU core here affords less.
   */
  hiddenUnits: 100,
  /** Size of the latent code z (dimensions). */
  latentDimensions: 32,
  /** How many of the most popular items the model reads and scores. */
  topItems: 2000,
  /** Probability of dropping each input item during training. */
  dropout: 0.5,
  /** Passes over all users. */
  epochs: 10,
  /** Users per Adam update. */
  batchSize: 64,
  /** Adam step size η. */
  learningRate: 1e-3,
  /** Largest weight of the KL term (VAE only). */
  betaMax: 0.2,
  /** Adam updates over which β rises from 0 to betaMax (updates). */
  annealUpdates: 300,
  /** Seed when `fit` is given none. */
  seed: 1,
};

export type MultVaeOptions = typeof MULT_VAE_DEFAULTS;

interface Network {
  readonly columnOf: Int32Array;
  readonly itemOf: Int32Array;
  readonly w1: Parameter; // covered items × hidden (row per item)
  readonly b1: Parameter;
  readonly w2: Parameter; // 2·latent × hidden (μ rows, then log σ² rows)
  readonly b2: Parameter;
  readonly w3: Parameter; // hidden × latent
  readonly b3: Parameter;
  readonly w4: Parameter; // covered items × hidden
  readonly b4: Parameter;
}

/** Activations of one forward pass, kept for the backward pass. */
interface Pass {
  inputs: number[];
  inputValues: number[];
  h1: Float64Array;
  mu: Float64Array;
  logVar: Float64Array;
  noise: Float64Array;
  z: Float64Array;
  h3: Float64Array;
  logits: Float64Array;
}

export class MultVaeRecommender extends TrainedRecommender {
  readonly name: string;
  readonly options: MultVaeOptions;
  private network: Network | undefined;

  constructor(options: Partial<MultVaeOptions> = {}) {
    super();
    this.options = { ...MULT_VAE_DEFAULTS, ...options };
    const o = this.options;
    if (o.variant !== 'vae' && o.variant !== 'dae') {
      throw new ModelError(
        'BAD_OPTION',
        `variant must be 'vae' or 'dae', but got: ${String(o.variant)}`,
      );
    }
    this.name = o.variant === 'vae' ? 'multvae' : 'multdae';
    checkInteger('hiddenUnits', o.hiddenUnits, 1);
    checkInteger('latentDimensions', o.latentDimensions, 1);
    checkInteger('topItems', o.topItems, 1);
    checkInteger('epochs', o.epochs, 1);
    checkInteger('batchSize', o.batchSize, 1);
    checkInteger('annealUpdates', o.annealUpdates, 1);
    checkNumber('learningRate', o.learningRate, 0);
    checkNumber('betaMax', o.betaMax, 0);
    if (!(o.dropout >= 0 && o.dropout < 1)) {
      throw new ModelError(
        'BAD_OPTION',
        `dropout must be in [0, 1), but got: ${o.dropout}`,
      );
    }
  }

  async fit(
    data: InteractionMatrix,
    options: FitOptions = {},
  ): Promise<TrainingReport> {
    assertNoEmptyRows(data);
    this.network = undefined;
    const random = createRandom(options.seed ?? this.options.seed);
    const net = this.initialise(data, random);
    const adam = new Adam({
      ...ADAM_DEFAULTS,
      learningRate: this.options.learningRate,
    });
    const params = parametersOf(net);
    const users = Array.from({ length: data.userCount }, (_, u) => u);
    let updates = 0;

    const report = await runEpochs(
      this.name,
      this.options.epochs,
      options,
      () => {
        shuffle(random, users);
        let total = 0;
        for (let b = 0; b < users.length; b += this.options.batchSize) {
          const batch = users.slice(b, b + this.options.batchSize);
          const beta = this.options.variant === 'vae'
            ? this.options.betaMax *
              Math.min(1, updates / this.options.annealUpdates)
            : 0;
          for (const user of batch) {
            total += this.trainUser(net, data, user, beta, random);
          }
          adam.nextStep();
          for (const p of params) adam.apply(p, batch.length);
          updates += 1;
        }
        for (const p of params) assertFiniteValues(p.values, `${p.name}`);
        return total / users.length;
      },
    );
    this.data = data;
    this.network = net;
    return report;
  }

  scoreUser(user: number): Float64Array {
    this.checkUser(user);
    return this.scoreItems(userRow(this.data, user).items);
  }

  foldInUser(engagements: readonly Engagement[]): Float64Array {
    this.checkEngagements(engagements);
    return this.scoreItems(engagements.map((e) => e.item));
  }

  private get net(): Network {
    return fitted(this.network, this.name);
  }

  private scoreItems(items: ArrayLike<number>): Float64Array {
    const net = this.net;
    const inputs: number[] = [];
    for (let e = 0; e < items.length; e++) {
      const column = net.columnOf[items[e]!]!;
      if (column >= 0) inputs.push(column);
    }
    const norm = inputs.length > 0 ? 1 / Math.sqrt(inputs.length) : 0;
    const pass = this.forward(net, inputs, inputs.map(() => norm), null);
    assertFiniteValues(pass.logits, `${this.name} scores`);
    const scores = new Float64Array(net.columnOf.length).fill(NOT_SCORED);
    net.itemOf.forEach((item, column) => {
      scores[item] = pass.logits[column]!;
    });
    return scores;
  }

  private initialise(data: InteractionMatrix, random: () => number): Network {
    const { columnOf, itemOf } = mostPopularItems(data, this.options.topItems);
    const n = itemOf.length;
    const h = this.options.hiddenUnits;
    const z = this.options.latentDimensions;
    checkFactorCount('latentDimensions', z, data.userCount, n);
    checkFactorCount('hiddenUnits', h, data.userCount, n);
    const weight = (name: string, rows: number, cols: number) =>
      createParameter(name, rows * cols, glorotScale(rows, cols), random);
    return {
      columnOf,
      itemOf,
      w1: weight('w1', n, h),
      b1: createParameter('b1', h, 0),
      w2: weight('w2', 2 * z, h),
      b2: createParameter('b2', 2 * z, 0),
      w3: weight('w3', h, z),
      b3: createParameter('b3', h, 0),
      w4: weight('w4', n, h),
      b4: createParameter('b4', n, 0),
    };
  }

  /** Forward pass; `random` null means scoring (no dropout, z = μ). */
  private forward(
    net: Network,
    inputs: number[],
    inputValues: number[],
    random: (() => number) | null,
  ): Pass {
    const h = this.options.hiddenUnits;
    const zSize = this.options.latentDimensions;
    const n = net.itemOf.length;

    const h1 = Float64Array.from(net.b1.values);
    inputs.forEach((column, e) => {
      const x = inputValues[e]!;
      for (let j = 0; j < h; j++) h1[j]! += x * net.w1.values[column * h + j]!;
    });
    for (let j = 0; j < h; j++) h1[j] = Math.tanh(h1[j]!);

    const mu = new Float64Array(zSize);
    const logVar = new Float64Array(zSize);
    const noise = new Float64Array(zSize);
    const z = new Float64Array(zSize);
    for (let k = 0; k < zSize; k++) {
      mu[k] = net.b2.values[k]! + dot(net.w2.values, k * h, h1, 0, h);
      if (this.options.variant === 'dae') {
        z[k] = mu[k]!;
        continue;
      }
      logVar[k] = net.b2.values[zSize + k]! +
        dot(net.w2.values, (zSize + k) * h, h1, 0, h);
      noise[k] = random ? randomNormal(random) : 0;
      z[k] = mu[k]! + Math.exp(0.5 * logVar[k]!) * noise[k]!;
    }

    const h3 = new Float64Array(h);
    for (let j = 0; j < h; j++) {
      h3[j] = Math.tanh(net.b3.values[j]! + dot(net.w3.values, j * zSize, z, 0, zSize));
    }
    const logits = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      logits[i] = net.b4.values[i]! + dot(net.w4.values, i * h, h3, 0, h);
    }
    return { inputs, inputValues, h1, mu, logVar, noise, z, h3, logits };
  }

  /** One user's forward and backward pass; adds to the gradients. */
  private trainUser(
    net: Network,
    data: InteractionMatrix,
    user: number,
    beta: number,
    random: () => number,
  ): number {
    const targets: number[] = [];
    for (let e = data.userStarts[user]!; e < data.userStarts[user + 1]!; e++) {
      const column = net.columnOf[data.userItems[e]!]!;
      if (column >= 0) targets.push(column);
    }
    if (targets.length === 0) return 0;

    // x̃ = dropout(x / ‖x‖), kept items scaled by 1 / (1 − dropout).
    const keep = 1 - this.options.dropout;
    const scale = 1 / (Math.sqrt(targets.length) * keep);
    const inputs = targets.filter(() => random() < keep);
    const pass = this.forward(net, inputs, inputs.map(() => scale), random);

    const dLogits = softmaxGradient(pass.logits, targets);
    let loss = dLogits.loss;
    const dh3 = this.backOutput(net, pass, dLogits.gradient);
    const dz = this.backDecoderHidden(net, pass, dh3);
    loss += this.backLatent(net, pass, dz, beta);
    return loss;
  }

  /** Output layer: gradients of W₄, b₄; returns ∂loss/∂h₃. */
  private backOutput(net: Network, pass: Pass, dLogits: Float64Array) {
    const h = this.options.hiddenUnits;
    const dh3 = new Float64Array(h);
    const { w4, b4 } = net;
    for (let i = 0; i < dLogits.length; i++) {
      const g = dLogits[i]!;
      b4.gradient[i]! += g;
      const row = i * h;
      for (let j = 0; j < h; j++) {
        w4.gradient[row + j]! += g * pass.h3[j]!;
        dh3[j]! += g * w4.values[row + j]!;
      }
    }
    return dh3;
  }

  /** Decoder hidden layer: gradients of W₃, b₃; returns ∂loss/∂z. */
  private backDecoderHidden(net: Network, pass: Pass, dh3: Float64Array) {
    const h = this.options.hiddenUnits;
    const zSize = this.options.latentDimensions;
    const dz = new Float64Array(zSize);
    for (let j = 0; j < h; j++) {
      const g = dh3[j]! * (1 - pass.h3[j]! * pass.h3[j]!);
      net.b3.gradient[j]! += g;
      for (let k = 0; k < zSize; k++) {
        net.w3.gradient[j * zSize + k]! += g * pass.z[k]!;
        dz[k]! += g * net.w3.values[j * zSize + k]!;
      }
    }
    return dz;
  }

  /**
   * Latent layer and encoder: adds the KL term's gradient (VAE), then
   * gradients of W₂, b₂, W₁ (only the input rows), b₁. Returns β·KL.
   */
  private backLatent(
    net: Network,
    pass: Pass,
    dz: Float64Array,
    beta: number,
  ): number {
    const h = this.options.hiddenUnits;
    const zSize = this.options.latentDimensions;
    const vae = this.options.variant === 'vae';
    const dh1 = new Float64Array(h);
    let kl = 0;
    const addRow = (row: number, g: number) => {
      net.b2.gradient[row]! += g;
      for (let j = 0; j < h; j++) {
        net.w2.gradient[row * h + j]! += g * pass.h1[j]!;
        dh1[j]! += g * net.w2.values[row * h + j]!;
      }
    };
    for (let k = 0; k < zSize; k++) {
      const mu = pass.mu[k]!;
      if (!vae) {
        addRow(k, dz[k]!);
        continue;
      }
      const variance = Math.exp(pass.logVar[k]!);
      kl += 0.5 * (variance + mu * mu - 1 - pass.logVar[k]!);
      addRow(k, dz[k]! + beta * mu);
      addRow(
        zSize + k,
        dz[k]! * pass.noise[k]! * 0.5 * Math.sqrt(variance) +
          beta * 0.5 * (variance - 1),
      );
    }
    for (let j = 0; j < h; j++) {
      const g = dh1[j]! * (1 - pass.h1[j]! * pass.h1[j]!);
      net.b1.gradient[j]! += g;
      pass.inputs.forEach((column, e) => {
        net.w1.gradient[column * h + j]! += g * pass.inputValues[e]!;
      });
    }
    return beta * kl;
  }
}

/**
 * −Σ_{i ∈ targets} log softmax(logits)ᵢ and its gradient with respect to
 * the logits: |targets|·softmax − x.
 */
export function softmaxGradient(
  logits: Float64Array,
  targets: readonly number[],
): { loss: number; gradient: Float64Array } {
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  let sum = 0;
  const gradient = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) {
    gradient[i] = Math.exp(logits[i]! - max);
    sum += gradient[i]!;
  }
  const logSum = max + Math.log(sum);
  let loss = 0;
  for (let i = 0; i < logits.length; i++) {
    gradient[i] = (targets.length * gradient[i]!) / sum;
  }
  for (const t of targets) {
    loss -= logits[t]! - logSum;
    gradient[t]! -= 1;
  }
  return { loss, gradient };
}

function parametersOf(net: Network): Parameter[] {
  return [net.w1, net.b1, net.w2, net.b2, net.w3, net.b3, net.w4, net.b4];
}
