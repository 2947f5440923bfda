/**
 * Watches whether Neo4j answers, so that requests fail at once with
 * DATABASE_UNAVAILABLE while it is away instead of each waiting through
 * the driver's retries (up to `maxTransactionRetryTime`, 10 s, and more).
 *
 * A probe is one auto-commit `RETURN 1` (no driver retry) every
 * `intervalMs`, or `downIntervalMs` while down. Only an error that means
 * "the server cannot be reached" marks the database down: a slow answer
 * or a pool with no free connection (`acquisition timed out`, which
 * `isDatabaseUnavailable` counts for requests) is load, not an outage, so
 * load never trips it. The first probe that succeeds marks it up again.
 */
import type { Database } from '../db/database.js';
import { Neo4jError } from 'neo4j-driver';
import type { Logger } from '../log.js';

export const DATABASE_HEALTH_DEFAULTS = {
  /** Time between probes while Neo4j answers, in milliseconds. */
  intervalMs: 1000,
  /** Time between probes while it does not, in milliseconds. */
  downIntervalMs: 250,
};

export interface DatabaseHealth {
  /** False from the first "unreachable" probe until one succeeds. */
  readonly up: boolean;
  /** Stops probing. */
  stop(): void;
}

/** True when an error says the server is not there, rather than busy. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  if (/acquisition timed out/i.test(error.message)) return false;
  return error.code === 'ServiceUnavailable' || error.code === 'SessionExpired' ||
    /ECONNREFUSED|connection.*(refused|closed)/i.test(error.message);
}

/** Starts probing `db` at once; call `stop()` on shutdown. */
export function watchDatabase(
  db: Database,
  log: Logger,
  options: Partial<typeof DATABASE_HEALTH_DEFAULTS> = {},
): DatabaseHealth {
  const { intervalMs, downIntervalMs } = { ...DATABASE_HEALTH_DEFAULTS, ...options };
  let up = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const probe = async () => {
    const session = db.driver.session({ database: db.database, defaultAccessMode: 'READ' });
    try {
      await session.run('RETURN 1');
      if (!up) log.info('database reachable again');
      up = true;
    } catch (error) {
      if (isUnreachable(error)) {
        if (up) log.warn({ err: error }, 'database unreachable: failing requests fast');
        up = false;
      }
    } finally {
      await session.close().catch(() => undefined);
    }
    if (!stopped) {
      timer = setTimeout(() => void probe(), up ? intervalMs : downIntervalMs);
      timer.unref();
    }
  };
  void probe();

  return {
    get up() {
      return up;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
