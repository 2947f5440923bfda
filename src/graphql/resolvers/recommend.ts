/**
 * Resolvers for recommendations: the feed, similar posts, who to follow,
 * explanations and communities. They call the engine (src/recommend), which
 * knows nothing of GraphQL, and turn ids into records through the request's
 * loaders, which apply the viewer's visibility: a post that became
 * invisible since a feed snapshot was taken is left out of its page.
 */
import { ContentError } from '../../content/embedder.js';
import {
  communityTopUsers,
  explainRecommendation,
  listCommunities,
  userCommunity,
} from '../../recommend/analytics.js';
import { RecommendError } from '../../recommend/errors.js';
import { recommendFeed } from '../../recommend/feed.js';
import {
  encodeCursor,
  findSimilarPosts,
  type SimilarPost,
} from '../../recommend/similarPosts.js';
import { similarPostsWalk } from '../../recommend/similarWalk.js';
import { describeReason, type Reason, type ScoreShare } from '../../recommend/types.js';
import {
  describeFollowReason,
  suggestUsersToFollow,
  type FollowReason,
} from '../../recommend/whoToFollow.js';
import type { PostRecord, UserRecord } from '../../social/records.js';
import { cleanId } from '../../social/text.js';
import { requireViewer } from '../auth.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, userError } from '../errors.js';
import type { Resolvers } from '../generated/types.js';
import { readPageArgs } from '../pagination.js';
import { loadUser } from './found.js';

/** A feed item whose post the viewer can still see. */
export interface FeedEdgeRecord {
  cursor: string;
  node: PostRecord;
  score: number;
  reasons: Reason[];
  breakdown: ScoreShare[];
}

export interface SimilarPostEdgeRecord extends Omit<SimilarPost, 'postId'> {
  cursor: string;
  node: PostRecord;
}

export interface FollowSuggestionRecord {
  user: UserRecord;
  score: number;
  reasons: FollowReason[];
  breakdown: ScoreShare[];
}

export interface InfluentialUserRecord {
  userId: string;
  pageRank: number;
}

/** Most users named by one reason. */
const REASON_USERS = 5;

/** Passes the engine's caller mistakes on as coded GraphQL errors. */
async function fromEngine<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RecommendError && error.code === 'OVERLOADED') {
      // 503 with Retry-After, so clients and load balancers back off.
      throw userError(ErrorCode.OVERLOADED, error.message, {
        http: { status: 503, headers: new Map([['retry-after', '1']]) },
      });
    }
    if (error instanceof RecommendError) throw userError(ErrorCode[error.code], error.message);
    if (error instanceof ContentError && error.code in ErrorCode) {
      throw userError(error.code as ErrorCode, error.message);
    }
    throw error;
  }
}

/** Checks `first` like every list of the API (1 to 100). */
function pageSize(first: number | null | undefined): number {
  return readPageArgs({ first }).first;
}

async function visibleUsers(context: GraphQLContext, ids: readonly string[]) {
  const users = await context.loaders.users.loadMany(ids.slice(0, REASON_USERS));
  return users.filter((user): user is UserRecord => user !== null && !(user instanceof Error));
}

function pageInfo(hasNextPage: boolean, endCursor: string | null, after: unknown) {
  return {
    hasNextPage,
    hasPreviousPage: after != null,
    startCursor: null,
    endCursor,
  };
}

export const recommendResolvers: Resolvers = {
  Query: {
    feed: async (_root, args, context) => {
      const viewer = requireViewer(context);
      const first = pageSize(args.first);
      const page = await fromEngine(() =>
        recommendFeed(context.services.engine, { viewerId: viewer.id, first, after: args.after }),
      );
      const posts = await context.loaders.posts.loadMany(page.edges.map((e) => e.item.postId));
      const edges: FeedEdgeRecord[] = [];
      page.edges.forEach((edge, i) => {
        const node = posts[i];
        if (node == null || node instanceof Error) return;
        const { score, reasons, breakdown } = edge.item;
        edges.push({ cursor: edge.cursor, node, score, reasons, breakdown });
      });
      return { edges, pageInfo: pageInfo(page.hasNextPage, page.endCursor, args.after) };
    },

    similarPosts: async (_root, args, context) => {
      const postId = cleanId(args.postId, 'postId');
      const first = pageSize(args.first);
      const page = await fromEngine(() =>
        findSimilarPosts(
          {
            db: context.services.db,
            log: context.services.log,
            walk: similarPostsWalk(context.services.engine),
          },
          { postId, viewerId: context.viewer?.id ?? null, first, after: args.after },
        ),
      );
      const posts = await context.loaders.posts.loadMany(page.items.map((item) => item.postId));
      const edges: SimilarPostEdgeRecord[] = [];
      page.items.forEach((item, i) => {
        const node = posts[i];
        if (node == null || node instanceof Error) return;
        const { postId: _id, ...rest } = item;
        edges.push({ ...rest, node, cursor: encodeCursor(item) });
      });
      return { edges, pageInfo: pageInfo(page.hasNextPage, page.endCursor, args.after) };
    },

    whoToFollow: async (_root, args, context) => {
      const viewer = requireViewer(context);
      const first = pageSize(args.first);
      const suggestions = await fromEngine(() =>
        suggestUsersToFollow(context.services.engine, { viewerId: viewer.id, first }),
      );
      const users = await context.loaders.users.loadMany(suggestions.map((s) => s.userId));
      return suggestions.flatMap((s, i): FollowSuggestionRecord[] => {
        const user = users[i];
        if (user == null || user instanceof Error) return [];
        return [{ user, score: s.score, reasons: s.reasons, breakdown: s.breakdown }];
      });
    },

    explainRecommendation: async (_root, args, context) => {
      const viewer = requireViewer(context);
      const postId = cleanId(args.postId, 'postId');
      return fromEngine(() =>
        explainRecommendation(context.services.engine, { viewerId: viewer.id, postId }),
      );
    },

    communities: async (_root, args, context) => {
      const first = pageSize(args.first);
      const minSize = args.minSize ?? 2;
      if (!Number.isInteger(minSize) || minSize < 1) {
        throw userError(ErrorCode.BAD_USER_INPUT,
          `minSize must be a whole number of at least 1, but got ${minSize}.`,
          { argument: 'minSize' });
      }
      return fromEngine(() => listCommunities(context.services.engine, { first, minSize }));
    },
  },

  User: {
    community: async (user, _args, context) => {
      try {
        return await userCommunity(context.services.engine, { userId: user.id });
      } catch (error) {
        if (error instanceof RecommendError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
  },

  Community: {
    topUsers: (community, args, context) =>
      communityTopUsers(context.services.engine, {
        communityId: community.id,
        first: pageSize(args.first),
      }),
  },

  InfluentialUser: {
    user: (parent, _args, context) => loadUser(context, parent.userId),
  },

  RecommendationReason: {
    text: (reason) => describeReason(reason),
    count: (reason) => ('count' in reason ? reason.count : null),
    users: (reason, _args, context) => {
      if (reason.kind === 'FOLLOWED_AUTHOR') return visibleUsers(context, [reason.authorId]);
      if ('userIds' in reason) return visibleUsers(context, reason.userIds);
      return [];
    },
    post: (reason, _args, context) =>
      reason.kind === 'SIMILAR_TO_ENGAGED' ? context.loaders.posts.load(reason.postId) : null,
    tag: (reason) => (reason.kind === 'TRENDING' ? reason.tag : null),
  },

  FollowReason: {
    text: (reason) => describeFollowReason(reason),
    count: (reason) =>
      'count' in reason ? reason.count : 'followers' in reason ? reason.followers : null,
    users: (reason, _args, context) =>
      reason.kind === 'FOLLOWED_BY_FOLLOWEES' ? visibleUsers(context, reason.userIds) : [],
  },

  SimilarityReason: {
    text: (reason) => reason.detail,
  },
};
