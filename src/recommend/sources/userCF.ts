/**
 * User-based collaborative filtering: the users who share the most of the
 * viewer's recent engagements, and what they engaged with:
 *   score(p) = sum_u shared(viewer, u) * weight(u, p)
 */
import { int } from '../../db/database.js';
import type { Candidate } from '../types.js';
import type { CandidateSource, SourceContext } from './source.js';

export const USER_CF_DEFAULTS = {
  /** The viewer's most recent engaged posts compared with other users. */
  seedLimit: 50,
  /** Neighbours kept: the users sharing the most engagement. */
  neighbours: 30,
  /** Most recent engagements read per neighbour. */
  postsPerUser: 100,
  /** Most neighbour ids named in a reason. */
  namedUsers: 5,
};

interface Row {
  postId: string;
  score: number;
  userIds: string[];
}

/** Creates the user-based CF source with the given options. */
export function createUserCFSource(options = USER_CF_DEFAULTS): CandidateSource {
  return {
    name: 'userCF',
    async generate({ viewer, limit, read }: SourceContext) {
      if (viewer.recent.length === 0) return [];
      const rows = await read<Row & Record<string, unknown>>(
        'recommend/userCF',
        {
          viewerId: viewer.id,
          seedLimit: int(options.seedLimit),
          neighbours: int(options.neighbours),
          postsPerUser: int(options.postsPerUser),
          limit: int(limit),
        },
      );
      return rows.map((row): Candidate => ({
        postId: row.postId,
        score: row.score,
        reasons: [{
          kind: 'ENGAGED_BY_SIMILAR_USERS',
          count: row.userIds.length,
          userIds: row.userIds.slice(0, options.namedUsers),
        }],
      }));
    },
  };
}
