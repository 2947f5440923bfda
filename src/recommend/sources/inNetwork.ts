/**
 * In-network: recent posts by the authors the viewer follows, scored by
 * freshness: score = 2^(-age / halfLifeMs).
 */
import { int } from '../../db/database.js';
import type { Candidate } from '../types.js';
import { decay, type CandidateSource, type SourceContext } from './source.js';

export const IN_NETWORK_DEFAULTS = {
  /** Oldest post considered, as an age in milliseconds. */
  maxAgeMs: 30 * 24 * 3600 * 1000,
  /** Age at which a post's score halves, in milliseconds. */
  halfLifeMs: 24 * 3600 * 1000,
};

interface Row {
  postId: string;
  authorId: string;
  createdAt: number;
}

/** Creates the in-network source with the given options. */
export function createInNetworkSource(
  options = IN_NETWORK_DEFAULTS,
): CandidateSource {
  return {
    name: 'inNetwork',
    async generate({ viewer, limit, now, read }: SourceContext) {
      if (viewer.followees.length === 0) return [];
      const rows = await read<Row & Record<string, unknown>>(
        'recommend/inNetwork',
        { viewerId: viewer.id, since: int(now - options.maxAgeMs), limit: int(limit) },
      );
      return rows.map((row): Candidate => ({
        postId: row.postId,
        score: decay(now - row.createdAt, options.halfLifeMs),
        reasons: [{ kind: 'FOLLOWED_AUTHOR', authorId: row.authorId }],
      }));
    },
  };
}
