/**
 * Resolvers for reading the social graph: the root fields, users, posts and
 * tags. Every post comes from a loader or page query that applies the
 * viewer's visibility, so no nesting reaches a post the viewer may not see.
 */
import type DataLoader from 'dataloader';
import type { PostRecord, UserRecord } from '../../social/records.js';
import { cleanId } from '../../social/text.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, userError } from '../errors.js';
import type { PostKind, Resolvers } from '../generated/types.js';
import type { Loaders } from '../loaders.js';
import { readPageArgs } from '../pagination.js';
import { DateTime } from '../scalars.js';
import { loadPost, loadUser } from './found.js';

const TAG_PREFIX = 'tag:';
const POST_KINDS = new Set<PostKind>(['POST', 'QUESTION', 'ANSWER', 'COMMENT', 'ARTIST', 'MOVIE']);

type UserLoader = 'userCounts' | 'userRelations';
type PostLoader = 'postCounts' | 'postStates';
type Value<L extends keyof Loaders> = Loaders[L] extends DataLoader<string, infer V> ? V : never;

/** A User field read from one of the per-user loaders. */
function userField<L extends UserLoader, F extends keyof Value<L>>(loader: L, field: F) {
  return async (user: UserRecord, _args: unknown, context: GraphQLContext) => {
    const value = (await context.loaders[loader].load(user.id)) as Value<L>;
    return value[field];
  };
}

/** A Post field read from one of the per-post loaders. */
function postField<L extends PostLoader, F extends keyof Value<L>>(loader: L, field: F) {
  return async (post: PostRecord, _args: unknown, context: GraphQLContext) => {
    const value = (await context.loaders[loader].load(post.id)) as Value<L>;
    return value[field];
  };
}

export const socialResolvers: Resolvers = {
  DateTime,

  Query: {
    viewer: (_root, _args, context) =>
      context.viewer === null ? null : context.loaders.users.load(context.viewer.id),

    node: async (_root, args, context) => {
      const id = cleanId(args.id);
      if (id.startsWith(TAG_PREFIX)) {
        const tag = await context.loaders.tags.load(id.slice(TAG_PREFIX.length));
        if (tag !== null) return tag;
      } else {
        const [user, post] = await Promise.all([
          context.loaders.users.load(id),
          context.loaders.posts.load(id),
        ]);
        if (user !== null || post !== null) return user ?? post;
      }
      throw userError(ErrorCode.NOT_FOUND, `Nothing you can see has the id ${JSON.stringify(id)}.`);
    },

    user: async (_root, args, context) => {
      if ((args.id == null) === (args.handle == null)) {
        throw userError(
          ErrorCode.BAD_USER_INPUT,
          'user needs exactly one of id or handle, but got ' +
            (args.id == null ? 'neither.' : 'both.'),
        );
      }
      if (args.id != null) return loadUser(context, cleanId(args.id));
      const handle = cleanId(args.handle!, 'handle');
      const user = await context.loaders.usersByHandle.load(handle);
      if (user === null) {
        throw userError(ErrorCode.NOT_FOUND, `No user has the handle ${JSON.stringify(handle)}.`);
      }
      return user;
    },

    post: (_root, args, context) => loadPost(context, cleanId(args.id)),
  },

  User: {
    followerCount: userField('userCounts', 'followers'),
    followingCount: userField('userCounts', 'following'),
    posts: (user, args, context) =>
      context.loaders.pages.userPosts.load({ parentId: user.id, ...readPageArgs(args) }),
    followers: (user, args, context) =>
      context.loaders.pages.followers.load({ parentId: user.id, ...readPageArgs(args) }),
    following: (user, args, context) =>
      context.loaders.pages.following.load({ parentId: user.id, ...readPageArgs(args) }),
    viewerFollows: userField('userRelations', 'follows'),
    followsViewer: userField('userRelations', 'followedBy'),
    viewerBlocks: userField('userRelations', 'blocks'),
    viewerMutes: userField('userRelations', 'mutes'),
  },

  Post: {
    kind: (post) => {
      const kind = post.kind.toUpperCase() as PostKind;
      return POST_KINDS.has(kind) ? kind : 'POST';
    },
    author: (post, _args, context) =>
      post.authorId === null ? null : context.loaders.users.load(post.authorId),
    replyTo: (post, _args, context) =>
      post.replyToId === null ? null : context.loaders.posts.load(post.replyToId),
    tags: (post, args, context) =>
      context.loaders.pages.postTags.load({ parentId: post.id, ...readPageArgs(args) }),
    replies: (post, args, context) =>
      context.loaders.pages.replies.load({ parentId: post.id, ...readPageArgs(args) }),
    likers: (post, args, context) =>
      context.loaders.pages.likers.load({ parentId: post.id, ...readPageArgs(args) }),
    likeCount: postField('postCounts', 'likes'),
    repostCount: postField('postCounts', 'reposts'),
    replyCount: postField('postCounts', 'replies'),
    viewerHasLiked: postField('postStates', 'liked'),
    viewerHasReposted: postField('postStates', 'reposted'),
  },

  Tag: {
    id: (tag) => `${TAG_PREFIX}${tag.name}`,
    posts: (tag, args, context) =>
      context.loaders.pages.tagPosts.load({ parentId: tag.name, ...readPageArgs(args) }),
  },
};
