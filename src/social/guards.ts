/**
 * The first statement of every social write: it write-locks the viewer's
 * node (and the other user's, for user-to-user edges) for the rest of the
 * transaction, then reports what the write must check. Holding the lock
 * makes a later MERGE see any edge a concurrent transaction made first, so
 * "one edge per pair" holds in the database, not only in code.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { ErrorCode, userError } from '../graphql/errors.js';
import { socialQuery } from './socialQuery.js';

type Row = Record<string, unknown>;

/** Runs a social query inside a transaction and returns plain rows. */
export async function run(
  tx: ManagedTransaction,
  name: string,
  params: Row,
): Promise<Row[]> {
  const result = await tx.run(socialQuery(name), params);
  return result.records.map((record) => record.toObject() as Row);
}

/** The error for a valid token whose user does not exist (any more). */
export function viewerMissing(): Error {
  return userError(
    ErrorCode.UNAUTHENTICATED,
    'The token names a user that does not exist; sign in again.',
  );
}

/** The error for a user id that names no user. */
export function userNotFound(userId: string): Error {
  return userError(ErrorCode.NOT_FOUND, `No user has the id ${JSON.stringify(userId)}.`);
}

/** The error for post ids the viewer cannot see (unknown, hidden or deleted). */
export function postsNotFound(ids: readonly string[]): Error {
  const shown = ids.slice(0, 5).map((id) => JSON.stringify(id)).join(', ');
  return userError(
    ErrorCode.NOT_FOUND,
    `No post you can see has the id ${shown}${ids.length > 5 ? ', ...' : ''}.`,
    { ids: [...ids] },
  );
}

/** Why a viewer may not act on another user: blocked either way, or not. */
export interface PairState {
  blocked: boolean;
}

/**
 * Locks the viewer and `userId`. Throws UNAUTHENTICATED when the viewer
 * does not exist and NOT_FOUND when the user does not.
 */
export async function lockViewerAndUser(
  tx: ManagedTransaction,
  viewerId: string,
  userId: string,
): Promise<PairState> {
  const [row] = await run(tx, 'lockViewerAndUser', { viewerId, userId });
  if (!row) throw viewerMissing();
  if (row.userExists !== true) throw userNotFound(userId);
  return { blocked: row.blocked === true };
}

/** What the viewer may do with one post. */
export interface PostAccess {
  id: string;
  /** The viewer may see it (so may engage with it). */
  visible: boolean;
  /** The viewer wrote it. */
  authored: boolean;
}

/**
 * Locks the viewer and checks the posts. Throws UNAUTHENTICATED when the
 * viewer does not exist and NOT_FOUND (naming the ids in
 * `extensions.ids`) when any post is unknown or not visible to the viewer.
 */
export async function lockViewerForPosts(
  tx: ManagedTransaction,
  viewerId: string,
  postIds: readonly string[],
): Promise<PostAccess[]> {
  const [row] = await run(tx, 'lockViewerForPosts', { viewerId, postIds });
  if (!row) throw viewerMissing();
  const posts = row.posts as PostAccess[];
  const missing = posts.filter((post) => !post.visible).map((post) => post.id);
  if (missing.length > 0) throw postsNotFound(missing);
  return posts;
}
