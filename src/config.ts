/**
 * Every setting Grapevine reads, validated once.
 *
 * This is the only module that touches `process.env`. A bad value stops the
 * process with a message naming the variable, the value and what is allowed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root (the folder that holds package.json). */
export const projectRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);

const port = z.coerce.number().int().min(1).max(65535);
const memorySize = z
  .string()
  .regex(/^\d+[kmg]$/i, 'a size such as 512m or 2g');
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The development JWT secret: refused when the API listens beyond loopback. */
const DEVELOPMENT_JWT_SECRET = 'grapevine-development-secret-change-me-0123456789';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const schema = z.object({
  /** Address the HTTP server binds to. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the GraphQL API. */
  PORT: port.default(4000),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  /** Pretty, human-readable logs instead of JSON lines. */
  LOG_PRETTY: bool.default(false),

  /**
   * Bolt address of an existing Neo4j (bolt://, neo4j:// for a cluster,
   * or their +s / +ssc TLS forms). Unset: Grapevine starts its own local
   * server from Maven Central jars.
   */
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z
    .string()
    .min(8, 'at least 8 characters (Neo4j refuses shorter ones)')
    .default('grapevine-dev-password'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  /** Most connections the driver keeps open. */
  NEO4J_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** How long a query may wait for a pooled connection, in milliseconds. */
  NEO4J_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),

  /** Folder of the local server (jars, conf, data, logs); git-ignored. */
  NEO4J_LOCAL_DIR: z.string().min(1).default(path.join(projectRoot, '.neo4j')),
  /** Name of the local instance; each has its own data and ports. */
  NEO4J_LOCAL_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes')
    .default('dev'),
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_HTTP_PORT: port.default(7474),
  /** JVM heap of the local server. */
  NEO4J_LOCAL_HEAP: memorySize.default('2g'),
  /** Page cache of the local server (the store files kept in memory). */
  NEO4J_LOCAL_PAGECACHE: memorySize.default('2g'),
  /** Seconds to wait for Bolt to answer after starting the local server. */
  NEO4J_LOCAL_START_TIMEOUT_S: z.coerce.number().int().min(5).default(120),

  /** Dimensions of post embeddings (the vector index is built for this). */
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(2).max(4096).default(128),
  /**
   * An embeddings service speaking `POST /v1/embeddings` (the common
   * OpenAI-style API). Unset: the built-in TF-IDF + LSA model is used.
   */
  EMBEDDING_PROVIDER_URL: z
    .string()
    .regex(/^https?:\/\/.+/, 'an http:// or https:// URL')
    .optional(),
  /** The `model` field sent to the embeddings service. */
  EMBEDDING_PROVIDER_MODEL: z.string().min(1).default('default'),
  /** Bearer token for the embeddings service, when it needs one. */
  EMBEDDING_PROVIDER_TOKEN: z.string().min(1).optional(),
  /** How long one request to the embeddings service may take (ms). */
  EMBEDDING_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Folder of the fitted content model (vocabulary, idf, projection). */
  CONTENT_MODEL_DIR: z.string().min(1).default(path.join(projectRoot, '.models')),

  /**
   * Time each candidate source gets per feed before it is dropped, in ms.
   * Serving wants it short; tests and evaluation, which check answers
   * rather than speed, set it long.
   */
  FEED_SOURCE_BUDGET_MS: z.coerce.number().int().min(10).max(120_000).default(300),
  /** How often each API instance pulls new edges into its walk graph, in ms. */
  GRAPH_TAIL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  /**
   * How long a viewer's ranked feed is reused for their next first page
   * (and their who-to-follow list) while they have done nothing since, in
   * ms; 0 computes every request.
   */
  FEED_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * Most memory each of the two per-viewer caches (feeds, who-to-follow)
   * may hold, in MiB, counted as the JSON size of what it holds.
   */
  FEED_CACHE_MAX_MB: z.coerce.number().int().min(1).max(65_536).default(256),
  /**
   * How often each API process folds posts created since training into
   * the stored ALS and PureSVD factors, in ms; 0 never (then run
   * `npm run train -- fold-in` on a schedule instead).
   */
  FACTOR_FOLD_IN_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Feeds one process ranks at once; more wait in a queue. */
  FEED_MAX_RANKINGS: z.coerce.number().int().min(1).max(1000).default(4),
  /** Feeds waiting to be ranked; one more is answered OVERLOADED (503). */
  FEED_MAX_QUEUED_RANKINGS: z.coerce.number().int().min(0).max(100_000).default(32),
  /** JSON file of feed blend weights (source name -> weight >= 0). */
  FEED_BLEND_WEIGHTS_FILE: z.string().min(1).optional(),

  /** Users generated by the seed when the main command finds no data. */
  SEED_USERS: z.coerce.number().int().min(0).default(500),

  /** HS256 secret for bearer tokens; at least 32 characters. */
  JWT_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .default(DEVELOPMENT_JWT_SECRET),
  /**
   * PEM public key (SPKI): when set, tokens are verified as RS256 instead.
   * `\n` escapes are read as newlines, so the key fits on one line.
   */
  JWT_PUBLIC_KEY: z
    .string()
    .transform((pem) => pem.replace(/\\n/g, '\n'))
    .refine((pem) => pem.includes('-----BEGIN PUBLIC KEY-----'), 'a PEM public key')
    .optional(),
  /** Expected `iss` claim of tokens. */
  JWT_ISSUER: z.string().min(1).default('grapevine'),

  /** Deepest field nesting a GraphQL operation may have. */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  /**
   * Highest estimated cost of a GraphQL operation: every field costs 1, and
   * what a list field selects costs as many times as its `first`.
   */
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(5000),

  /**
   * On SIGTERM, how long the API keeps serving while /readyz already says
   * not ready, before it drains, in ms.
   */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Seconds the server waits for in-flight requests on shutdown. */
  SHUTDOWN_GRACE_S: z.coerce.number().min(0).max(600).default(15),

  /**
   * Seconds between forced full garbage collections, after each of which
   * the heap in use is published as grapevine_live_heap_bytes; 0 (the
   * default) never forces one. For memory soaks and leak hunts: needs the
   * process started with --expose-gc, and each collection pauses it.
   */
  LIVE_HEAP_PROBE_S: z.coerce.number().min(0).max(3600).default(0),
});

export type Config = z.infer<typeof schema>;

/** Raised when a setting is invalid; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates settings from an environment (default `process.env`).
 * Throws ConfigError naming each bad variable, its value and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    known[key] = value === '' ? undefined : value;
  }
  const parsed = schema.safeParse(known);
  if (parsed.success) {
    const config = parsed.data;
    if (
      !LOOPBACK_HOSTS.has(config.HOST) &&
      config.JWT_PUBLIC_KEY === undefined &&
      config.JWT_SECRET === DEVELOPMENT_JWT_SECRET
    ) {
      throw new ConfigError(
        `Invalid configuration:\n  JWT_SECRET=(hidden): expected a secret of your own when ` +
          `HOST=${JSON.stringify(config.HOST)} is reachable from other machines; the ` +
          'development default is public, so anyone could sign tokens (even admin ones).',
      );
    }
    return config;
  }

  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const shown = /PASSWORD|SECRET|TOKEN/.test(name)
      ? '(hidden)'
      : JSON.stringify(known[name]);
    return `${name}=${shown}: expected ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** True when Grapevine must start and manage its own Neo4j. */
export function usesLocalNeo4j(config: Config): boolean {
  return config.NEO4J_URI === undefined;
}

/** The Bolt URI to connect to: the configured one or the local server's. */
export function boltUri(config: Config): string {
  return config.NEO4J_URI ?? `bolt://127.0.0.1:${config.NEO4J_LOCAL_BOLT_PORT}`;
}
