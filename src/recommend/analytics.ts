/**
 * Graph analytics for exploration: communities (Louvain) and influence
 * (PageRank) of the follow graph, and the paths behind a recommendation.
 *
 * Communities and PageRank are computed from the in-memory projection on
 * first use and reused until the projection changed and `refreshMs` passed
 * (Louvain over the whole graph is too slow to run per request).
 */
import { int } from '../db/database.js';
import { analyseFollowGraph, type GraphAnalytics } from '../graph/communities.js';
import type { GraphProjection } from '../graph/projection.js';
import type { Engine } from './engine.js';
import { RecommendError } from './errors.js';
import { randomFor } from './seed.js';

export const ANALYTICS_DEFAULTS = {
  /** Shortest time between two recomputations, in milliseconds. */
  refreshMs: 10 * 60 * 1000,
  /** Most influential members whose posts give a community's tags. */
  tagSampleUsers: 200,
  /** Tags listed per community. */
  topTags: 5,
  /** Users listed per community in listCommunities. */
  topUsers: 5,
  /** Paths of each kind returned by explainRecommendation. */
  pathsPerKind: 3,
};

export interface CommunitySummary {
  id: number;
  size: number;
  topTags: Array<{ name: string; count: number }>;
  /** Most influential members, by PageRank. */
  topUsers: Array<{ userId: string; pageRank: number }>;
}

export interface ExplanationPath {
  kind: 'FOLLOWED_AUTHOR' | 'ENGAGED_BY_FOLLOWEES' | 'CO_ENGAGEMENT' | 'SHARED_TAG';
  nodes: Array<{ label: string; id: string }>;
  relationships: string[];
}

const cache = new WeakMap<GraphProjection, GraphAnalytics & { at: number; version: number }>();

/** The current communities and PageRank (computed or reused). */
export function graphAnalytics(engine: Engine, options = ANALYTICS_DEFAULTS): GraphAnalytics {
  const { projection } = engine;
  const now = engine.clock();
  const cached = cache.get(projection);
  const fresh = cached !== undefined
    && (cached.version === projection.version || now - cached.at < options.refreshMs);
  if (fresh) return cached;
  const random = randomFor(engine.config.feed.seed, 'louvain');
  const analytics = { ...analyseFollowGraph(projection.follows, random), at: now,
    version: projection.version };
  cache.set(projection, analytics);
  return analytics;
}

/** Communities of at least `minSize` users, largest first, with top tags and users. */
export async function listCommunities(
  engine: Engine,
  request: { first: number; minSize?: number },
  options = ANALYTICS_DEFAULTS,
): Promise<CommunitySummary[]> {
  const analytics = graphAnalytics(engine, options);
  const ids = analytics.members
    .map((members, id) => ({ id, members }))
    .filter(({ members }) => members.length >= (request.minSize ?? 2))
    .slice(0, request.first)
    .map(({ id }) => id);
  return summarise(engine, analytics, ids, options);
}

/** The community of `userId`; NOT_FOUND when the user is not in the graph. */
export async function userCommunity(
  engine: Engine,
  request: { userId: string },
  options = ANALYTICS_DEFAULTS,
): Promise<CommunitySummary> {
  const analytics = graphAnalytics(engine, options);
  const id = analytics.communityOf.get(request.userId);
  if (id === undefined) {
    throw new RecommendError('NOT_FOUND', `No user has the id ${JSON.stringify(request.userId)}.`);
  }
  const [summary] = await summarise(engine, analytics, [id], options);
  return summary!;
}

/** The `first` most influential users of a community, by PageRank. */
export function communityTopUsers(
  engine: Engine,
  request: { communityId: number; first: number },
): Array<{ userId: string; pageRank: number }> {
  const analytics = graphAnalytics(engine);
  const members = analytics.members[request.communityId];
  if (members === undefined) {
    throw new RecommendError('NOT_FOUND', `No community has the id ${request.communityId}.`);
  }
  return members.slice(0, request.first).map((userId) => ({
    userId,
    pageRank: analytics.pageRank.get(userId) ?? 0,
  }));
}

/**
 * The graph paths from the viewer to the post that recommenders follow
 * (see cypher/recommend/explainPaths.cypher). NOT_FOUND when the post does
 * not exist or the viewer may not see it.
 */
export async function explainRecommendation(
  engine: Engine,
  request: { viewerId: string; postId: string },
  options = ANALYTICS_DEFAULTS,
): Promise<ExplanationPath[]> {
  const rows = await engine.db.read<{ postId: string; paths: ExplanationPath[] }>(
    'recommend/explainPaths',
    { ...request, limit: int(options.pathsPerKind) },
  );
  if (rows[0] === undefined) {
    throw new RecommendError(
      'NOT_FOUND',
      `No post ${JSON.stringify(request.postId)} is visible to the user ` +
        `${JSON.stringify(request.viewerId)}.`,
    );
  }
  return rows[0].paths;
}

async function summarise(
  engine: Engine,
  analytics: GraphAnalytics,
  ids: number[],
  options: typeof ANALYTICS_DEFAULTS,
): Promise<CommunitySummary[]> {
  const communities = ids.map((id) => ({
    id: int(id),
    userIds: analytics.members[id]!.slice(0, options.tagSampleUsers),
  }));
  const rows = await engine.db.read<{
    communityId: number;
    tags: Array<{ name: string; count: number }>;
  }>('graph/communityTopTags', { communities, limit: int(options.topTags) });
  const tagsOf = new Map(rows.map((row) => [row.communityId, row.tags]));
  return ids.map((id) => ({
    id,
    size: analytics.members[id]!.length,
    topTags: tagsOf.get(id) ?? [],
    topUsers: analytics.members[id]!.slice(0, options.topUsers).map((userId) => ({
      userId,
      pageRank: analytics.pageRank.get(userId) ?? 0,
    })),
  }));
}
