/**
 * The viewer's engagement with posts: likes, reposts, hides and
 * impressions. Only posts the viewer may see can be engaged with; each
 * call is one transaction; liking twice is one like, unliking twice none.
 */
import type { Database } from '../db/database.js';
import { ErrorCode, userError } from '../graphql/errors.js';
import { lockViewerForPosts, run } from './guards.js';

export type PostEdgeType = 'LIKED' | 'REPOSTED' | 'HID';

/** Weight of an engagement made through the API (docs/data-model.md). */
const DEFAULT_WEIGHT: Record<PostEdgeType, number | null> = {
  LIKED: 1.0,
  REPOSTED: 1.0,
  HID: null,
};

/** Most post ids one recordImpressions call takes. */
export const MAX_IMPRESSIONS = 100;

/** Runs `query` on the viewer's `type` edge to a post they may see. */
async function changePostEdge(
  db: Database,
  query: 'mergePostEdge' | 'deletePostEdge',
  params: { viewerId: string; postId: string; type: PostEdgeType },
): Promise<void> {
  await db.writeTransaction(async (tx) => {
    await lockViewerForPosts(tx, params.viewerId, [params.postId]);
    await run(tx, query, { ...params, weight: DEFAULT_WEIGHT[params.type] });
  });
}

/** Likes, reposts or hides `postId` as the viewer (once). */
export function addPostEdge(db: Database, viewerId: string, postId: string, type: PostEdgeType) {
  return changePostEdge(db, 'mergePostEdge', { viewerId, postId, type });
}

/** Removes the viewer's like, repost or hide of `postId`, if any. */
export function removePostEdge(
  db: Database,
  viewerId: string,
  postId: string,
  type: PostEdgeType,
) {
  return changePostEdge(db, 'deletePostEdge', { viewerId, postId, type });
}

/**
 * Counts one impression of each distinct post in `postIds`. All must be
 * visible to the viewer, or nothing is written (NOT_FOUND). Returns how
 * many posts were recorded.
 */
export async function recordImpressions(
  db: Database,
  viewerId: string,
  postIds: readonly string[],
): Promise<number> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0 || ids.length > MAX_IMPRESSIONS) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `postIds must hold 1 to ${MAX_IMPRESSIONS} distinct ids, but got ${ids.length}.`,
    );
  }
  return db.writeTransaction(async (tx) => {
    await lockViewerForPosts(tx, viewerId, ids);
    const [row] = await run(tx, 'recordImpressions', { viewerId, postIds: ids });
    return Number(row?.recorded ?? 0);
  });
}
