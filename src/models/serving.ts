/**
 * Learned models in the feed: train one from the engagements in Neo4j and
 * serve it as a candidate source, or store it in Neo4j for every API
 * replica to read.
 *
 * Training takes seconds to minutes (README, Training time), far too long
 * for API start-up. So serving is opt-in: `npm run train -- als` (or
 * `puresvd`) stores the factors in Neo4j (factorStore.ts), which the
 * factor sources of the feed and similar posts read; the models without
 * factors (EASE, Mult-VAE/DAE, GRU4Rec) store each catalogue post's
 * nearest posts and each training user's best posts (neighbourStore.ts),
 * which their feed sources and similar posts read. Until then those
 * sources are silent. The evaluation harness trains in process with
 * `trainModelSource`.
 */
import type { Database } from '../db/database.js';
import type { Logger } from '../log.js';
import { createLearnedModelSource } from '../recommend/sources/learnedModel.js';
import type { CandidateSource } from '../recommend/sources/source.js';
import { isFactorRecommender } from './factorModel.js';
import { storeFactors } from './factorStore.js';
import { createModel, type ModelName } from './index.js';
import type { InteractionMatrix } from './interactionMatrix.js';
import { loadInteractionMatrix } from './loadInteractions.js';
import { ModelError } from './modelError.js';
import {
  computeNeighbours,
  computeUserLists,
  isNeighbourModel,
  NEIGHBOUR_DEFAULTS,
  type NeighbourModelName,
} from './neighbourModel.js';
import { storeNeighbours } from './neighbourStore.js';
import type { EpochReport, Recommender, TrainingReport } from './recommender.js';
import { createEpochProgress } from './trainingProgress.js';

export const TRAINING_DEFAULTS = {
  /** Seed of every model fit. */
  seed: 42,
};

/** The models the evaluation trains by default and `npm run train` can store. */
export const SERVED_MODELS: readonly ModelName[] = ['als', 'ease', 'puresvd'];

export interface TrainedSource {
  source: CandidateSource;
  model: Recommender;
  data: InteractionMatrix;
  report: TrainingReport;
}

/**
 * Trains model `name` (createModel's defaults) on every positive engagement
 * in Neo4j and wraps it as a source of the same name. ModelError (empty
 * data, too many factors, divergence...) propagates unchanged.
 */
export async function trainModelSource(
  db: Database,
  name: string,
  options: { seed?: number; onEpoch?: (report: EpochReport) => void } = {},
): Promise<TrainedSource> {
  const data = await loadInteractionMatrix(db);
  const model = createModel(name);
  const report = await model.fit(data, {
    seed: options.seed ?? TRAINING_DEFAULTS.seed,
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  return { source: createLearnedModelSource(name, model, data), model, data, report };
}

/**
 * Trains `name` from Neo4j and stores what serving reads, in Neo4j: a
 * factor model (ALS, PureSVD) its vectors (storeFactors), any other model
 * its post neighbours and user lists (storeModelNeighbours). Each store is
 * one transaction that writes nothing when a number is not finite.
 * Returns figures for the log.
 */
export async function trainAndStoreModel(
  db: Database,
  name: string,
  log: Logger,
): Promise<object> {
  const progress = createEpochProgress();
  let trained: TrainedSource;
  try {
    trained = await trainModelSource(db, name, {
      onEpoch: (r) => {
        progress.onEpoch(r);
        log.info({ model: r.model, epoch: r.epoch, loss: r.loss }, 'epoch done');
      },
    });
  } finally {
    progress.stop();
  }
  const { data, model, report } = trained;
  const figures = { users: data.userCount, items: data.itemCount, seconds: report.seconds };
  if (isFactorRecommender(model)) {
    return { ...figures, stored: await storeFactors(db, model.factorSnapshot(), log) };
  }
  if (!isNeighbourModel(name)) {
    throw new ModelError('BAD_OPTION', `${name} has neither factors nor neighbours to store`);
  }
  return { ...figures, ...(await storeModelNeighbours(db, name, model, data, log)) };
}

/**
 * Computes a fitted neighbour model's post neighbours and user lists
 * (neighbourModel.ts) and stores them (neighbourStore.ts); returns what
 * was stored and the seconds each step took.
 */
export async function storeModelNeighbours(
  db: Database,
  name: NeighbourModelName,
  model: Recommender,
  data: InteractionMatrix,
  log?: Logger,
): Promise<object> {
  const started = performance.now();
  const posts = computeNeighbours(model, data);
  const computed = performance.now();
  const users = computeUserLists(model, data);
  const listed = performance.now();
  const stored = await storeNeighbours(db, {
    model: name, ...NEIGHBOUR_DEFAULTS, posts, users,
  }, log);
  const seconds = (from: number, to: number) => Number(((to - from) / 1000).toFixed(2));
  return {
    stored,
    neighbourSeconds: seconds(started, computed),
    listSeconds: seconds(computed, listed),
    storeSeconds: seconds(listed, performance.now()),
  };
}
