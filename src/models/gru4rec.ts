/**
 * GRU4Rec: a recurrent network that reads a user's engagements in time
 * order and scores every item as the next one.
 *
 * Hidasi, Karatzoglou, Baltrunas & Tikk, "Session-based Recommendations
 * with Recurrent Neural Networks" (ICLR 2016). Each engagement's item
 * embedding e goes through one GRU layer:
 *
 *   z = σ(W_z e + U_z h + b_z)          update gate
 *   r = σ(W_r e + U_r h + b_r)          reset gate
 *   c = tanh(W_c e + U_c (r ⊙ h) + b_c)
 *   h' = (1 − z) ⊙ h + z ⊙ c
 *
 * and the next item i scores s_i = o_iᵀh' + d_i. Training follows the
 * paper's session-parallel mini-batches: `batchSize` users' sequences run
 * side by side, one step at a time, a lane taking the next user (state
 * reset to 0) when its sequence ends. The loss is cross-entropy over the
 * batch's own next items (the other lanes' targets are the negatives,
 * the paper's mini-batch sampling), and, as in the paper's
 * implementation, the gradient stops at the previous hidden state (no
 * backpropagation through time). Sequences are users' engagements ordered
 * by `at`, the last `maxSequenceLength` of them. Updates use Adam, lazily
 * for the rows of the embedding and output tables a step touched.
 */
import { createRandom, shuffle } from '../math/random.js';
import {
  Adam,
  ADAM_DEFAULTS,
  createParameter,
  glorotScale,
  type Parameter,
} from './adam.js';
import {
  assertNoEmptyRows,
  userRow,
  type InteractionMatrix,
} from './interactionMatrix.js';
import { dot } from './linalg.js';
import {
  assertFiniteValues,
  checkFactorCount,
  checkInteger,
  checkNumber,
} from './modelError.js';
import {
  fitted,
  runEpochs,
  TrainedRecommender,
  type Engagement,
  type FitOptions,
  type TrainingReport,
} from './recommender.js';

export const GRU4REC_DEFAULTS = {
  /** Size of the GRU state h (units). */
  hiddenUnits: 32,
  /** Size of the input item embeddings (dimensions). */
  embeddingDimensions: 32,
  /** Sequences run side by side; also the negatives per step (lanes). */
  batchSize: 32,
  /** Passes over all sequences. */
  epochs: 3,
  /** Adam step size η. */
  learningRate: 2e-3,
  /** Only each user's latest engagements are read (engagements). */
  maxSequenceLength: 50,
  /** Seed when `fit` is given none. */
  seed: 1,
};

export type Gru4RecOptions = typeof GRU4REC_DEFAULTS;

interface Network {
  readonly embedding: Parameter; // items × E
  readonly inputWeights: Parameter; // 3H × E (z, r, c rows)
  readonly stateWeights: Parameter; // 3H × H
  readonly bias: Parameter; // 3H
  readonly output: Parameter; // items × H
  readonly outputBias: Parameter; // items
}

/** One lane's GRU step, kept for its backward pass. */
interface Step {
  item: number;
  previous: Float64Array;
  update: Float64Array;
  reset: Float64Array;
  candidate: Float64Array;
  next: Float64Array;
}

interface Lane {
  sequence: Int32Array;
  position: number;
  state: Float64Array;
}

export class Gru4RecRecommender extends TrainedRecommender {
  readonly name = 'gru4rec';
  readonly options: Gru4RecOptions;
  private network: Network | undefined;

  constructor(options: Partial<Gru4RecOptions> = {}) {
    super();
    this.options = { ...GRU4REC_DEFAULTS, ...options };
    const o = this.options;
    checkInteger('hiddenUnits', o.hiddenUnits, 1);
    checkInteger('embeddingDimensions', o.embeddingDimensions, 1);
    checkInteger('batchSize', o.batchSize, 2);
    checkInteger('epochs', o.epochs, 1);
    checkInteger('maxSequenceLength', o.maxSequenceLength, 2);
    checkNumber('learningRate', o.learningRate, 0);
  }

  async fit(
    data: InteractionMatrix,
    options: FitOptions = {},
  ): Promise<TrainingReport> {
    assertNoEmptyRows(data);
    this.network = undefined;
    checkFactorCount(
      'hiddenUnits',
      this.options.hiddenUnits,
      data.userCount,
      data.itemCount,
    );
    const random = createRandom(options.seed ?? this.options.seed);
    const net = this.initialise(data.itemCount, random);
    const adam = new Adam({
      ...ADAM_DEFAULTS,
      learningRate: this.options.learningRate,
    });
    const sequences = Array.from({ length: data.userCount }, (_, u) =>
      this.sequenceOf(userRow(data, u).items),
    ).filter((s) => s.length >= 2);

    const report = await runEpochs(
      this.name,
      this.options.epochs,
      options,
      () => {
        shuffle(random, sequences);
        const loss = this.trainEpoch(net, sequences, adam);
        for (const p of Object.values(net) as Parameter[]) {
          assertFiniteValues(p.values, `${this.name} ${p.name}`);
        }
        return loss;
      },
    );
    this.data = data;
    this.network = net;
    return report;
  }

  scoreUser(user: number): Float64Array {
    this.checkUser(user);
    return this.scoreSequence(this.sequenceOf(userRow(this.data, user).items));
  }

  foldInUser(engagements: readonly Engagement[]): Float64Array {
    this.checkEngagements(engagements);
    const ordered = engagements
      .map((e, n) => ({ ...e, n }))
      .sort((a, b) => a.at - b.at || a.n - b.n);
    return this.scoreSequence(
      this.sequenceOf(Int32Array.from(ordered, (e) => e.item)),
    );
  }

  private get net(): Network {
    return fitted(this.network, this.name);
  }

  private sequenceOf(items: Int32Array): Int32Array {
    return items.slice(Math.max(0, items.length - this.options.maxSequenceLength));
  }

  private scoreSequence(sequence: Int32Array): Float64Array {
    const net = this.net;
    const h = this.options.hiddenUnits;
    let state: Float64Array = new Float64Array(h);
    for (const item of sequence) state = this.step(net, item, state).next;
    const items = net.outputBias.values.length;
    const scores = new Float64Array(items);
    for (let i = 0; i < items; i++) {
      scores[i] = net.outputBias.values[i]! +
        dot(net.output.values, i * h, state, 0, h);
    }
    assertFiniteValues(scores, `${this.name} scores`);
    return scores;
  }

  private initialise(items: number, random: () => number): Network {
    const h = this.options.hiddenUnits;
    const e = this.options.embeddingDimensions;
    return {
      embedding: createParameter('embedding', items * e, glorotScale(items, e), random),
      inputWeights: createParameter('inputWeights', 3 * h * e, glorotScale(e, h), random),
      stateWeights: createParameter('stateWeights', 3 * h * h, glorotScale(h, h), random),
      bias: createParameter('bias', 3 * h, 0),
      output: createParameter('output', items * h, glorotScale(h, items), random),
      outputBias: createParameter('outputBias', items, 0),
    };
  }

  /** One GRU step from `previous` on input `item`. */
  private step(net: Network, item: number, previous: Float64Array): Step {
    const h = this.options.hiddenUnits;
    const e = this.options.embeddingDimensions;
    const wx = net.inputWeights.values;
    const wh = net.stateWeights.values;
    const b = net.bias.values;
    const x = net.embedding.values;
    const input = item * e;
    const update = new Float64Array(h);
    const reset = new Float64Array(h);
    const candidate = new Float64Array(h);
    const next = new Float64Array(h);
    for (let j = 0; j < h; j++) {
      update[j] = sigmoid(b[j]! + dot(wx, j * e, x, input, e) +
        dot(wh, j * h, previous, 0, h));
      reset[j] = sigmoid(b[h + j]! + dot(wx, (h + j) * e, x, input, e) +
        dot(wh, (h + j) * h, previous, 0, h));
    }
    const gated = previous.map((v, j) => v * reset[j]!);
    for (let j = 0; j < h; j++) {
      candidate[j] = Math.tanh(b[2 * h + j]! +
        dot(wx, (2 * h + j) * e, x, input, e) +
        dot(wh, (2 * h + j) * h, gated, 0, h));
      next[j] = (1 - update[j]!) * previous[j]! + update[j]! * candidate[j]!;
    }
    return { item, previous, update, reset, candidate, next };
  }

  /** Backward pass of one step from ∂loss/∂h'; adds to the gradients. */
  private backStep(net: Network, step: Step, dNext: Float64Array): void {
    const h = this.options.hiddenUnits;
    const e = this.options.embeddingDimensions;
    const { previous, update, reset, candidate } = step;
    const da = new Float64Array(3 * h);
    for (let j = 0; j < h; j++) {
      const u = update[j]!;
      da[j] = dNext[j]! * (candidate[j]! - previous[j]!) * u * (1 - u);
      da[2 * h + j] = dNext[j]! * u * (1 - candidate[j]! * candidate[j]!);
    }
    // r enters through U_c (r ⊙ h): ∂/∂r_j = h_j · Σ_k U_c[k][j] · da_c[k].
    const wh = net.stateWeights.values;
    const gated = previous.map((v, j) => v * reset[j]!);
    for (let k = 0; k < h; k++) {
      const g = da[2 * h + k]!;
      for (let j = 0; j < h; j++) {
        da[h + j]! += g * wh[(2 * h + k) * h + j]! * previous[j]!;
      }
    }
    for (let j = 0; j < h; j++) da[h + j]! *= reset[j]! * (1 - reset[j]!);

    const input = step.item * e;
    const x = net.embedding.values;
    const wx = net.inputWeights.values;
    for (let row = 0; row < 3 * h; row++) {
      const g = da[row]!;
      if (g === 0) continue;
      net.bias.gradient[row]! += g;
      const state = row >= 2 * h ? gated : previous;
      for (let k = 0; k < e; k++) {
        net.inputWeights.gradient[row * e + k]! += g * x[input + k]!;
        net.embedding.gradient[input + k]! += g * wx[row * e + k]!;
      }
      for (let k = 0; k < h; k++) {
        net.stateWeights.gradient[row * h + k]! += g * state[k]!;
      }
    }
  }

  /** One pass of session-parallel mini-batches; returns mean loss. */
  private trainEpoch(
    net: Network,
    sequences: readonly Int32Array[],
    adam: Adam,
  ): number {
    const h = this.options.hiddenUnits;
    let nextSequence = 0;
    const take = (): Lane | undefined => {
      const sequence = sequences[nextSequence++];
      return sequence && { sequence, position: 0, state: new Float64Array(h) };
    };
    let lanes = Array.from({ length: this.options.batchSize }, take)
      .filter((l): l is Lane => l !== undefined);
    let total = 0;
    let predictions = 0;

    while (lanes.length > 1) {
      const steps = lanes.map((lane) =>
        this.step(net, lane.sequence[lane.position]!, lane.state),
      );
      const targets = lanes.map((l) => l.sequence[l.position + 1]!);
      total += this.backOutput(net, steps, targets);
      predictions += lanes.length;
      this.applyUpdates(net, adam, steps, targets, lanes.length);

      lanes = lanes.map((lane, b) => {
        lane.state = steps[b]!.next;
        lane.position += 1;
        return lane.position + 1 < lane.sequence.length ? lane : take();
      }).filter((l): l is Lane => l !== undefined);
    }
    return predictions > 0 ? total / predictions : 0;
  }

  /**
   * Cross-entropy of each lane's next item against the batch's targets;
   * backpropagates into the output table and through each GRU step.
   */
  private backOutput(
    net: Network,
    steps: readonly Step[],
    targets: readonly number[],
  ): number {
    const h = this.options.hiddenUnits;
    const out = net.output;
    let loss = 0;
    steps.forEach((step, b) => {
      const logits = targets.map((t) =>
        net.outputBias.values[t]! + dot(out.values, t * h, step.next, 0, h),
      );
      const max = Math.max(...logits);
      const exps = logits.map((l) => Math.exp(l - max));
      const sum = exps.reduce((s, v) => s + v, 0);
      loss -= logits[b]! - max - Math.log(sum);
      const dNext = new Float64Array(h);
      targets.forEach((t, j) => {
        const g = exps[j]! / sum - (j === b ? 1 : 0);
        net.outputBias.gradient[t]! += g;
        for (let k = 0; k < h; k++) {
          dNext[k]! += g * out.values[t * h + k]!;
          out.gradient[t * h + k]! += g * step.next[k]!;
        }
      });
      this.backStep(net, step, dNext);
    });
    return loss;
  }

  private applyUpdates(
    net: Network,
    adam: Adam,
    steps: readonly Step[],
    targets: readonly number[],
    batch: number,
  ): void {
    adam.nextStep();
    adam.apply(net.inputWeights, batch);
    adam.apply(net.stateWeights, batch);
    adam.apply(net.bias, batch);
    const inputs = new Set(steps.map((s) => s.item));
    const outputs = new Set(targets);
    adam.applyRows(net.embedding, batch, inputs, this.options.embeddingDimensions);
    adam.applyRows(net.output, batch, outputs, this.options.hiddenUnits);
    adam.applyRows(net.outputBias, batch, outputs, 1);
  }
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
