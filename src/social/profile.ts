/** Changes to the viewer's own profile. */
import { Neo4jError } from 'neo4j-driver';
import type { Database } from '../db/database.js';
import { ErrorCode, userError } from '../graphql/errors.js';
import { run, viewerMissing } from './guards.js';
import { checkHandle, checkText, orThrow, TEXT_RULES } from './text.js';

/** Fields to change; undefined leaves a field as it is. */
export interface ProfileChanges {
  handle?: string | null;
  displayName?: string | null;
  /** Null or empty removes the bio. */
  bio?: string | null;
}

/** Checks the changes and returns them as properties to set (null removes). */
export function checkProfileChanges(input: ProfileChanges): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  if (input.handle != null) changes.handle = orThrow(checkHandle(input.handle));
  if (input.displayName != null) {
    changes.displayName = orThrow(checkText(input.displayName, TEXT_RULES.displayName));
  }
  if (input.bio !== undefined) {
    const bio = input.bio === null ? '' : orThrow(checkText(input.bio, TEXT_RULES.bio));
    changes.bio = bio === '' ? null : bio;
  }
  return changes;
}

/**
 * Applies profile changes to the viewer. A handle another user holds gives
 * CONFLICT (the database's uniqueness constraint decides).
 */
export async function updateProfile(
  db: Database,
  viewerId: string,
  input: ProfileChanges,
): Promise<void> {
  const changes = checkProfileChanges(input);
  try {
    await db.writeTransaction(async (tx) => {
      const rows = await run(tx, 'updateProfile', { viewerId, changes });
      if (rows.length === 0) {
        throw viewerMissing();
      }
    });
  } catch (error) {
    if (isConstraintViolation(error)) {
      throw userError(
        ErrorCode.CONFLICT,
        `The handle ${JSON.stringify(changes.handle)} is taken; choose another.`,
      );
    }
    throw error;
  }
}

/** True when Neo4j refused a write because of a uniqueness constraint. */
export function isConstraintViolation(error: unknown): boolean {
  return error instanceof Neo4jError &&
    error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}
