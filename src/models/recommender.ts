/**
 * What every learned model offers the feed and the evaluation harness:
 * train on an InteractionMatrix, score or rank the catalogue for a known
 * user, and fold in a user the model has not seen from their engagements
 * alone, without retraining.
 */
import type { InteractionMatrix } from './interactionMatrix.js';
import { ModelError, assertFiniteValues } from './modelError.js';

/** One engagement of a user being folded in. */
export interface Engagement {
  /** Item index in the training matrix. */
  readonly item: number;
  /** Strength, > 0 (the graph keeps it in (0, 1]). */
  readonly weight: number;
  /** Milliseconds since the Unix epoch (orders sequences). */
  readonly at: number;
}

/** Progress after one pass over the training data. */
export interface EpochReport {
  readonly model: string;
  /** 1-based. */
  readonly epoch: number;
  readonly epochs: number;
  /** The model's training objective after this epoch (lower is better). */
  readonly loss: number;
  /** Wall-clock seconds this epoch took. */
  readonly seconds: number;
}

export interface FitOptions {
  /** Seed of the generator behind initialisation, dropout and sampling. */
  readonly seed?: number;
  /** Called after every epoch, e.g. by a progress bar. */
  readonly onEpoch?: (report: EpochReport) => void;
}

/** What `fit` resolves to. */
export interface TrainingReport {
  readonly epochs: readonly EpochReport[];
  /** Wall-clock seconds of the whole fit. */
  readonly seconds: number;
}

export interface ScoredItem {
  readonly item: number;
  readonly score: number;
}

/**
 * The score of an item a model leaves out of its catalogue (EASE and the
 * neural models keep only the most popular items). Finite, below every
 * real score, and never returned by `recommend`.
 */
export const NOT_SCORED = -Number.MAX_VALUE;

export interface Recommender {
  readonly name: string;
  /** Trains from scratch; rejects with ModelError on bad data or divergence. */
  fit(data: InteractionMatrix, options?: FitOptions): Promise<TrainingReport>;
  /** One finite score per item of the training matrix (higher is better). */
  scoreUser(user: number): Float64Array;
  /**
   * The `k` best items for a training user, best first. `exclude` defaults
   * to the items the user engaged with in training.
   */
  recommend(
    user: number,
    k: number,
    exclude?: ReadonlySet<number>,
  ): ScoredItem[];
  /** Scores for a user the model has not seen, from their engagements. */
  foldInUser(engagements: readonly Engagement[]): Float64Array;
}

/**
 * What every model shares: the training matrix once fitted, and `recommend`
 * on top of the model's own `scoreUser`.
 */
export abstract class TrainedRecommender implements Recommender {
  abstract readonly name: string;
  private trainedOn: InteractionMatrix | undefined;

  abstract fit(
    data: InteractionMatrix,
    options?: FitOptions,
  ): Promise<TrainingReport>;
  abstract scoreUser(user: number): Float64Array;
  abstract foldInUser(engagements: readonly Engagement[]): Float64Array;

  recommend(
    user: number,
    k: number,
    exclude?: ReadonlySet<number>,
  ): ScoredItem[] {
    const scores = this.scoreUser(user);
    return rankItems(scores, k, exclude ?? seenItems(this.data, user));
  }

  /** The matrix the model was fitted on; throws NOT_FITTED before. */
  protected get data(): InteractionMatrix {
    return fitted(this.trainedOn, this.name);
  }

  protected set data(data: InteractionMatrix | undefined) {
    this.trainedOn = data;
  }

  /** Throws unless `user` is a training user. */
  protected checkUser(user: number): void {
    checkIndexIn(user, this.data.userCount, 'user');
  }

  /** Throws unless the fold-in engagements name training items. */
  protected checkEngagements(engagements: readonly Engagement[]): void {
    checkEngagements(engagements, this.data.itemCount);
  }
}

/** The items `user` engaged with in `data`. */
export function seenItems(
  data: InteractionMatrix,
  user: number,
): Set<number> {
  const seen = new Set<number>();
  for (let e = data.userStarts[user]!; e < data.userStarts[user + 1]!; e++) {
    seen.add(data.userItems[e]!);
  }
  return seen;
}

/**
 * The `k` highest-scoring items not in `exclude`, best first (ties by the
 * lower index). Items scored NOT_SCORED are never returned.
 */
export function rankItems(
  scores: ArrayLike<number>,
  k: number,
  exclude: ReadonlySet<number> = new Set(),
): ScoredItem[] {
  assertFiniteValues(scores, 'scores');
  const best: ScoredItem[] = [];
  if (k <= 0) return best;
  for (let item = 0; item < scores.length; item++) {
    const score = scores[item]!;
    if (score === NOT_SCORED || exclude.has(item)) continue;
    if (best.length === k && score <= best[k - 1]!.score) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push({ item, score });
    while (at > 0 && best[at - 1]!.score < score) {
      best[at] = best[at - 1]!;
      at -= 1;
    }
    best[at] = { item, score };
  }
  return best;
}

/** Throws UNKNOWN_INDEX unless `index` is an integer in [0, count). */
export function checkIndexIn(
  index: number,
  count: number,
  what: string,
): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new ModelError(
      'UNKNOWN_INDEX',
      `${what} must be an index in [0, ${count}), but got: ${index}`,
    );
  }
}

/** Throws on engagements that name unknown items or carry bad numbers. */
export function checkEngagements(
  engagements: readonly Engagement[],
  itemCount: number,
): void {
  for (const { item, weight, at } of engagements) {
    checkIndexIn(item, itemCount, 'engagement item');
    if (!Number.isFinite(weight) || !Number.isFinite(at) || weight <= 0) {
      throw new ModelError(
        'NON_FINITE_INPUT',
        `engagements need a finite weight > 0 and a finite time, but got ` +
          `weight ${weight}, at ${at}`,
      );
    }
  }
}

/** Returns `value` or throws NOT_FITTED when the model has not been fitted. */
export function fitted<T>(value: T | undefined, model: string): T {
  if (value === undefined) {
    throw new ModelError('NOT_FITTED', `${model} must be fitted first`);
  }
  return value;
}

/**
 * Runs `epochs` passes of `step` (which returns the epoch's loss), checks
 * every loss is finite, reports it, and yields to the event loop between
 * epochs so a progress bar can draw.
 */
export async function runEpochs(
  model: string,
  epochs: number,
  options: FitOptions,
  step: (epoch: number) => number,
): Promise<TrainingReport> {
  const started = performance.now();
  const reports: EpochReport[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const epochStarted = performance.now();
    const loss = step(epoch);
    if (!Number.isFinite(loss)) {
      throw new ModelError(
        'DIVERGED',
        `${model} loss must stay finite, but epoch ${epoch} gave ${loss}; ` +
          'lower the learning rate or raise the regularisation',
      );
    }
    const seconds = (performance.now() - epochStarted) / 1000;
    const report = { model, epoch, epochs, loss, seconds };
    reports.push(report);
    options.onEpoch?.(report);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { epochs: reports, seconds: (performance.now() - started) / 1000 };
}
