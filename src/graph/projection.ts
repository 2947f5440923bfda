/**
 * The in-memory graph: a graphology projection of user–post engagement and
 * user–user follows, loaded from Neo4j and kept fresh by tailing new edges.
 *
 * Two graphs: `engagement`, undirected and bipartite, nodes keyed
 * `u:<userId>` and `p:<postId>`, one edge per (user, post) pair whatever
 * its types (LIKED, REPOSTED, REPLIED), with `weight` the strongest of them
 * and `at` the latest, so replaying an edge is harmless (an
 * `EngagementStore` of plain arrays, see engagementStore.ts); and
 * `follows`, a graphology graph, directed, nodes keyed by user id, one
 * edge per follow.
 *
 * Tailing: every `tailIntervalMs` the projection asks Neo4j for edges with
 * `at >= watermark - tailOverlapMs` (the overlap covers transactions that
 * commit after a later one was seen) and upserts them. Each API replica
 * tails by itself, so replicas agree within one interval without a bus.
 * Deletions (unlike, unfollow) leave no `at` to tail; a full reload every
 * `reloadIntervalMs` removes them.
 */
import { DirectedGraph } from 'graphology';
import { EngagementStore, type SortedEdges } from './engagementStore.js';
import { int, type Database } from '../db/database.js';
import type { Logger } from '../log.js';

export const PROJECTION_DEFAULTS = {
  /** Users read per bulk-load query. */
  loadPageSize: 2000,
  /** How often new edges are pulled from Neo4j, in milliseconds. */
  tailIntervalMs: 500,
  /** How far back each tail re-reads, in milliseconds (late commits). */
  tailOverlapMs: 5000,
  /** Most edges read per tail query; more are read in further queries. */
  tailBatchSize: 20_000,
  /** Full reload period that drops deleted edges, in ms (0 = never). */
  reloadIntervalMs: 30 * 60 * 1000,
  /** Nodes whose sorted engagement lists are cached (dropped whole when full). */
  adjacencyCacheSize: 200_000,
};

export type ProjectionOptions = typeof PROJECTION_DEFAULTS;

export interface NodeAttributes {
  kind: 'user' | 'post';
}

export interface EdgeAttributes {
  /** Engagement strength in (0, 1]; 1 for follows. */
  weight: number;
  /** Epoch milliseconds of the latest write of the edge. */
  at: number;
}

export type EngagementGraph = EngagementStore;
export type FollowGraph = DirectedGraph<Record<string, never>, EdgeAttributes>;

/** The projection's node key of a user id. */
export const userKey = (userId: string): string => `u:${userId}`;
/** The projection's node key of a post id. */
export const postKey = (postId: string): string => `p:${postId}`;
/** The user or post id of a node key. */
export const idOfKey = (key: string): string => key.slice(2);
/** True when the node key names a post. */
export const isPostKey = (key: string): boolean => key.startsWith('p:');

interface UserPageRow {
  userId: string;
  engaged: Array<{ postId: string; weight: number | null; at: number | null }>;
  follows: Array<{ userId: string; at: number | null }>;
}

interface EdgeRow {
  fromId: string;
  toId: string;
  kind: 'ENGAGED' | 'FOLLOWS';
  weight: number | null;
  at: number | null;
}

/** Creates the empty engagement graph. */
export function createEngagementGraph(): EngagementGraph {
  return new EngagementStore();
}

/** Creates the empty follow graph. */
export function createFollowGraph(): FollowGraph {
  return new DirectedGraph<Record<string, never>, EdgeAttributes>({ allowSelfLoops: false });
}

/**
 * Adds or strengthens the engagement edge of `userId` and `postId`:
 * weight becomes the larger, `at` the later of old and new. True when the
 * graph changed (false for a replayed edge).
 */
export function upsertEngagement(
  graph: EngagementGraph,
  userId: string,
  postId: string,
  weight: number,
  at: number,
): boolean {
  return graph.upsert(userKey(userId), postKey(postId), weight, at) !== 'same';
}

/**
 * Adds the follow `followerId -> followeeId` (idempotent); true when the
 * graph changed (a new follow, or a later `at`).
 */
export function upsertFollow(
  graph: FollowGraph,
  followerId: string,
  followeeId: string,
  at: number,
): boolean {
  if (followerId === followeeId) return false;
  const from = followerId;
  const to = followeeId;
  graph.mergeNode(from);
  graph.mergeNode(to);
  const edge = graph.edge(from, to);
  if (edge === undefined) {
    graph.addEdge(from, to, { weight: 1, at });
    return true;
  }
  if (at <= graph.getEdgeAttribute(edge, 'at')) return false;
  graph.setEdgeAttribute(edge, 'at', at);
  return true;
}

/**
 * The live projection: a graph plus neighbour lists cached for random
 * walks (dropped for a node whenever one of its edges changes).
 */
export class GraphProjection {
  engagement: EngagementGraph = createEngagementGraph();
  follows: FollowGraph = createFollowGraph();
  /** Latest `at` seen, in epoch ms; tailing re-reads from a bit before. */
  watermark = 0;
  /** Version counter: bumps whenever the graph changes. */
  version = 0;
  private readonly neighbourCache = new Map<string, string[]>();
  private readonly sortedCache = new Map<number, SortedEdges>();
  private tailTimer: NodeJS.Timeout | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private tailing: Promise<number> | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    readonly options: ProjectionOptions = PROJECTION_DEFAULTS,
  ) {}

  /** Reads every user, engagement and follow from Neo4j into a new graph. */
  async load(): Promise<void> {
    const started = Date.now();
    const graphs = { engagement: createEngagementGraph(), follows: createFollowGraph() };
    let watermark = 0;
    let after = '';
    for (;;) {
      const rows = await this.db.read<UserPageRow & Record<string, unknown>>(
        'graph/usersPage',
        { afterUserId: after, pageSize: int(this.options.loadPageSize) },
      );
      for (const row of rows) watermark = Math.max(watermark, addUserRow(graphs, row));
      if (rows.length < this.options.loadPageSize) break;
      after = rows[rows.length - 1]!.userId;
    }
    this.engagement = graphs.engagement;
    this.follows = graphs.follows;
    this.watermark = watermark;
    this.neighbourCache.clear();
    this.sortedCache.clear();
    this.version += 1;
    this.log.info(
      {
        engagementEdges: graphs.engagement.size,
        followEdges: graphs.follows.size,
        ms: Date.now() - started,
      },
      'graph projection loaded',
    );
  }

  /**
   * Pulls edges written since the watermark (minus the overlap) and upserts
   * them. Returns how many edges were read. Concurrent calls share one run.
   */
  refresh(): Promise<number> {
    this.tailing ??= this.tail().finally(() => {
      this.tailing = undefined;
    });
    return this.tailing;
  }

  /** Loads, then tails every interval and reloads every reload interval. */
  async start(): Promise<void> {
    await this.load();
    this.tailTimer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.log.warn({ err: error }, 'graph projection tail failed; retrying'),
      );
    }, this.options.tailIntervalMs);
    this.tailTimer.unref();
    if (this.options.reloadIntervalMs > 0) {
      this.reloadTimer = setInterval(() => {
        this.load().catch((error: unknown) =>
          this.log.warn({ err: error }, 'graph projection reload failed'),
        );
      }, this.options.reloadIntervalMs);
      this.reloadTimer.unref();
    }
  }

  /** Stops the timers and waits for a tail in progress. */
  async stop(): Promise<void> {
    clearInterval(this.tailTimer);
    clearInterval(this.reloadTimer);
    await this.tailing?.catch(() => undefined);
  }

  /** Neighbour keys of an engagement node (posts of a user, users of a post). */
  engagementNeighbours(key: string): string[] {
    const cached = this.neighbourCache.get(key);
    if (cached !== undefined) return cached;
    const list = this.engagement.neighbourKeys(key);
    this.neighbourCache.set(key, list);
    return list;
  }

  /**
   * The engagement edges of the node with index `index`, newest first (ties
   * by key): a user's posts or a post's users, with weight and time. Cached
   * until one of the node's edges changes; the cache is dropped whole past
   * `adjacencyCacheSize` nodes.
   */
  sortedEdges(index: number): SortedEdges {
    const cached = this.sortedCache.get(index);
    if (cached !== undefined) return cached;
    const edges = this.engagement.sortedEdges(index);
    if (this.sortedCache.size >= this.options.adjacencyCacheSize) this.sortedCache.clear();
    this.sortedCache.set(index, edges);
    return edges;
  }

  /** How many engagement edges a node has. */
  engagementDegree(key: string): number {
    return this.engagement.degree(key);
  }

  /** Ids of the users `userId` follows. */
  followees(userId: string): string[] {
    return this.follows.hasNode(userId) ? this.follows.outNeighbors(userId) : [];
  }

  private async tail(): Promise<number> {
    let since = Math.max(0, this.watermark - this.options.tailOverlapMs);
    let total = 0;
    let changed = false;
    for (;;) {
      const rows = await this.db.read<EdgeRow & Record<string, unknown>>(
        'graph/edgesSince',
        { since: int(since), limit: int(this.options.tailBatchSize) },
      );
      for (const row of rows) changed = this.applyEdge(row) || changed;
      total += rows.length;
      if (rows.length < this.options.tailBatchSize) break;
      const last = rows[rows.length - 1]!.at ?? since;
      since = last > since ? last : since + 1;
    }
    // Re-read edges (the overlap) change nothing and bump nothing.
    if (changed) this.version += 1;
    return total;
  }

  /** Applies one tailed edge; true when the graph changed. */
  private applyEdge(row: EdgeRow): boolean {
    const at = row.at ?? 0;
    this.watermark = Math.max(this.watermark, at);
    if (row.kind === 'FOLLOWS') {
      return upsertFollow(this.follows, row.fromId, row.toId, at);
    }
    const weight = row.weight ?? 1;
    if (!upsertEngagement(this.engagement, row.fromId, row.toId, weight, at)) return false;
    // Only the two ends' cached lists are stale, and only when it changed.
    for (const key of [postKey(row.toId), userKey(row.fromId)]) {
      this.neighbourCache.delete(key);
      const index = this.engagement.index(key);
      if (index !== undefined) this.sortedCache.delete(index);
    }
    return true;
  }
}

function addUserRow(
  graphs: { engagement: EngagementGraph; follows: FollowGraph },
  row: UserPageRow,
): number {
  let latest = 0;
  graphs.engagement.addNode(userKey(row.userId));
  graphs.follows.mergeNode(row.userId);
  for (const edge of row.engaged) {
    const at = edge.at ?? 0;
    upsertEngagement(graphs.engagement, row.userId, edge.postId, edge.weight ?? 1, at);
    latest = Math.max(latest, at);
  }
  for (const follow of row.follows) {
    const at = follow.at ?? 0;
    upsertFollow(graphs.follows, row.userId, follow.userId, at);
    latest = Math.max(latest, at);
  }
  return latest;
}
