/**
 * The built-in candidate sources, each with its defaults, and the registry
 * a new engine runs unless given another.
 */
import { createContentSource } from './content.js';
import { createInNetworkSource } from './inNetwork.js';
import { createItemCFSource } from './itemCF.js';
import { createPopularSource } from './popular.js';
import { createRandomWalkSource } from './randomWalk.js';
import { createSocialProofSource } from './socialProof.js';
import { createTrendingSource } from './trending.js';
import { createUserCFSource } from './userCF.js';
import { SourceRegistry } from './source.js';
import { FACTOR_MODELS, type FactorModelName } from '../../models/factorModel.js';
import { NEIGHBOUR_MODELS } from '../../models/neighbourModel.js';
import { createFactorModelSource, createNeighbourModelSource } from './learnedModel.js';

export { SourceRegistry, type CandidateSource, type SourceContext } from './source.js';

/**
 * A registry of every built-in source with its defaults (a new one each
 * call). With `learnedModels` (serving), a source per learned model is
 * added, served from what `npm run train -- <model>` stored in Neo4j:
 * ALS and PureSVD from their factors, EASE, Mult-VAE, Mult-DAE and
 * GRU4Rec from their lists and neighbours (each empty until stored).
 */
export function createDefaultSources(options: { learnedModels?: boolean } = {}): SourceRegistry {
  const registry = new SourceRegistry([
    createInNetworkSource(),
    createSocialProofSource(),
    createItemCFSource(),
    createUserCFSource(),
    createRandomWalkSource(),
    createContentSource(),
    createTrendingSource(),
    createPopularSource(),
  ]);
  if (options.learnedModels === true) {
    for (const model of Object.keys(FACTOR_MODELS) as FactorModelName[]) {
      registry.register(createFactorModelSource(model));
    }
    for (const model of NEIGHBOUR_MODELS) registry.register(createNeighbourModelSource(model));
  }
  return registry;
}
