/**
 * The learned models by name, for the training CLI, the benchmark and the
 * evaluation harness.
 */
import { AlsRecommender } from './als.js';
import { EaseRecommender } from './ease.js';
import { MultVaeRecommender } from './multVae.js';
import { Gru4RecRecommender } from './gru4rec.js';
import { PureSvdRecommender } from './pureSvd.js';
import { ModelError } from './modelError.js';
import type { Recommender } from './recommender.js';

const FACTORIES = {
  als: () => new AlsRecommender(),
  ease: () => new EaseRecommender(),
  multvae: () => new MultVaeRecommender(),
  multdae: () => new MultVaeRecommender({ variant: 'dae' }),
  gru4rec: () => new Gru4RecRecommender(),
  puresvd: () => new PureSvdRecommender(),
} satisfies Record<string, () => Recommender>;

export type ModelName = keyof typeof FACTORIES;

/** Every model name `createModel` accepts. */
export const MODEL_NAMES = Object.keys(FACTORIES) as readonly ModelName[];

/** A model with its DEFAULTS; throws BAD_OPTION for an unknown name. */
export function createModel(name: string): Recommender {
  if (!(name in FACTORIES)) {
    throw new ModelError(
      'BAD_OPTION',
      `model must be one of ${MODEL_NAMES.join(', ')}, but got: ${name}`,
    );
  }
  return FACTORIES[name as ModelName]();
}
