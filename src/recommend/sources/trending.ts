/**
 * Trending: engagement velocity over a recent window, each engagement
 * decaying with age: score(p) = sum_e weight(e) * 2^(-age(e) / halfLifeMs).
 * The fallback for viewers with no follows and no engagement. The list is
 * the same for every viewer, so it is reused for `cacheMs`.
 */
import type { Candidate } from '../types.js';
import {
  decayWindowParams,
  type CandidateSource,
  type SourceContext,
} from './source.js';

export const TRENDING_DEFAULTS = {
  /** Engagements older than this are ignored, in milliseconds. */
  windowMs: 48 * 3600 * 1000,
  /** Age at which an engagement's weight halves, in milliseconds. */
  halfLifeMs: 6 * 3600 * 1000,
  /** How long one computed list serves every viewer, in milliseconds. */
  cacheMs: 10_000,
};

interface Row {
  postId: string;
  score: number;
  tag: string | null;
}

/** Creates the trending source with the given options. */
export function createTrendingSource(options = TRENDING_DEFAULTS): CandidateSource {
  let cached: { at: number; limit: number; rows: Row[] } | undefined;
  return {
    name: 'trending',
    async generate({ limit, now, read }: SourceContext) {
      if (cached === undefined || cached.limit < limit || now - cached.at >= options.cacheMs
        || now < cached.at) {
        const rows = await read<Row & Record<string, unknown>>(
          'recommend/trending',
          decayWindowParams(now, options.windowMs, options.halfLifeMs, limit),
        );
        cached = { at: now, limit, rows };
      }
      return cached.rows.slice(0, limit).map((row): Candidate => ({
        postId: row.postId,
        score: row.score,
        reasons: [{ kind: 'TRENDING', tag: row.tag }],
      }));
    },
  };
}
