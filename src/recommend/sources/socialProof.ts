/**
 * Social proof: posts engaged by people the viewer follows, on the
 * in-memory graph (src/graph/collaborative.ts). Each followee counts with
 * affinity 1 + ln(1 + w), w the viewer's engagement weight on that
 * followee's posts; each engagement decays with age:
 *   score(p) = sum_f affinity(f) * weight(f, p) * 2^(-age / halfLifeMs)
 */
import { followeeEngagedPosts } from '../../graph/collaborative.js';
import type { Candidate } from '../types.js';
import type { CandidateSource, SourceContext } from './source.js';

export const SOCIAL_PROOF_DEFAULTS = {
  /** Oldest engagement considered, as an age in milliseconds. */
  maxAgeMs: 30 * 24 * 3600 * 1000,
  /** Age at which an engagement's weight halves, in milliseconds. */
  halfLifeMs: 3 * 24 * 3600 * 1000,
  /** Most followee ids named in a reason. */
  namedUsers: 5,
};

/** Creates the social-proof source with the given options. */
export function createSocialProofSource(
  options = SOCIAL_PROOF_DEFAULTS,
): CandidateSource {
  return {
    name: 'socialProof',
    async generate({ engine, viewer, limit, now }: SourceContext) {
      const affinity = (userId: string): number =>
        1 + Math.log(1 + (viewer.followeeEngagement.get(userId) ?? 0));
      const posts = followeeEngagedPosts(
        engine.projection, viewer.followees, affinity, now, limit, options,
      );
      return posts.map((post): Candidate => ({
        postId: post.postId,
        score: post.score,
        reasons: [{
          kind: 'ENGAGED_BY_FOLLOWEES',
          count: post.userIds.length,
          userIds: [...post.userIds].sort().slice(0, options.namedUsers),
        }],
      }));
    },
  };
}
