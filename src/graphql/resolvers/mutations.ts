/**
 * Mutations: each acts as the viewer, runs one transaction in src/social,
 * then refreshes the request's loaders so the fields it returns show what
 * it wrote.
 */
import {
  addPostEdge,
  recordImpressions,
  removePostEdge,
  type PostEdgeType,
} from '../../social/engagement.js';
import { checkEmbedding, ContentError } from '../../content/embedder.js';
import { foldInPosts } from '../../content/postEmbeddings.js';
import { createPost, deletePost } from '../../social/posts.js';
import { updateProfile } from '../../social/profile.js';
import { addUserEdge, removeUserEdge, type UserEdgeType } from '../../social/relations.js';
import { cleanId } from '../../social/text.js';
import type { Database } from '../../db/database.js';
import type { PostRecord, UserRecord } from '../../social/records.js';
import { requireViewer } from '../auth.js';
import { ErrorCode, userError } from '../errors.js';
import { refreshLoaders, type GraphQLContext } from '../context.js';
import type { MutationResolvers } from '../generated/types.js';
import { loadPost, loadUser } from './found.js';

/**
 * Folds a new post into the content model so similar posts and the content
 * source find it at once. The post is already committed: a missing model
 * (before the first `npm run train`) or a failing provider is logged, and
 * the post simply has no embedding until the next training run.
 */
async function embedNewPost(context: GraphQLContext, postId: string): Promise<void> {
  const { db, embedder, log } = context.services;
  try {
    await foldInPosts({ db, embedder, log }, [postId]);
  } catch (error) {
    const notTrained = error instanceof ContentError && error.code === 'MODEL_NOT_TRAINED';
    log[notTrained ? 'debug' : 'warn']({ postId, err: error }, 'post not embedded');
  }
}

/**
 * Checks a vector that came with a new post: EMBEDDING_DIMENSIONS finite
 * numbers with a direction; returns it unit-length, or null when none came.
 * A vector that cannot be made unit-length (all zeros, or a length that
 * overflows or underflows) is refused, not replaced by the content model's.
 */
function readEmbedding(
  vector: readonly number[] | null | undefined,
  context: GraphQLContext,
): number[] | null {
  if (vector == null) return null;
  try {
    const checked = checkEmbedding(vector, context.services.config.EMBEDDING_DIMENSIONS);
    if (checked === null) {
      throw userError(ErrorCode.BAD_USER_INPUT,
        'embedding has no usable direction (all zeros, or a length too large or too small ' +
          'to scale to 1); leave it out to have Grapevine embed the post.',
        { argument: 'embedding', reason: 'NO_DIRECTION' });
    }
    return [...checked];
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    throw userError(ErrorCode.BAD_USER_INPUT, error.message, {
      argument: 'embedding', reason: error.code,
    });
  }
}

type Change<T> = (
  db: Database,
  viewerId: string,
  targetId: string,
  type: T,
) => Promise<PostRecord | UserRecord | null | void>;

/** Hands a record read inside the write's own transaction to the loaders. */
function primeLoaders(context: GraphQLContext, record: PostRecord | UserRecord): void {
  if (record.__typename === 'Post') context.loaders.posts.prime(record.id, record);
  else context.loaders.users.prime(record.id, record);
}

/**
 * A mutation on one edge from the viewer to the target named by `argument`;
 * returns the target, loaded afresh (or as the write's transaction saw it,
 * which saves a read).
 */
function edgeMutation<T, A extends string, R>(
  argument: A,
  change: Change<T>,
  type: T,
  load: (context: GraphQLContext, id: string) => Promise<R>,
) {
  return async (_root: unknown, args: Record<A, string>, context: GraphQLContext) => {
    const viewer = requireViewer(context);
    const targetId = cleanId(args[argument], argument);
    const seen = await change(context.services.db, viewer.id, targetId, type);
    refreshLoaders(context);
    if (seen) primeLoaders(context, seen);
    return load(context, targetId);
  };
}

const userEdge = (type: UserEdgeType, remove: boolean) =>
  edgeMutation('userId', remove ? removeUserEdge : addUserEdge, type, loadUser);
const postEdge = (type: PostEdgeType, remove: boolean) =>
  edgeMutation('postId', remove ? removePostEdge : addPostEdge, type, loadPost);

export const mutationResolvers: { Mutation: MutationResolvers } = {
  Mutation: {
    createPost: async (_root, { input }, context) => {
      const viewer = requireViewer(context);
      const embedding = readEmbedding(input.embedding, context);
      const post = await createPost(context.services.db, viewer.id, {
        ...input,
        replyTo: input.replyTo == null ? null : cleanId(input.replyTo, 'replyTo'),
        embedding,
      });
      // Committed: from here on nothing may turn the answer into an error.
      if (embedding === null) await embedNewPost(context, post.id);
      refreshLoaders(context);
      return post;
    },
    deletePost: async (_root, args, context) => {
      const viewer = requireViewer(context);
      const id = cleanId(args.id);
      await deletePost(context.services.db, viewer.id, id);
      refreshLoaders(context);
      return { deletedPostId: id };
    },
    follow: userEdge('FOLLOWS', false),
    unfollow: userEdge('FOLLOWS', true),
    block: userEdge('BLOCKS', false),
    unblock: userEdge('BLOCKS', true),
    mute: userEdge('MUTES', false),
    unmute: userEdge('MUTES', true),
    like: postEdge('LIKED', false),
    unlike: postEdge('LIKED', true),
    repost: postEdge('REPOSTED', false),
    unrepost: postEdge('REPOSTED', true),
    hidePost: postEdge('HID', false),
    recordImpressions: async (_root, args, context) => {
      const viewer = requireViewer(context);
      const ids = args.postIds.map((id) => cleanId(id, 'postIds'));
      const recorded = await recordImpressions(context.services.db, viewer.id, ids);
      refreshLoaders(context);
      return { recorded };
    },
    updateProfile: async (_root, { input }, context) => {
      const viewer = requireViewer(context);
      await updateProfile(context.services.db, viewer.id, input);
      refreshLoaders(context);
      return loadUser(context, viewer.id);
    },
  },
};
