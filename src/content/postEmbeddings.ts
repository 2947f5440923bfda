/**
 * Reading post content and writing post embeddings: fold-in of new posts,
 * vectors that arrive from outside, and the batched writes of training.
 *
 * What a post "says" is its title, text and tag names, in that order.
 * Embeddings are stored unit-normalised as float lists on `Post.embedding`
 * (the `post_embedding` cosine index); a post whose vector is zero gets no
 * embedding, and is found through engagement and tags instead.
 */
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import {
  checkEmbedding,
  ContentError,
  ContentErrorCode,
  unitNormalize,
  type Embedder,
} from './embedder.js';

/** The parts of a post the embedder reads. */
export interface PostContent {
  id: string;
  title?: string | null;
  text?: string | null;
  tags?: readonly string[] | null;
}

/** One embedding to store; null clears it. */
export interface EmbeddingRow {
  id: string;
  embedding: Float32Array | null;
}

/** What fold-in needs: the database and the current embedder. */
export interface ContentDeps {
  db: Database;
  embedder: Embedder;
  log?: Logger;
}

/** The text embedded for a post: title, text and tag names, one a line. */
export function composePostText(post: Omit<PostContent, 'id'>): string {
  const tags = (post.tags ?? []).join(' ');
  return [post.title ?? '', post.text ?? '', tags]
    .filter((part) => part.trim() !== '')
    .join('\n');
}

/**
 * Embeds posts with `embedder`; a post with nothing to embed gets null.
 * Use it to include the vector in the transaction that creates a post.
 */
export async function embedPosts(
  embedder: Embedder,
  posts: readonly PostContent[],
): Promise<EmbeddingRow[]> {
  const vectors = await embedder.embed(posts.map(composePostText));
  return posts.map((post, i) => ({ id: post.id, embedding: unitNormalize(vectors[i]!) }));
}

/** Writes embeddings (null removes one); returns how many posts matched. */
export async function writePostEmbeddings(
  db: Database,
  rows: readonly EmbeddingRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const [result] = await db.write<{ written: number }>('content/setPostEmbeddings', {
    rows: rows.map((row) => ({
      id: row.id,
      embedding: row.embedding ? Array.from(row.embedding) : null,
    })),
  });
  return result?.written ?? 0;
}

/**
 * Fold-in: embeds the posts `postIds` with the current model, without
 * refitting, and writes their embeddings in one follow-up transaction.
 * Call it after a post is created or edited. Returns how many posts got a
 * vector; a deleted or missing post is skipped, and a post with nothing to
 * embed has its embedding removed.
 */
export async function foldInPosts(deps: ContentDeps, postIds: readonly string[]): Promise<number> {
  const posts = await deps.db.read<PostContent & Record<string, unknown>>(
    'content/postContents', { ids: [...postIds] },
  );
  const rows = await embedPosts(deps.embedder, posts);
  await writePostEmbeddings(deps.db, rows);
  const embedded = rows.filter((row) => row.embedding !== null).length;
  deps.log?.debug({ posts: posts.length, embedded }, 'content fold-in');
  return embedded;
}

/**
 * Stores a vector that came with a post (an import, or a mutation from a
 * client with its own model). Returns false when the vector is zero (none
 * is stored). Throws ContentError EMBEDDING_DIMENSION_MISMATCH when it has
 * not `dimensions` numbers, INVALID_EMBEDDING for a non-finite entry, and
 * NOT_FOUND when no post has id `postId`.
 */
export async function setPostEmbedding(
  db: Database,
  postId: string,
  vector: ArrayLike<number>,
  dimensions: number,
): Promise<boolean> {
  const embedding = checkEmbedding(vector, dimensions);
  const written = await writePostEmbeddings(db, [{ id: postId, embedding }]);
  if (written === 0) {
    throw new ContentError(ContentErrorCode.NOT_FOUND, `No post has id ${JSON.stringify(postId)}.`);
  }
  return embedding !== null;
}
