/**
 * The HTTP side: GraphQL at /graphql, /healthz (process up), /readyz
 * (Neo4j reachable and migrations applied) and /metrics (Prometheus), with
 * a graceful stop.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { migrationsApplied } from './db/migrations.js';
import { createTokenVerifier } from './auth/tokens.js';
import { readViewer } from './graphql/auth.js';
import { createContext, type GraphQLContext } from './graphql/context.js';
import { createErrorFormatter } from './graphql/errors.js';
import { createQueryLimitsPlugin } from './graphql/limits.js';
import { loadTypeDefs, resolvers } from './graphql/schema.js';
import { createGraphQLMetricsPlugin } from './observability/graphqlMetricsPlugin.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import type { Services } from './services.js';

/** Largest request body accepted, in bytes. */
const MAX_BODY = '1mb';
/** How long /readyz waits for Neo4j before saying not ready, in ms. */
const READY_TIMEOUT_MS = 2000;

export interface App {
  httpServer: http.Server;
  /** This server's Prometheus registry and instruments. */
  metrics: Metrics;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to the
   * grace period), then closes what is left. Does not close the database.
   */
  stop(): Promise<void>;
}

/** Builds the HTTP server and Apollo; call `listen` to serve. */
export async function createApp(services: Services): Promise<App> {
  const app = express();
  const httpServer = http.createServer(app);
  const metrics = createMetrics(() => ({
    inUse: services.db.inFlight,
    max: services.config.NEO4J_MAX_POOL_SIZE,
  }));
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    formatError: createErrorFormatter(services.log),
    includeStacktraceInErrorResponses: false,
    logger: services.log,
    plugins: [
      createGraphQLMetricsPlugin<GraphQLContext>(metrics),
      createQueryLimitsPlugin({
        maxDepth: services.config.GRAPHQL_MAX_DEPTH,
        maxCost: services.config.GRAPHQL_MAX_COST,
      }),
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: services.config.SHUTDOWN_GRACE_S * 1000,
      }),
    ],
  });
  await apollo.start();
  const verifyToken = await createTokenVerifier(services.config);

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const checkReadiness = createReadinessCheck(services);
  app.get('/readyz', async (_req, res) => {
    const state = await checkReadiness();
    res.status(state.ready ? 200 : 503).json(state);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const header = req.headers['x-request-id'];
        const requestId = typeof header === 'string' && header.length <= 64
          ? header
          : randomUUID();
        const viewer = await readViewer(req.headers.authorization, verifyToken);
        return createContext(services, requestId, viewer);
      },
    }),
  );

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    metrics,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve((httpServer.address() as AddressInfo).port);
        });
      }),
    stop: () => (stopping ??= apollo.stop()),
  };
}

interface Readiness {
  ready: boolean;
  neo4j: 'up' | 'down';
  migrations: 'applied' | 'pending' | 'unknown';
}

/** Pings Neo4j on every call; checks migrations until they are applied. */
function createReadinessCheck(services: Services): () => Promise<Readiness> {
  let applied = false;
  return async () => {
    try {
      await withTimeout(services.db.ping(), READY_TIMEOUT_MS);
    } catch {
      return { ready: false, neo4j: 'down', migrations: 'unknown' };
    }
    if (!applied) {
      applied = await migrationsApplied(services.db).catch(() => false);
    }
    return { ready: applied, neo4j: 'up', migrations: applied ? 'applied' : 'pending' };
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
