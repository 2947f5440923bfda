/**
 * Batched reads of users, posts, tags, counts and the viewer's relations to
 * them. Each function runs one query for all the ids it is given and
 * returns a Map by id; ids with no row are simply absent.
 */
import type { Database } from '../db/database.js';
import {
  toPostRecord,
  toUserRecord,
  type PostRecord,
  type TagRecord,
  type UserRecord,
} from './records.js';
import { socialQuery } from './socialQuery.js';

type Row = Record<string, unknown>;

/** Follower and following counts of a user. */
export interface UserCounts {
  followers: number;
  following: number;
}

/** Like, repost and (visible) reply counts of a post. */
export interface PostCounts {
  likes: number;
  reposts: number;
  replies: number;
}

/** How the viewer relates to a user. */
export interface UserRelations {
  follows: boolean;
  followedBy: boolean;
  blocks: boolean;
  mutes: boolean;
}

/** How the viewer engaged with a post. */
export interface PostStates {
  liked: boolean;
  reposted: boolean;
}

async function readMap<T>(
  db: Database,
  query: string,
  params: Row,
  key: string,
  build: (row: Row) => T,
): Promise<Map<string, T>> {
  const rows = await db.readText<Row>(socialQuery(query), params);
  return new Map(rows.map((row) => [String(row[key]), build(row)]));
}

/** Users by id. */
export function readUsers(db: Database, ids: readonly string[]) {
  return readMap<UserRecord>(db, 'usersByIds', { ids }, 'id',
    (row) => toUserRecord(row.user as Row));
}

/** Users by handle. */
export function readUsersByHandle(db: Database, handles: readonly string[]) {
  return readMap<UserRecord>(db, 'usersByHandles', { handles }, 'handle',
    (row) => toUserRecord(row.user as Row));
}

/** Posts by id that `viewerId` (null: anonymous) may see. */
export function readVisiblePosts(
  db: Database,
  viewerId: string | null,
  ids: readonly string[],
) {
  return readMap<PostRecord>(db, 'visiblePostsByIds', { ids, viewerId }, 'id',
    (row) => toPostRecord(row.post as Row));
}

/** Tags by name. */
export function readTags(db: Database, names: readonly string[]) {
  return readMap<TagRecord>(db, 'tagsByNames', { names }, 'name',
    (row) => ({ __typename: 'Tag', name: String(row.name) }));
}

/** Follower and following counts by user id. */
export function readUserCounts(db: Database, ids: readonly string[]) {
  return readMap<UserCounts>(db, 'userCounts', { ids }, 'id', (row) => ({
    followers: Number(row.followers),
    following: Number(row.following),
  }));
}

/** Like, repost and visible-reply counts by post id. */
export function readPostCounts(
  db: Database,
  viewerId: string | null,
  ids: readonly string[],
) {
  return readMap<PostCounts>(db, 'postCounts', { ids, viewerId }, 'id', (row) => ({
    likes: Number(row.likes),
    reposts: Number(row.reposts),
    replies: Number(row.replies),
  }));
}

/** The viewer's relations to users, by user id. */
export function readUserRelations(db: Database, viewerId: string, ids: readonly string[]) {
  return readMap<UserRelations>(db, 'viewerUserRelations', { ids, viewerId }, 'id',
    (row) => ({
      follows: row.follows === true,
      followedBy: row.followedBy === true,
      blocks: row.blocks === true,
      mutes: row.mutes === true,
    }));
}

/** The viewer's likes and reposts, by post id. */
export function readPostStates(db: Database, viewerId: string, ids: readonly string[]) {
  return readMap<PostStates>(db, 'viewerPostStates', { ids, viewerId }, 'id', (row) => ({
    liked: row.liked === true,
    reposted: row.reposted === true,
  }));
}
