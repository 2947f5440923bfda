/**
 * The feed: candidates from every source, filtered, blended, re-ranked and
 * kept as a snapshot that later pages are cut from.
 */
import { blendCandidates } from './blend.js';
import { filterPosts, gatherCandidates, loadViewer } from './candidates.js';
import type { Engine } from './engine.js';
import { cachedForViewer } from './perViewer.js';
import { RecommendError } from './errors.js';
import { rerank } from './rerank.js';
import { randomFor } from './seed.js';
import {
  decodeCursor,
  encodeCursor,
  loadSnapshot,
  saveSnapshot,
  type FeedSnapshot,
} from './snapshot.js';
import type { FeedItem } from './types.js';

export interface FeedRequest {
  viewerId: string;
  /** Items wanted, 1..maxPageSize. */
  first: number;
  /** Cursor of the last item already shown; absent for the first page. */
  after?: string | null;
}

export interface FeedEdge {
  cursor: string;
  item: FeedItem;
}

export interface FeedPage {
  edges: FeedEdge[];
  snapshotId: string;
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * Returns a page of the viewer's feed. Without `after` a new ranked list is
 * built and saved (so a like just recorded shows in it); with `after` the
 * page continues the snapshot the cursor names.
 */
export async function recommendFeed(engine: Engine, request: FeedRequest): Promise<FeedPage> {
  checkPageSize(engine, request.first);
  let snapshot: FeedSnapshot;
  let offset = 0;
  if (request.after !== undefined && request.after !== null) {
    const cursor = decodeCursor(request.after);
    const cached = engine.feedCache.peek(request.viewerId);
    snapshot = cached?.id === cursor.snapshotId
      ? cached
      : await loadSnapshot(engine, request.viewerId, cursor.snapshotId);
    offset = cursor.offset;
  } else {
    snapshot = await firstPageSnapshot(engine, request.viewerId);
  }
  const slice = snapshot.items.slice(offset, offset + request.first);
  // A later page may hold posts hidden or authors muted since the snapshot.
  const dropped = offset > 0 ? await hiddenFromViewer(engine, request.viewerId, slice) : new Set();
  const all = slice.map((item, i) => ({
    cursor: encodeCursor({ snapshotId: snapshot.id, offset: offset + i + 1 }),
    item,
  }));
  const edges = all.filter((edge) => !dropped.has(edge.item.postId));
  return {
    edges,
    snapshotId: snapshot.id,
    // Past the whole slice, dropped items included, so the next page moves on.
    endCursor: all.at(-1)?.cursor ?? request.after ?? null,
    hasNextPage: offset + slice.length < snapshot.items.length,
  };
}

/**
 * The snapshot a first page is cut from: the cached one while the viewer
 * has done nothing since it was ranked (viewerCache.ts), else a new one.
 */
function firstPageSnapshot(engine: Engine, viewerId: string): Promise<FeedSnapshot> {
  return cachedForViewer(engine, engine.feedCache, viewerId, async () =>
    saveSnapshot(engine, viewerId, await rankFeed(engine, viewerId)));
}

/** The posts of `items` the viewer has hidden, or whose author they muted, since. */
async function hiddenFromViewer(
  engine: Engine,
  viewerId: string,
  items: readonly FeedItem[],
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = await engine.db.read<{ postId: string }>(
    'recommend/hiddenFromViewer',
    { viewerId, postIds: items.map((item) => item.postId) },
  );
  return new Set(rows.map((row) => row.postId));
}

/** Builds the viewer's whole ranked, explained feed (no snapshot). */
export async function rankFeed(engine: Engine, viewerId: string): Promise<FeedItem[]> {
  const viewer = await loadViewer(engine, viewerId);
  const bySource = await gatherCandidates(engine, viewer);
  const postIds = [...bySource.values()].flatMap((list) => list.map((c) => c.postId));
  const facts = await filterPosts(engine, viewerId, postIds);
  const followees = new Set(viewer.followees);
  const blended = blendCandidates(bySource, engine.config.blendWeights, new Set(facts.keys()));
  const items = rerank({
    blended,
    facts,
    followees,
    now: engine.clock(),
    random: randomFor(engine.config.feed.seed, viewerId, 'rerank'),
    size: engine.config.feed.snapshotSize,
  }, engine.config.rerank);
  return items.map((item) => withAuthorReason(item, followees));
}

/** Adds "followed author" when the author is followed and no source said so. */
function withAuthorReason(item: FeedItem, followees: ReadonlySet<string>): FeedItem {
  const followed = item.authorId !== null && followees.has(item.authorId);
  if (!followed || item.reasons.some((r) => r.kind === 'FOLLOWED_AUTHOR')) return item;
  const reason = { kind: 'FOLLOWED_AUTHOR' as const, authorId: item.authorId! };
  return { ...item, reasons: [reason, ...item.reasons] };
}

function checkPageSize(engine: Engine, first: number): void {
  const max = engine.config.feed.maxPageSize;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new RecommendError(
      'BAD_USER_INPUT',
      `first must be an integer from 1 to ${max}, but got: ${first}`,
    );
  }
}
