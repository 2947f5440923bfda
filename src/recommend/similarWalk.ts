/**
 * Random walks as a similar-posts signal: Pixie walks with restart over the
 * in-memory engagement graph, seeded at the one post (post → engager →
 * post …). Visit counts are divided by the most-visited post's, so scores
 * lie in (0, 1] like the other similar-post signals. Deterministic: the
 * generator is seeded by the engine seed and the post id.
 */
import { PIXIE_DEFAULTS, pixieWalk } from '../graph/pixie.js';
import type { Engine } from './engine.js';
import { randomFor } from './seed.js';
import type { CandidateSource } from './similarPosts.js';

export const SIMILAR_WALK_DEFAULTS = {
  ...PIXIE_DEFAULTS,
  /** Post visits spent per request (one seed), in steps. */
  totalSteps: 5000,
};

/** A walk source for findSimilarPosts over the engine's projection. */
export function similarPostsWalk(
  engine: Engine,
  options = SIMILAR_WALK_DEFAULTS,
): CandidateSource {
  return async (postId, limit) => {
    const random = randomFor(engine.config.feed.seed, 'similar', postId);
    const visits = pixieWalk(engine.projection, [{ postId, weight: 1 }], random, options);
    const best = visits[0]?.score ?? 0;
    if (best <= 0) return [];
    return visits.slice(0, limit).map((visit) => ({
      postId: visit.postId,
      score: visit.score / best,
    }));
  };
}
