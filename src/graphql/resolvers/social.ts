/**
 * Resolvers for reading the social graph: the root fields, users, posts and
 * tags. Every post comes from a loader or page query that applies the
 * viewer's visibility, so no nesting reaches a post the viewer may not see.
 */
import type DataLoader from 'dataloader';
import type { PageKind } from '../../social/pages.js';
import { cleanId } from '../../social/text.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, userError } from '../errors.js';
import type { PostKind, Resolvers } from '../generated/types.js';
import type { Loaders } from '../loaders.js';
import { readPageArgs, type PageArgs } from '../pagination.js';
import { DateTime } from '../scalars.js';
import { loadPost, loadUser } from './found.js';

const TAG_PREFIX = 'tag:';
const POST_KINDS = new Set<PostKind>(['POST', 'QUESTION', 'ANSWER', 'COMMENT', 'ARTIST', 'MOVIE']);

type FieldLoader = 'userCounts' | 'userRelations' | 'postCounts' | 'postStates';
type Value<L extends FieldLoader> = Loaders[L] extends DataLoader<string, infer V> ? V : never;

/** A field read from one of the per-user or per-post loaders. */
function loaded<L extends FieldLoader, F extends keyof Value<L>>(loader: L, field: F) {
  return async (parent: { id: string }, _args: unknown, context: GraphQLContext) => {
    const value = (await context.loaders[loader].load(parent.id)) as Value<L>;
    return value[field];
  };
}

/** A connection field: one page of `kind` under the parent (by id or name). */
function paged<K extends PageKind>(kind: K) {
  return (parent: { id: string } | { name: string }, args: PageArgs, context: GraphQLContext) => {
    const parentId = 'id' in parent ? parent.id : parent.name;
    return context.loaders.pages[kind].load({ parentId, ...readPageArgs(args) });
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
    followerCount: loaded('userCounts', 'followers'),
    followingCount: loaded('userCounts', 'following'),
    posts: paged('userPosts'),
    followers: paged('followers'),
    following: paged('following'),
    viewerFollows: loaded('userRelations', 'follows'),
    followsViewer: loaded('userRelations', 'followedBy'),
    viewerBlocks: loaded('userRelations', 'blocks'),
    viewerMutes: loaded('userRelations', 'mutes'),
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
    tags: paged('postTags'),
    replies: paged('replies'),
    likers: paged('likers'),
    likeCount: loaded('postCounts', 'likes'),
    repostCount: loaded('postCounts', 'reposts'),
    replyCount: loaded('postCounts', 'replies'),
    viewerHasLiked: loaded('postStates', 'liked'),
    viewerHasReposted: loaded('postStates', 'reposted'),
  },

  Tag: {
    id: (tag) => `${TAG_PREFIX}${tag.name}`,
    posts: paged('tagPosts'),
  },
};
