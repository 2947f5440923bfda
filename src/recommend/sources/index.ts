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
import { loadStoredModelSources } from '../../models/serving.js';
import { FACTOR_MODELS, type FactorModelName } from '../../models/factorModel.js';
import { createFactorModelSource } from './learnedModel.js';

export { SourceRegistry, type CandidateSource, type SourceContext } from './source.js';

/**
 * A registry of every built-in source with its defaults (a new one each
 * call). With `modelDir` (serving), every learned model whose lists
 * `npm run train` stored there (`recommendations-<model>.json`) is added
 * as a source, and so are ALS and PureSVD served from the factors stored
 * in Neo4j (empty until `npm run train -- als` / `puresvd` stored them).
 */
export function createDefaultSources(options: { modelDir?: string } = {}): SourceRegistry {
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
  if (options.modelDir !== undefined) {
    for (const source of loadStoredModelSources(options.modelDir)) registry.register(source);
    for (const model of Object.keys(FACTOR_MODELS) as FactorModelName[]) {
      registry.register(createFactorModelSource(model));
    }
  }
  return registry;
}
