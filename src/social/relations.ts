/**
 * Edges between the viewer and another user: follows, blocks and mutes.
 * Each call is one transaction; adding twice leaves one edge, removing
 * twice leaves none. A block also ends the follows between the two.
 */
import type { Database } from '../db/database.js';
import { ErrorCode, userError } from '../graphql/errors.js';
import { lockViewerAndUser, run } from './guards.js';

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

/**
 * Makes the viewer follow, block or mute `userId` (once). Following is
 * FORBIDDEN while either blocks the other.
 */
export async function addUserEdge(
  db: Database,
  viewerId: string,
  userId: string,
  type: UserEdgeType,
): Promise<void> {
  refuseSelf(viewerId, userId, type);
  await db.writeTransaction(async (tx) => {
    const pair = await lockViewerAndUser(tx, viewerId, userId);
    if (type === 'FOLLOWS' && pair.blocked) {
      throw userError(
        ErrorCode.FORBIDDEN,
        'You cannot follow this user: one of you blocks the other.',
      );
    }
    await run(tx, 'mergeUserEdge', { viewerId, userId, type });
    if (type === 'BLOCKS') {
      await run(tx, 'deleteFollowsBetween', { viewerId, userId });
    }
  });
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
