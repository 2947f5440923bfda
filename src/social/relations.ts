/**
 * Edges between the viewer and another user: follows, blocks and mutes.
 * Each call is one transaction; adding twice leaves one edge, removing
 * twice leaves none. A block also ends the follows between the two.
 * Follows and mutes made at the same moment share a transaction (group
 * commit, `writeBatcher.ts`); each still gets its own answer.
 */
import type { Database } from '../db/database.js';
import { ErrorCode, userError } from '../graphql/errors.js';
import { lockViewerAndUser, run, userNotFound, viewerMissing } from './guards.js';
import { toUserRecord, type UserRecord } from './records.js';
import { batcherFor, type Outcome } from './writeBatcher.js';

export type UserEdgeType = 'FOLLOWS' | 'BLOCKS' | 'MUTES';

const VERB: Record<UserEdgeType, string> = {
  FOLLOWS: 'follow',
  BLOCKS: 'block',
  MUTES: 'mute',
};

function refuseSelf(viewerId: string, userId: string, type: UserEdgeType): void {
  if (viewerId === userId) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `You cannot ${VERB[type]} yourself: userId must be another user's id.`,
    );
  }
}

function followForbidden(): Error {
  return userError(
    ErrorCode.FORBIDDEN,
    'You cannot follow this user: one of you blocks the other.',
  );
}

/** One edge of a batch: the viewer and the other user. */
interface UserEdgeItem {
  viewerId: string;
  userId: string;
}

/** Adds one edge in a transaction of its own. */
async function addUserEdgeAlone(
  db: Database,
  { viewerId, userId }: UserEdgeItem,
  type: UserEdgeType,
): Promise<void> {
  await db.writeTransaction(async (tx) => {
    const pair = await lockViewerAndUser(tx, viewerId, userId);
    if (type === 'FOLLOWS' && pair.blocked) throw followForbidden();
    await run(tx, 'mergeUserEdge', { viewerId, userId, type });
    if (type === 'BLOCKS') {
      await run(tx, 'deleteFollowsBetween', { viewerId, userId });
    }
  });
}

/**
 * Writes a batch of follows or mutes in one transaction: locks every user
 * in it, checks each item as `lockViewerAndUser` does, merges those that
 * pass. Each passed item's outcome is the other user.
 */
async function addUserEdges(
  db: Database,
  type: 'FOLLOWS' | 'MUTES',
  items: readonly UserEdgeItem[],
): Promise<Array<Outcome<UserRecord | null>>> {
  const userIds = [...new Set(items.flatMap((item) => [item.viewerId, item.userId]))].sort();
  return db.writeTransaction(async (tx) => {
    const rows = await run(tx, 'checkUserEdgeBatch', { userIds, items });
    const outcomes = rows.map((row, index): Outcome<UserRecord | null> => {
      if (row.viewerExists !== true) return { ok: false, error: viewerMissing() };
      if (row.userExists !== true) return { ok: false, error: userNotFound(items[index]!.userId) };
      if (type === 'FOLLOWS' && row.blocked === true) {
        return { ok: false, error: followForbidden() };
      }
      return { ok: true, value: toUserRecord(row.user as Record<string, unknown>) };
    });
    const passed = items.filter((_item, index) => outcomes[index]?.ok);
    if (passed.length > 0) await run(tx, 'mergeUserEdgeBatch', { items: passed, type });
    return outcomes;
  });
}

/**
 * Makes the viewer follow, block or mute `userId` (once). Following is
 * FORBIDDEN while either blocks the other. Follows and mutes resolve once
 * committed, in a transaction shared with others of their type made at the
 * same moment, with the user as seen then; a block (which also ends
 * follows) has its own transaction. Null when no user record came back.
 */
export async function addUserEdge(
  db: Database,
  viewerId: string,
  userId: string,
  type: UserEdgeType,
): Promise<UserRecord | null> {
  refuseSelf(viewerId, userId, type);
  if (type === 'BLOCKS') {
    await addUserEdgeAlone(db, { viewerId, userId }, type);
    return null;
  }
  const batcher = batcherFor(db, `user:${type}`, () => ({
    writeBatch: (items: readonly UserEdgeItem[]) => addUserEdges(db, type, items),
    writeOne: async (item: UserEdgeItem) => {
      await addUserEdgeAlone(db, item, type);
      return null;
    },
    keyOf: (item: UserEdgeItem) => JSON.stringify([item.viewerId, item.userId]),
  }));
  return batcher.submit({ viewerId, userId });
}

/** Removes the viewer's follow, block or mute of `userId`, if any. */
export async function removeUserEdge(
  db: Database,
  viewerId: string,
  userId: string,
  type: UserEdgeType,
): Promise<void> {
  refuseSelf(viewerId, userId, type);
  await db.writeTransaction(async (tx) => {
    await lockViewerAndUser(tx, viewerId, userId);
    await run(tx, 'deleteUserEdge', { viewerId, userId, type });
  });
}
