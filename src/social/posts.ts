/**
 * Writing and soft-deleting posts. A reply also records the author's
 * REPLIED engagement with the parent; a deleted post keeps its node and
 * edges but carries `deletedAt`, which every read filters on.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { ErrorCode, userError } from '../graphql/errors.js';
import { lockViewerForPosts, run } from './guards.js';
import { toPostRecord, type PostRecord } from './records.js';
import { checkTags, checkText, orThrow, TEXT_RULES } from './text.js';

/** What the viewer asks to post, as the API receives it. */
export interface NewPost {
  text: string;
  title?: string | null;
  tags?: readonly string[] | null;
  visibility?: 'PUBLIC' | 'FOLLOWERS' | null;
  replyTo?: string | null;
  /** A checked, unit-length embedding, or null for none. */
  embedding?: readonly number[] | null;
}

/**
 * Checks and writes a post by the viewer; returns it as written, read in
 * the same transaction, so a caller never has to read it back (a read that
 * could fail after the commit, telling the client to retry a post that
 * exists). A `replyTo` the viewer cannot see gives NOT_FOUND and writes
 * nothing.
 */
export async function createPost(
  db: Database,
  viewerId: string,
  input: NewPost,
): Promise<PostRecord> {
  const text = orThrow(checkText(input.text, TEXT_RULES.postText));
  const title = input.title == null ? null : orThrow(checkText(input.title, TEXT_RULES.title));
  const tags = orThrow(checkTags(input.tags ?? []));
  const replyToId = input.replyTo ?? null;
  const id = randomUUID();

  return db.writeTransaction(async (tx) => {
    await lockViewerForPosts(tx, viewerId, replyToId === null ? [] : [replyToId]);
    const [row] = await run(tx, 'createPost', {
      viewerId,
      id,
      text,
      title,
      tags,
      kind: replyToId === null ? 'post' : 'comment',
      visibility: input.visibility ?? 'PUBLIC',
      replyToId,
      embedding: input.embedding == null ? null : [...input.embedding],
    });
    return toPostRecord(row!.post as Record<string, unknown>);
  });
}

/**
 * Soft-deletes one of the viewer's posts. NOT_FOUND when the viewer cannot
 * see it (deleted already, or never there); FORBIDDEN when it is another's.
 */
export async function deletePost(db: Database, viewerId: string, postId: string): Promise<void> {
  await db.writeTransaction(async (tx) => {
    const [post] = await lockViewerForPosts(tx, viewerId, [postId]);
    if (!post?.authored) {
      throw userError(ErrorCode.FORBIDDEN, 'Only the author can delete a post.');
    }
    await run(tx, 'softDeletePost', { postId });
  });
}
