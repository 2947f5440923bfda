/**
 * Random walks with restart over the in-memory engagement graph (Pixie; see
 * src/graph/pixie.ts). Seeds are the viewer's recent engagements, weighted
 * by strength * 2^(-age / seedHalfLifeMs).
 */
import { pixieWalk, PIXIE_DEFAULTS } from '../../graph/pixie.js';
import type { Candidate } from '../types.js';
import { decay, type CandidateSource, type SourceContext } from './source.js';

export const RANDOM_WALK_DEFAULTS = {
  ...PIXIE_DEFAULTS,
  /** Most recent engagements used as seeds. */
  maxSeeds: 20,
  /** Age at which a seed's weight halves, in milliseconds. */
  seedHalfLifeMs: 7 * 24 * 3600 * 1000,
};

/** Creates the random-walk source with the given options. */
export function createRandomWalkSource(
  options = RANDOM_WALK_DEFAULTS,
): CandidateSource {
  return {
    name: 'randomWalk',
    async generate({ engine, viewer, limit, now, random }: SourceContext) {
      const seeds = viewer.recent.slice(0, options.maxSeeds).map((e) => ({
        postId: e.postId,
        weight: e.weight * decay(now - e.at, options.seedHalfLifeMs),
      })).filter((seed) => seed.weight > 0);
      if (seeds.length === 0) return [];
      const visits = pixieWalk(engine.projection, seeds, random, options, limit);
      return visits.map((visit): Candidate => ({
        postId: visit.postId,
        score: visit.score,
        reasons: [{ kind: 'SIMILAR_TO_ENGAGED', postId: visit.topSeedId }],
      }));
    },
  };
}
