/**
 * Prometheus metrics, served at /metrics: GraphQL latency per operation,
 * candidate source timings, and Neo4j connection pool use.
 *
 * Each process has its own registry (tests start several servers in one
 * process), created with the app.
 */
import client from 'prom-client';

/** Latency buckets in seconds: 1 ms to 5 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** How the pool is used now: queries holding a connection, and the cap. */
export interface PoolStats {
  inUse: number;
  max: number;
}

/** Size and freshness of the in-memory graph. */
export interface ProjectionStats {
  engagementEdges: number;
  followEdges: number;
  /** Latest edge time the projection has seen, in epoch milliseconds. */
  watermarkMs: number;
}

/**
 * Use of the ranked-feed and who-to-follow caches and the ranking gate
 * since the process started.
 */
export interface FeedCacheStats {
  hits: number;
  misses: number;
  entries: number;
  /** Who-to-follow lists reused and computed. */
  followHits: number;
  followMisses: number;
  /** Rankings (feeds and who-to-follow) refused with OVERLOADED. */
  refused: number;
}

/** What the gauges read at scrape time. */
export interface MetricSources {
  pool?: () => PoolStats;
  projection?: () => ProjectionStats;
  feedCache?: () => FeedCacheStats;
}

/** Outcome of one candidate source in one feed request. */
export type SourceOutcome = 'ok' | 'error' | 'timeout';

export interface Metrics {
  registry: client.Registry;
  /** GraphQL request duration by operation name and outcome (ok, error). */
  graphqlDuration: client.Histogram<'operation' | 'outcome'>;
  /** Candidate source duration by source and outcome (ok, error, timeout). */
  sourceDuration: client.Histogram<'source' | 'outcome'>;
  /** Records one source run; `ms` in milliseconds. */
  recordSource(source: string, outcome: SourceOutcome, ms: number): void;
}

/** Creates a registry with process metrics and Grapevine's own. */
export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'grapevine_' });

  const graphqlDuration = new client.Histogram({
    name: 'grapevine_graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const sourceDuration = new client.Histogram({
    name: 'grapevine_candidate_source_duration_seconds',
    help: 'Candidate source duration by source and outcome (ok, error, timeout).',
    labelNames: ['source', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  if (sources.pool) registerPoolGauges(registry, sources.pool);
  if (sources.projection) registerProjectionGauges(registry, sources.projection);
  if (sources.feedCache) registerFeedCacheMetrics(registry, sources.feedCache);
  return {
    registry,
    graphqlDuration,
    sourceDuration,
    recordSource: (source, outcome, ms) =>
      sourceDuration.observe({ source, outcome }, ms / 1000),
  };
}

/**
 * Pool gauges, read at scrape time. The driver does not publish its pool,
 * so "in use" counts the queries under way (each holds one connection).
 */
function registerPoolGauges(registry: client.Registry, poolStats: () => PoolStats): void {
  new client.Gauge({
    name: 'grapevine_neo4j_pool_connections_in_use',
    help: 'Neo4j connections held by queries under way.',
    registers: [registry],
    collect() {
      this.set(poolStats().inUse);
    },
  });
  new client.Gauge({
    name: 'grapevine_neo4j_pool_connections_max',
    help: 'Most Neo4j connections the driver may open (NEO4J_MAX_POOL_SIZE).',
    registers: [registry],
    collect() {
      this.set(poolStats().max);
    },
  });
}

/** Gauges of the in-memory graph the walks run on, read at scrape time. */
function registerProjectionGauges(
  registry: client.Registry,
  projection: () => ProjectionStats,
): void {
  const gauge = (name: string, help: string, read: (stats: ProjectionStats) => number) =>
    new client.Gauge({
      name, help, registers: [registry],
      collect() {
        this.set(read(projection()));
      },
    });
  gauge('grapevine_projection_engagement_edges',
    'User-post engagement edges in the in-memory graph.', (s) => s.engagementEdges);
  gauge('grapevine_projection_follow_edges',
    'Follow edges in the in-memory graph.', (s) => s.followEdges);
  gauge('grapevine_projection_watermark_seconds',
    'Time of the latest edge the in-memory graph has seen (epoch seconds).',
    (s) => s.watermarkMs / 1000);
}

/**
 * A counter by `from` whose totals are read at scrape time from counts the
 * process keeps anyway (`read` gives each label its count so far).
 */
function originCounter(
  registry: client.Registry,
  name: string,
  help: string,
  read: () => Record<string, number>,
): void {
  new client.Counter({
    name,
    help,
    labelNames: ['from'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [from, count] of Object.entries(read())) this.inc({ from }, count);
    },
  });
}

/**
 * The per-viewer caches: feed first pages and who-to-follow answers by
 * where they came from, rankings refused, and how many feeds are held.
 */
function registerFeedCacheMetrics(
  registry: client.Registry,
  feedCache: () => FeedCacheStats,
): void {
  originCounter(registry, 'grapevine_feed_first_pages_total',
    'Feed first pages by how they were made: cached (reused) or ranked.',
    () => ({ cached: feedCache().hits, ranked: feedCache().misses }));
  originCounter(registry, 'grapevine_who_to_follow_lists_total',
    'Who-to-follow answers by how their list was made: cached (reused) or computed.',
    () => ({ cached: feedCache().followHits, computed: feedCache().followMisses }));
  new client.Counter({
    name: 'grapevine_feed_rankings_refused_total',
    help: 'Feed rankings and who-to-follow lists refused with OVERLOADED (queue full).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(feedCache().refused);
    },
  });
  new client.Gauge({
    name: 'grapevine_feed_cache_entries',
    help: 'Viewers whose ranked feed this process holds.',
    registers: [registry],
    collect() {
      this.set(feedCache().entries);
    },
  });
}
