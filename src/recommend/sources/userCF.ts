/**
 * User-based collaborative filtering: the users who share the most of the
 * viewer's recent engagements, and what they engaged with, on the
 * in-memory graph (src/graph/collaborative.ts):
 *   score(p) = sum_u shared(viewer, u) * weight(u, p)
 */
import { userNeighbourPosts } from '../../graph/collaborative.js';
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

/** Creates the user-based CF source with the given options. */
export function createUserCFSource(options = USER_CF_DEFAULTS): CandidateSource {
  return {
    name: 'userCF',
    async generate({ engine, viewer, limit }: SourceContext) {
      const seeds = viewer.recent.slice(0, options.seedLimit).map((e) => e.postId);
      const posts = userNeighbourPosts(engine.projection, viewer.id, seeds, limit, options);
      return posts.map((post): Candidate => ({
        postId: post.postId,
        score: post.score,
        reasons: [{
          kind: 'ENGAGED_BY_SIMILAR_USERS',
          count: post.userIds.length,
          userIds: post.userIds.slice(0, options.namedUsers),
        }],
      }));
    },
  };
}
