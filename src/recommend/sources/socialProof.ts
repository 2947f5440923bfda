/**
 * Social proof: posts engaged by people the viewer follows. Each followee
 * counts with affinity 1 + ln(1 + w), w the viewer's engagement weight on
 * that followee's posts; each engagement decays with age:
 *   score(p) = sum_f affinity(f) * weight(f, p) * 2^(-age / halfLifeMs)
 */
import type { Candidate } from '../types.js';
import {
  decayWindowParams,
  type CandidateSource,
  type SourceContext,
} from './source.js';

export const SOCIAL_PROOF_DEFAULTS = {
  /** Oldest engagement considered, as an age in milliseconds. */
  maxAgeMs: 30 * 24 * 3600 * 1000,
  /** Age at which an engagement's weight halves, in milliseconds. */
  halfLifeMs: 3 * 24 * 3600 * 1000,
  /** Most followee ids named in a reason. */
  namedUsers: 5,
};

interface Row {
  postId: string;
  score: number;
  userIds: string[];
}

/** Creates the social-proof source with the given options. */
export function createSocialProofSource(
  options = SOCIAL_PROOF_DEFAULTS,
): CandidateSource {
  return {
    name: 'socialProof',
    async generate({ viewer, limit, now, read }: SourceContext) {
      if (viewer.followees.length === 0) return [];
      const rows = await read<Row & Record<string, unknown>>(
        'recommend/socialProof',
        {
          viewerId: viewer.id,
          ...decayWindowParams(now, options.maxAgeMs, options.halfLifeMs, limit),
        },
      );
      return rows.map((row): Candidate => ({
        postId: row.postId,
        score: row.score,
        reasons: [{
          kind: 'ENGAGED_BY_FOLLOWEES',
          count: row.userIds.length,
          userIds: [...row.userIds].sort().slice(0, options.namedUsers),
        }],
      }));
    },
  };
}
