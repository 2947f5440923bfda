/**
 * Feed snapshots: the ranked list built for a viewer's first page, kept in
 * Neo4j as a (:FeedSnapshot) node so any API replica can serve later pages
 * from it; new posts and likes never shift a feed mid-scroll. Snapshots
 * expire after `snapshotTtlMs`; each new one deletes expired ones.
 *
 * Why Neo4j and not process memory: replicas behind a load balancer must
 * all read it, and Neo4j is the one store every replica already has.
 */
import { randomUUID } from 'node:crypto';
import { int } from '../db/database.js';
import type { Engine } from './engine.js';
import { RecommendError } from './errors.js';
import type { FeedItem } from './types.js';

export interface FeedSnapshot {
  id: string;
  viewerId: string;
  expiresAt: number;
  items: FeedItem[];
  /** Length of the items' JSON as stored (what the feed cache weighs). */
  bytes: number;
}

/** Position in a snapshot, as carried by an opaque cursor. */
export interface FeedCursor {
  snapshotId: string;
  /** Index of the next item to serve. */
  offset: number;
}

/** Saves the ranked items of `viewerId`; returns the new snapshot. */
export async function saveSnapshot(
  engine: Engine,
  viewerId: string,
  items: FeedItem[],
): Promise<FeedSnapshot> {
  const now = engine.clock();
  const json = JSON.stringify(items);
  const snapshot = {
    id: randomUUID(),
    viewerId,
    expiresAt: now + engine.config.feed.snapshotTtlMs,
    items,
    bytes: json.length,
  };
  await engine.db.write('recommend/createFeedSnapshot', {
    id: snapshot.id,
    viewerId,
    now: int(now),
    expiresAt: int(snapshot.expiresAt),
    size: int(items.length),
    items: json,
  });
  return snapshot;
}

/**
 * Reads the snapshot a cursor names, for `viewerId` only. BAD_USER_INPUT
 * when it is unknown, expired, or another viewer's.
 */
export async function loadSnapshot(
  engine: Engine,
  viewerId: string,
  snapshotId: string,
): Promise<FeedSnapshot> {
  const rows = await engine.db.read<{
    id: string;
    viewerId: string;
    expiresAt: number;
    items: string;
  }>('recommend/feedSnapshot', { id: snapshotId });
  const row = rows[0];
  if (row === undefined || row.viewerId !== viewerId || row.expiresAt < engine.clock()) {
    throw new RecommendError(
      'BAD_USER_INPUT',
      'The cursor names a feed that has expired or is not yours; ' +
        'ask for the first page again (no `after`).',
    );
  }
  return { ...row, items: JSON.parse(row.items) as FeedItem[], bytes: row.items.length };
}

/** Encodes a cursor as an opaque base64url string. */
export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(`${cursor.snapshotId}:${cursor.offset}`, 'utf8').toString('base64url');
}

/** Decodes a cursor; BAD_USER_INPUT when it is not one of ours. */
export function decodeCursor(text: string): FeedCursor {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^([0-9a-f-]{36}):(\d{1,6})$/.exec(decoded);
  if (match === null) {
    throw new RecommendError(
      'BAD_USER_INPUT',
      'after must be a cursor from a previous feed page, but got: ' +
        JSON.stringify(text.slice(0, 100)),
    );
  }
  return { snapshotId: match[1]!, offset: Number(match[2]) };
}
