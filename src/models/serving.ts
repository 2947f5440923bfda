/**
 * Learned models in the feed: train one from the engagements in Neo4j and
 * serve it as a candidate source, or store its lists for an API to load.
 *
 * Training takes seconds to minutes (README, Training time), far too long
 * for API start-up. So serving is opt-in: `npm run train -- als` (or
 * `puresvd`) stores the factors in Neo4j (factorStore.ts), which the
 * factor sources of the feed and similar posts read; the models without
 * factors (EASE, Mult-VAE/DAE, GRU4Rec) write
 * `<dir>/recommendations-<model>.json`, each training user's best
 * `STORED_LIST_DEFAULTS.size` unseen posts, and `loadStoredModelSources(dir)`
 * turns every such file into a source. With neither, the API serves as
 * before. The evaluation harness trains in process with `trainModelSource`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Logger } from '../log.js';
import { createLearnedModelSource, toCandidates } from '../recommend/sources/learnedModel.js';
import type { CandidateSource } from '../recommend/sources/source.js';
import type { Candidate } from '../recommend/types.js';
import { isFactorRecommender } from './factorModel.js';
import { storeFactors } from './factorStore.js';
import { createModel, type ModelName } from './index.js';
import type { InteractionMatrix } from './interactionMatrix.js';
import { loadInteractionMatrix } from './loadInteractions.js';
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

export const STORED_LIST_DEFAULTS = {
  /** Posts stored per training user, best first. */
  size: 200,
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
    seed: options.seed ?? STORED_LIST_DEFAULTS.seed,
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  return { source: createLearnedModelSource(name, model, data), model, data, report };
}

const storedSchema = z.object({
  model: z.string().regex(/^[a-z0-9]+$/),
  trainedAt: z.number(),
  lists: z.record(z.string(), z.array(z.tuple([z.string(), z.number().finite()]))),
});

/** The file `npm run train -- <model>` writes in `dir`. */
export function storedListFile(dir: string, model: string): string {
  return path.join(dir, `recommendations-${model}.json`);
}

/**
 * Trains `name` from Neo4j and stores what serving reads: a factor model
 * (ALS, PureSVD) writes its vectors into Neo4j (storeFactors, one
 * transaction, nothing written when a vector is not finite) and removes an
 * older list file of the same name; any other model writes every training
 * user's best unseen posts to `storedListFile(dir, name)` (renamed into
 * place, so a reader never sees half a file). Returns figures for the log.
 */
export async function trainAndStoreModel(
  db: Database,
  dir: string,
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
    const stored = await storeFactors(db, model.factorSnapshot(), log);
    fs.rmSync(storedListFile(dir, name), { force: true });
    return { ...figures, stored };
  }
  writeStoredLists(dir, name, model, data);
  if (!isNeighbourModel(name)) return figures;
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

function writeStoredLists(dir: string, name: string, model: Recommender, data: InteractionMatrix) {
  const size = STORED_LIST_DEFAULTS.size;
  const lists: Record<string, Array<[string, number]>> = {};
  for (let user = 0; user < data.userCount; user++) {
    const ranked = toCandidates(model.recommend(user, size + 1), size, (i) => data.itemIds[i]!);
    lists[data.userIds[user]!] = ranked.map((c) => [c.postId, c.score]);
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = storedListFile(dir, name);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ model: name, trainedAt: Date.now(), lists }));
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * A source per `recommendations-<model>.json` in `dir` (none when the
 * folder or the files are missing). Serves a viewer the stored list, minus
 * nothing: the engine's filter drops what they engaged with since.
 */
export function loadStoredModelSources(dir: string): CandidateSource[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((file) => /^recommendations-[a-z0-9]+\.json$/.test(file))
    .sort()
    .map((file) => {
      const parsed = storedSchema.safeParse(
        JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
      );
      if (!parsed.success) {
        throw new TypeError(`${file} is not a stored model list: ${parsed.error.message}`);
      }
      const { model, lists } = parsed.data;
      return {
        name: model,
        async generate({ viewer, limit }) {
          return (lists[viewer.id] ?? []).slice(0, limit).map(([postId, score]): Candidate => ({
            postId,
            score,
            reasons: [{ kind: 'ENGAGED_BY_SIMILAR_USERS', count: 0, userIds: [] }],
          }));
        },
      } satisfies CandidateSource;
    });
}
