/**
 * The viewer's engagement with posts: likes, reposts, hides and
 * impressions. Only posts the viewer may see can be engaged with; each
 * call is one transaction; liking twice is one like, unliking twice none.
 * Likes, reposts and hides made at the same moment share a transaction
 * (group commit, `writeBatcher.ts`); each still gets its own answer.
 */
import type { Database } from '../db/database.js';
import { ErrorCode, userError } from '../graphql/errors.js';
import { lockViewerForPosts, postsNotFound, run, viewerMissing } from './guards.js';
import { toPostRecord, type PostRecord } from './records.js';
import { batcherFor, type Outcome } from './writeBatcher.js';

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

/** One edge of a batch: the viewer and the post. */
interface PostEdgeItem {
  viewerId: string;
  postId: string;
}

/**
 * Writes a batch of `type` edges in one transaction: locks the viewers,
 * checks each item as `lockViewerForPosts` does, merges those that pass.
 * Each passed item's outcome is its post as the viewer sees it.
 */
async function addPostEdges(
  db: Database,
  type: PostEdgeType,
  items: readonly PostEdgeItem[],
): Promise<Array<Outcome<PostRecord | null>>> {
  const viewerIds = [...new Set(items.map((item) => item.viewerId))].sort();
  return db.writeTransaction(async (tx) => {
    const rows = await run(tx, 'checkPostEdgeBatch', { viewerIds, items });
    const outcomes = rows.map((row, index): Outcome<PostRecord | null> => {
      if (row.viewerExists !== true) return { ok: false, error: viewerMissing() };
      if (row.visible !== true) return { ok: false, error: postsNotFound([items[index]!.postId]) };
      return { ok: true, value: toPostRecord(row.post as Record<string, unknown>) };
    });
    const passed = items.filter((_item, index) => outcomes[index]?.ok)
      .sort((a, b) => compare(a.postId, b.postId));
    if (passed.length > 0) {
      await run(tx, 'mergePostEdgeBatch', { items: passed, type, weight: DEFAULT_WEIGHT[type] });
    }
    return outcomes;
  });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Likes, reposts or hides `postId` as the viewer (once). Resolves once the
 * edge is committed, in a transaction shared with other edges of this
 * type made at the same moment, with the post as the viewer saw it then
 * (null when the edge had to be written alone).
 */
export function addPostEdge(
  db: Database,
  viewerId: string,
  postId: string,
  type: PostEdgeType,
): Promise<PostRecord | null> {
  const batcher = batcherFor(db, `post:${type}`, () => ({
    writeBatch: (items: readonly PostEdgeItem[]) => addPostEdges(db, type, items),
    writeOne: async (item: PostEdgeItem) => {
      await changePostEdge(db, 'mergePostEdge', { ...item, type });
      return null;
    },
    keyOf: (item: PostEdgeItem) => JSON.stringify([item.viewerId, item.postId]),
  }));
  return batcher.submit({ viewerId, postId });
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
