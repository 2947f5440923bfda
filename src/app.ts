/**
 * The HTTP side: GraphQL at /graphql, /healthz (process up), /readyz
 * (Neo4j reachable and migrations applied) and /metrics (Prometheus), with
 * a graceful stop.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import { migrationsApplied } from './db/migrations.js';
import { createTokenVerifier } from './auth/tokens.js';
import { readViewer } from './graphql/auth.js';
import { createContext, type GraphQLContext } from './graphql/context.js';
import {
  createErrorFormatter, createUnavailableStatusPlugin, ErrorCode,
} from './graphql/errors.js';
import { createQueryLimitsPlugin } from './graphql/limits.js';
import { loadTypeDefs, resolvers } from './graphql/schema.js';
import { watchDatabase, type DatabaseHealth } from './observability/databaseHealth.js';
import { createGraphQLMetricsPlugin } from './observability/graphqlMetricsPlugin.js';
import { startLiveHeapProbe, type LiveHeapProbe } from './observability/liveHeap.js';
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
   * Says not ready on /readyz at once, keeps serving for
   * SHUTDOWN_DELAY_MS (so a load balancer stops sending, and requests
   * already sent but not yet read become in-flight ones), then stops
   * accepting connections, lets in-flight requests finish (up to the grace
   * period) and closes what is left. Does not close the database.
   */
  stop(): Promise<void>;
}

/** Builds the HTTP server and Apollo; call `listen` to serve. */
export async function createApp(services: Services): Promise<App> {
  const app = express();
  const httpServer = http.createServer(app);
  const metrics = createMetrics({
    pool: () => ({ inUse: services.db.inFlight, max: services.config.NEO4J_MAX_POOL_SIZE }),
    projection: () => ({
      engagementEdges: services.engine.projection.engagement.size,
      followEdges: services.engine.projection.follows.size,
      watermarkMs: services.engine.projection.watermark,
    }),
    feedCache: () => {
      const { feedCache: cache, followCache, rankingGate } = services.engine;
      return {
        hits: cache.hits,
        misses: cache.misses,
        entries: cache.size,
        followHits: followCache.hits,
        followMisses: followCache.misses,
        refused: rankingGate.refused,
      };
    },
  });
  services.engine.onSourceTimed = metrics.recordSource;
  const liveHeap: LiveHeapProbe | undefined = services.config.LIVE_HEAP_PROBE_S > 0
    ? startLiveHeapProbe(metrics.registry, { intervalS: services.config.LIVE_HEAP_PROBE_S })
    : undefined;
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    formatError: createErrorFormatter(services.log),
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals. Apollo's own handler would re-raise SIGTERM
    // once Apollo stopped, killing the process (exit 143) before the
    // driver closes and before "Grapevine stopped" is logged.
    stopOnTerminationSignals: false,
    logger: services.log,
    plugins: [
      createGraphQLMetricsPlugin<GraphQLContext>(metrics),
      createUnavailableStatusPlugin<GraphQLContext>(),
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
  const health = watchDatabase(services.db, services.log);
  const checkReadiness = createReadinessCheck(services, health);
  let shuttingDown = false;
  app.get('/readyz', async (_req, res) => {
    const state = shuttingDown ? { ready: false, shuttingDown } : await checkReadiness();
    res.status(state.ready ? 200 : 503).json(state);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    failFastWhileDatabaseDown(health),
    express.json({ limit: MAX_BODY, verify: refuseInvalidUtf8 }),
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

  app.use(createBodyErrorHandler(services));

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
    stop: () => (stopping ??= (async () => {
      shuttingDown = true;
      // Requests a busy event loop has not read yet would otherwise meet a
      // closed socket: their connections look idle to the drain.
      await new Promise((resolve) => setTimeout(resolve, services.config.SHUTDOWN_DELAY_MS));
      await apollo.stop().finally(() => {
        health.stop();
        liveHeap?.stop();
      });
    })()),
  };
}

/**
 * A body that is not UTF-8 is refused rather than decoded with U+FFFD in
 * place of the bad bytes, which would silently change what was sent.
 */
function refuseInvalidUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('The body is not valid UTF-8.'), {
      status: 400,
      type: 'grapevine.invalid.utf8',
    });
  }
}

/** What a body-parser failure becomes: HTTP status, code and message. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY}.`],
  'entity.parse.failed': [400, 'BAD_REQUEST', 'The body must be a JSON object.'],
  'grapevine.invalid.utf8': [400, 'BAD_REQUEST', 'The body must be valid UTF-8 JSON.'],
  'encoding.unsupported': [415, 'BAD_REQUEST', 'The body must be sent as UTF-8.'],
  'charset.unsupported': [415, 'BAD_REQUEST', 'The body must be sent as UTF-8.'],
  'request.aborted': [400, 'BAD_REQUEST', 'The request was aborted while it was read.'],
};

/**
 * Express's own error page is HTML with a stack trace outside production;
 * every error that reaches Express instead gets a GraphQL-shaped JSON
 * answer with a code, and only unexpected ones are logged.
 */
function createBodyErrorHandler(services: Services): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown }).type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (!known) services.log.error({ err: error }, 'unexpected HTTP error');
    const [status, code, message] = known ??
      [500, 'INTERNAL_SERVER_ERROR', 'Internal server error.'];
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

interface Readiness {
  ready: boolean;
  neo4j: 'up' | 'down';
  migrations: 'applied' | 'pending' | 'unknown';
}

/**
 * While the health probe finds Neo4j unreachable, GraphQL requests get
 * DATABASE_UNAVAILABLE (HTTP 503) at once rather than each waiting through
 * the driver's retries.
 */
function failFastWhileDatabaseDown(health: DatabaseHealth): express.RequestHandler {
  return (_req, res, next) => {
    if (health.up) {
      next();
      return;
    }
    res.status(503).set('retry-after', '1').json({
      errors: [{
        message: 'The database is unavailable; try again shortly.',
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      }],
    });
  };
}

/** Pings Neo4j on every call; checks migrations until they are applied. */
function createReadinessCheck(
  services: Services,
  health: DatabaseHealth,
): () => Promise<Readiness> {
  let applied = false;
  return async () => {
    if (!health.up) return { ready: false, neo4j: 'down', migrations: 'unknown' };
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
