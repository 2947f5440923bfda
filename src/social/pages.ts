/**
 * Pages of nested lists (a user's posts, followers, a post's likers...),
 * read for many parents in one query. Each query orders by a key and an id
 * and continues after a cursor (keyset pagination), so a page costs the
 * same wherever it starts.
 */
import { int, type Database } from '../db/database.js';
import { encodeCursor, type Cursor } from './cursor.js';
import {
  toPostRecord,
  toTagRecord,
  toUserRecord,
  type Page,
} from './records.js';
import { socialQuery } from './socialQuery.js';

type Row = Record<string, unknown>;

/** The page queries, each with how its nodes are built. */
export const PAGE_QUERIES = {
  userPosts: { query: 'userPostsPage', build: toPostRecord },
  tagPosts: { query: 'tagPostsPage', build: toPostRecord },
  replies: { query: 'repliesPage', build: toPostRecord },
  followers: { query: 'followersPage', build: toUserRecord },
  following: { query: 'followingPage', build: toUserRecord },
  likers: { query: 'likersPage', build: toUserRecord },
  postTags: { query: 'postTagsPage', build: toTagRecord },
};

export type PageKind = keyof typeof PAGE_QUERIES;
/** The record type a page of `K` holds. */
export type PageNode<K extends PageKind> = ReturnType<(typeof PAGE_QUERIES)[K]['build']>;

/** Which page: its size (1 to 100) and the cursor it starts after. */
export interface PageRequest {
  first: number;
  after: Cursor | null;
}

interface Item {
  key: number;
  id: string;
  since: number | null;
  node: Row;
}

/**
 * Reads one page of `kind` for every parent id in one query, as seen by
 * `viewerId` (null: anonymous). Every parent id gets a page, empty if the
 * parent has nothing or does not exist.
 */
export async function readPages<K extends PageKind>(
  db: Database,
  kind: K,
  viewerId: string | null,
  parentIds: readonly string[],
  request: PageRequest,
): Promise<Map<string, Page<PageNode<K>>>> {
  const { query, build } = PAGE_QUERIES[kind];
  const rows = await db.readText<{ parentId: string; items: Item[] }>(socialQuery(query), {
    ids: parentIds,
    viewerId,
    limit: int(request.first + 1),
    afterKey: request.after ? int(request.after.key) : null,
    afterId: request.after?.id ?? null,
  });
  const pages = new Map<string, Page<PageNode<K>>>();
  for (const row of rows) {
    pages.set(row.parentId, toPage(row.items, request, (node) => build(node) as PageNode<K>));
  }
  for (const id of parentIds) {
    if (!pages.has(id)) pages.set(id, toPage([], request, () => undefined as never));
  }
  return pages;
}

function toPage<T>(items: Item[], request: PageRequest, build: (row: Row) => T): Page<T> {
  const edges = items.slice(0, request.first).map((item) => ({
    cursor: encodeCursor({ key: item.key, id: item.id }),
    node: build(item.node),
    since: typeof item.since === 'number' ? item.since : null,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > request.first,
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
