/**
 * Item-based collaborative filtering: posts co-engaged with the viewer's
 * recent engagements. For seed s and post p with c co-engagers,
 *   score(p) = sum_s c(s, p) / sqrt(deg(s) * deg(p))   (cosine on sets)
 */
import { int } from '../../db/database.js';
import type { Candidate } from '../types.js';
import type { CandidateSource, SourceContext } from './source.js';

export const ITEM_CF_DEFAULTS = {
  /** The viewer's most recent engaged posts used as seeds. */
  seedLimit: 20,
  /** Most recent co-engagers followed per seed (bounds the fan-out). */
  usersPerSeed: 50,
  /** Most recent engagements read per co-engager. */
  postsPerUser: 50,
};

interface Row {
  postId: string;
  score: number;
  becauseOf: string;
}

/** Creates the item-based CF source with the given options. */
export function createItemCFSource(options = ITEM_CF_DEFAULTS): CandidateSource {
  return {
    name: 'itemCF',
    async generate({ viewer, limit, read }: SourceContext) {
      if (viewer.recent.length === 0) return [];
      const rows = await read<Row & Record<string, unknown>>(
        'recommend/itemCF',
        {
          viewerId: viewer.id,
          seedLimit: int(options.seedLimit),
          usersPerSeed: int(options.usersPerSeed),
          postsPerUser: int(options.postsPerUser),
          limit: int(limit),
        },
      );
      return rows.map((row): Candidate => ({
        postId: row.postId,
        score: row.score,
        reasons: [{ kind: 'SIMILAR_TO_ENGAGED', postId: row.becauseOf }],
      }));
    },
  };
}
