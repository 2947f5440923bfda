/**
 * What the fault checks share: a Neo4j instance of their own (`chaos`, on
 * loopback ports 7773/7473 unless GRAPEVINE_CHAOS_BOLT_PORT and
 * GRAPEVINE_CHAOS_HTTP_PORT say otherwise) that they may kill, the API as
 * a separate process (on GRAPEVINE_CHAOS_API_PORT, default 4162), and
 * bounded request loops.
 */
import { spawnApiProcess, stackEnv, type ApiProcess } from '../../bench/runner/apiProcess.js';
import { signToken } from '../../src/auth/tokens.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { localNeo4jOptions, startLocalNeo4j } from '../../src/db/localNeo4j.js';
import { connectDatabase } from '../../src/grapevine.js';
import { silentLogger } from '../../src/log.js';
import { wipeData } from '../support/database.js';

export type { ApiProcess };

/** The environment of the chaos API process and of the chaos instance. */
export const chaosEnv: Record<string, string> = {
  ...stackEnv({
    instance: 'chaos',
    boltPort: process.env.GRAPEVINE_CHAOS_BOLT_PORT ?? '7773',
    httpPort: process.env.GRAPEVINE_CHAOS_HTTP_PORT ?? '7473',
    apiPort: process.env.GRAPEVINE_CHAOS_API_PORT ?? '4162',
    heap: '1g',
    pageCache: '512m',
  }),
  LOG_LEVEL: 'info',
};

/** The chaos settings as a Config. */
export function chaosConfig(): Config {
  return loadConfig(chaosEnv);
}

/** Starts (or finds running) the chaos instance; returns a migrated Database. */
export async function startChaosNeo4j(): Promise<Database> {
  const config = chaosConfig();
  await startLocalNeo4j(localNeo4jOptions(config));
  return connectDatabase(config, silentLogger);
}

/**
 * Starts the chaos instance, wipes it and creates users `<prefix>:user:0`
 * .. `<prefix>:user:<count - 1>`; returns the database and their tokens.
 */
export async function prepareChaosData(
  prefix: string,
  count: number,
): Promise<{ db: Database; tokens: string[] }> {
  const db = await startChaosNeo4j();
  await wipeData(db);
  await db.writeText(`UNWIND range(0, $count - 1) AS i
    CREATE (:User {id: $prefix + ':user:' + i, handle: $prefix + '_' + i,
      displayName: $prefix + i, createdAt: timestamp()})`, { prefix, count });
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) tokens.push(await chaosToken(`${prefix}:user:${i}`));
  return { db, tokens };
}

/** Spawns `src/main.ts` against the chaos instance and waits until it listens. */
export function spawnApi(env: Record<string, string> = {}): Promise<ApiProcess> {
  return spawnApiProcess({ ...chaosEnv, ...env });
}

/** A bearer token the chaos API accepts. */
export function chaosToken(userId: string, admin = false): Promise<string> {
  return signToken(chaosConfig(), { userId, admin });
}

/** What one GraphQL call over HTTP gave, or how it failed. */
export interface CallResult {
  status: number;
  body?: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  /** A network failure (refused, reset) instead of an answer. */
  failure?: string;
  startedAt: number;
  ms: number;
}

/** Posts one operation; never throws. */
export async function call(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  timeoutMs = 60_000,
): Promise<CallResult> {
  const startedAt = Date.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: CallResult['body'];
    try {
      body = JSON.parse(text) as CallResult['body'];
    } catch {
      body = { errors: [{ message: text.slice(0, 200) }] };
    }
    return { status: response.status, body, startedAt, ms: Date.now() - startedAt };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const failure = cause ?? (error as Error).name ?? 'unknown';
    return { status: 0, failure, startedAt, ms: Date.now() - startedAt };
  }
}

/** The first error code of a result, if any. */
export function codeOf(result: CallResult): string | undefined {
  return result.body?.errors?.[0]?.extensions?.code;
}

/**
 * Runs `workers` loops of `step` until `stop()` says so or `maxSteps` per
 * worker are done: a load that always ends by itself.
 */
export async function runLoad(
  workers: number,
  maxSteps: number,
  stop: () => boolean,
  step: (worker: number, i: number) => Promise<void>,
): Promise<void> {
  await Promise.all(Array.from({ length: workers }, async (_, worker) => {
    for (let i = 0; i < maxSteps && !stop(); i += 1) await step(worker, i);
  }));
}

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passed. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}

/** GET /readyz: its status, or 0 when the API does not answer. */
export async function readiness(url: string): Promise<number> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}
