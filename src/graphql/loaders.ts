/**
 * The DataLoaders of one request. Each batches the keys asked for in one
 * tick into one query and answers in key order, so a list of N posts that
 * each want their author, counts or likers costs one query per field, not
 * N. Created per request: caches never outlive it, and every loader that
 * can yield a post applies the viewer's visibility.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { readPages, type PageKind, type PageNode, type PageRequest } from '../social/pages.js';
import {
  readPostCounts,
  readPostStates,
  readTags,
  readUserCounts,
  readUserRelations,
  readUsers,
  readUsersByHandle,
  readVisiblePosts,
  type PostCounts,
  type PostStates,
  type UserCounts,
  type UserRelations,
} from '../social/reads.js';
import type { Page, PostRecord, TagRecord, UserRecord } from '../social/records.js';

/** One nested page: whose list, and which page of it. */
export interface PageKey extends PageRequest {
  parentId: string;
}

type PageLoaders = { [K in PageKind]: DataLoader<PageKey, Page<PageNode<K>>, string> };

export interface Loaders {
  /** Users by id; null for unknown ids. */
  users: DataLoader<string, UserRecord | null>;
  /** Users by handle; null for unknown handles. */
  usersByHandle: DataLoader<string, UserRecord | null>;
  /** Posts by id the viewer may see; null for unknown or invisible ones. */
  posts: DataLoader<string, PostRecord | null>;
  /** Tags by name; null for unknown names. */
  tags: DataLoader<string, TagRecord | null>;
  userCounts: DataLoader<string, UserCounts>;
  postCounts: DataLoader<string, PostCounts>;
  /** The viewer's relations to users (all false when anonymous). */
  userRelations: DataLoader<string, UserRelations>;
  /** The viewer's likes and reposts (all false when anonymous). */
  postStates: DataLoader<string, PostStates>;
  /** Nested pages, by list kind. */
  pages: PageLoaders;
}

const NO_RELATIONS: UserRelations = {
  follows: false, followedBy: false, blocks: false, mutes: false,
};
const NO_STATES: PostStates = { liked: false, reposted: false };
const NO_COUNTS = { followers: 0, following: 0, likes: 0, reposts: 0, replies: 0 };

/** A loader over a function that reads a Map for many keys at once. */
function mapLoader<V>(
  read: (keys: readonly string[]) => Promise<Map<string, V>>,
  missing: V,
): DataLoader<string, V> {
  return new DataLoader(async (keys) => {
    const found = await read(keys);
    return keys.map((key) => found.get(key) ?? missing);
  });
}

/**
 * A loader of nested pages. Keys asking for the same page size and cursor
 * (the usual case: one field under every element of a list) share one
 * query; distinct arguments make one query each.
 */
function pageLoader<K extends PageKind>(
  db: Database,
  kind: K,
  viewerId: string | null,
): DataLoader<PageKey, Page<PageNode<K>>, string> {
  const argsOf = (key: PageKey) => JSON.stringify([key.first, key.after]);
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const key of keys) {
        const group = groups.get(argsOf(key)) ?? [];
        group.push(key);
        groups.set(argsOf(key), group);
      }
      const results = new Map<string, Page<PageNode<K>>>();
      await Promise.all([...groups.entries()].map(async ([args, group]) => {
        const ids = [...new Set(group.map((key) => key.parentId))];
        const pages = await readPages(db, kind, viewerId, ids, group[0]!);
        for (const [id, page] of pages) results.set(JSON.stringify([id, args]), page);
      }));
      return keys.map((key) => results.get(JSON.stringify([key.parentId, argsOf(key)]))!);
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, argsOf(key)]) },
  );
}

/** Creates the loaders of one request as seen by `viewerId` (null: anonymous). */
export function createLoaders(db: Database, viewerId: string | null): Loaders {
  const pageKinds: PageKind[] = [
    'userPosts', 'tagPosts', 'replies', 'followers', 'following', 'likers', 'postTags',
  ];
  const pages = Object.fromEntries(
    pageKinds.map((kind) => [kind, pageLoader(db, kind, viewerId)]),
  ) as PageLoaders;
  return {
    users: mapLoader((ids) => readUsers(db, ids), null),
    usersByHandle: mapLoader((handles) => readUsersByHandle(db, handles), null),
    posts: mapLoader((ids) => readVisiblePosts(db, viewerId, ids), null),
    tags: mapLoader((names) => readTags(db, names), null),
    userCounts: mapLoader((ids) => readUserCounts(db, ids), NO_COUNTS),
    postCounts: mapLoader((ids) => readPostCounts(db, viewerId, ids), NO_COUNTS),
    userRelations: viewerId === null
      ? mapLoader(async () => new Map(), NO_RELATIONS)
      : mapLoader((ids) => readUserRelations(db, viewerId, ids), NO_RELATIONS),
    postStates: viewerId === null
      ? mapLoader(async () => new Map(), NO_STATES)
      : mapLoader((ids) => readPostStates(db, viewerId, ids), NO_STATES),
    pages,
  };
}
