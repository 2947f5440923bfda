/**
 * The shapes the recommendation engine passes around: candidates from
 * sources, reasons that explain them, and the items of a served feed.
 */

/** Why a post is recommended; `kind` picks the variant. */
export type Reason =
  | { kind: 'FOLLOWED_AUTHOR'; authorId: string }
  | { kind: 'ENGAGED_BY_FOLLOWEES'; count: number; userIds: string[] }
  | { kind: 'ENGAGED_BY_SIMILAR_USERS'; count: number; userIds: string[] }
  | { kind: 'SIMILAR_TO_ENGAGED'; postId: string }
  | { kind: 'TRENDING'; tag: string | null }
  | { kind: 'POPULAR' }
  | { kind: 'EXPLORATION' };

/** One post proposed by one source, with the source's own score (> 0). */
export interface Candidate {
  postId: string;
  score: number;
  reasons: Reason[];
}

/** A source's share of an item's blended score. */
export interface ScoreShare {
  source: string;
  /** The source's raw score. */
  raw: number;
  /** raw divided by the source's best raw score in this request, in (0, 1]. */
  normalized: number;
  /** The blend weight of the source. */
  weight: number;
  /** normalized * weight. */
  contribution: number;
}

/** A ranked, explained post of a feed. */
export interface FeedItem {
  postId: string;
  authorId: string | null;
  /** Blended score after re-ranking adjustments. */
  score: number;
  reasons: Reason[];
  breakdown: ScoreShare[];
}

/** What the engine knows of the viewer at the start of a request. */
export interface ViewerProfile {
  id: string;
  followees: string[];
  /** Positive engagements, newest first (one per post, strongest weight). */
  recent: Array<{ postId: string; weight: number; at: number }>;
  /** Per followee id, the summed weight of the viewer's engagements on their posts. */
  followeeEngagement: ReadonlyMap<string, number>;
}

/** Describes a reason in words, for people. */
export function describeReason(reason: Reason): string {
  switch (reason.kind) {
    case 'FOLLOWED_AUTHOR':
      return 'From someone you follow';
    case 'ENGAGED_BY_FOLLOWEES':
      return `Liked by ${reason.count} ${plural(reason.count, 'person')} you follow`;
    case 'ENGAGED_BY_SIMILAR_USERS':
      return `Liked by ${reason.count} ${plural(reason.count, 'person')} with tastes like yours`;
    case 'SIMILAR_TO_ENGAGED':
      return 'Similar to a post you liked';
    case 'TRENDING':
      return reason.tag === null ? 'Trending' : `Trending in #${reason.tag}`;
    case 'POPULAR':
      return 'Popular';
    case 'EXPLORATION':
      return 'Something new for you';
  }
}

function plural(count: number, word: string): string {
  return count === 1 ? word : word === 'person' ? 'people' : `${word}s`;
}
