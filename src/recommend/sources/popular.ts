/**
 * Popular: the posts with the most engagement of all time, read from the
 * in-memory projection (score = number of users who engaged). With trending
 * it makes a new user's feed; unlike trending it never runs dry on old data.
 * The ranking is rebuilt at most every `refreshMs`.
 */
import { idOfKey, isPostKey } from '../../graph/projection.js';
import { compareIds } from '../../math/ranking.js';
import type { Candidate } from '../types.js';
import type { CandidateSource, SourceContext } from './source.js';

export const POPULAR_DEFAULTS = {
  /** How long a computed ranking is reused, in milliseconds. */
  refreshMs: 60_000,
  /** Posts kept in the ranking. */
  keep: 1000,
};

interface Ranking {
  at: number;
  version: number;
  posts: Array<{ postId: string; score: number }>;
}

/** Creates the popular source with the given options. */
export function createPopularSource(options = POPULAR_DEFAULTS): CandidateSource {
  let ranking: Ranking | undefined;
  return {
    name: 'popular',
    async generate({ engine, limit, now }: SourceContext) {
      const { projection } = engine;
      const stale = ranking === undefined
        || (ranking.version !== projection.version && now - ranking.at >= options.refreshMs);
      if (stale) {
        ranking = { at: now, version: projection.version, posts: rankPosts(engine, options.keep) };
      }
      return ranking!.posts.slice(0, limit).map((post): Candidate => ({
        ...post,
        reasons: [{ kind: 'POPULAR' }],
      }));
    },
  };
}

function rankPosts(
  engine: SourceContext['engine'],
  keep: number,
): Array<{ postId: string; score: number }> {
  const posts: Array<{ postId: string; score: number }> = [];
  engine.projection.engagement.forEachNode((key, degree) => {
    if (isPostKey(key)) posts.push({ postId: idOfKey(key), score: degree });
  });
  posts.sort((a, b) => b.score - a.score || compareIds(a.postId, b.postId));
  return posts.slice(0, keep);
}
