/**
 * Prometheus metrics, served at /metrics: GraphQL latency per operation,
 * candidate source timings, and Neo4j connection pool use.
 *
 * Each process has its own registry (tests start several servers in one
 * process), created with the Services.
 */
import client from 'prom-client';

/** Latency buckets in seconds: 1 ms to 5 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface Metrics {
  registry: client.Registry;
  /** GraphQL request duration by operation name and outcome. */
  graphqlDuration: client.Histogram<'operation' | 'outcome'>;
  /** Candidate source duration by source and outcome (ok, error, timeout). */
  sourceDuration: client.Histogram<'source' | 'outcome'>;
}

/** Creates a registry with process metrics and Grapevine's own. */
export function createMetrics(poolStats?: () => { inUse: number; idle: number }): Metrics {
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
  if (poolStats) {
    new client.Gauge({
      name: 'grapevine_neo4j_pool_connections',
      help: 'Neo4j driver connections by state (in_use, idle).',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = poolStats();
        this.set({ state: 'in_use' }, stats.inUse);
        this.set({ state: 'idle' }, stats.idle);
      },
    });
  }
  return { registry, graphqlDuration, sourceDuration };
}
