/**
 * The one door to Neo4j: a driver plus helpers that run named Cypher files.
 *
 * Integers: the driver is created with `disableLosslessIntegers`, so every
 * integer Neo4j returns arrives as a JS number here and nowhere else is
 * `{low, high}` seen. Our integers (counts, epoch milliseconds) stay far
 * below 2^53. Integers sent to Neo4j where Cypher insists on one (`LIMIT`,
 * `SKIP`, `k`) go through `int()`.
 */
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
} from 'neo4j-driver';
import { boltUri, type Config } from '../config.js';
import { cypher } from './cypher.js';

export type Params = Record<string, unknown>;

/** Wraps a JS number as a Neo4j integer (for LIMIT, SKIP and friends). */
export function int(value: number): ReturnType<typeof neo4j.int> {
  if (!Number.isFinite(value)) {
    throw new TypeError(`int() needs a finite number, but got: ${value}`);
  }
  return neo4j.int(Math.trunc(value));
}

/** Creates a driver for the configured server (bolt:// or routing neo4j://). */
export function createDriver(config: Config): Driver {
  return neo4j.driver(
    boltUri(config),
    neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD),
    {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: config.NEO4J_MAX_POOL_SIZE,
      connectionAcquisitionTimeout: config.NEO4J_ACQUIRE_TIMEOUT_MS,
      connectionTimeout: 5000,
      maxTransactionRetryTime: 10_000,
      userAgent: 'grapevine/0.1',
    },
  );
}

/**
 * Runs queries by file name. `roundTrips` counts every query sent, so tests
 * can check that batching bounds the number of database calls.
 */
export class Database {
  roundTrips = 0;
  /** Queries under way now: each holds one pooled connection. */
  inFlight = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string,
  ) {}

  /** Runs `cypher/<name>.cypher` in a read transaction; returns plain rows. */
  async read<Row extends RecordShape = RecordShape>(
    name: string,
    params: Params = {},
  ): Promise<Row[]> {
    return this.readText<Row>(cypher(name), params);
  }

  /** Runs `cypher/<name>.cypher` in a write transaction; returns plain rows. */
  async write<Row extends RecordShape = RecordShape>(
    name: string,
    params: Params = {},
  ): Promise<Row[]> {
    return this.writeText<Row>(cypher(name), params);
  }

  /** Runs literal Cypher for reading (migrations, tests, admin tools). */
  async readText<Row extends RecordShape = RecordShape>(
    text: string,
    params: Params = {},
  ): Promise<Row[]> {
    return this.track(() => this.autoCommitRead<Row>(text, params));
  }

  /**
   * Runs a read as one auto-commit query: RUN and PULL go out together and
   * nothing follows, where a managed transaction adds BEGIN and a COMMIT
   * round trip. Measured on Last.fm: about half the wall and client CPU
   * time of `executeQuery` per small read. Reads are not retried; a read
   * that meets an outage fails at once (the API answers
   * DATABASE_UNAVAILABLE). `timeoutMs` makes the server stop the query.
   */
  async autoCommitRead<Row extends RecordShape = RecordShape>(
    text: string,
    params: Params,
    timeoutMs?: number,
  ): Promise<Row[]> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      const config = timeoutMs === undefined ? {} : { timeout: Math.max(1, Math.ceil(timeoutMs)) };
      return toRows<Row>(await session.run(text, params, config));
    } finally {
      await session.close();
    }
  }

  /** Runs literal Cypher for writing. */
  async writeText<Row extends RecordShape = RecordShape>(
    text: string,
    params: Params = {},
  ): Promise<Row[]> {
    return this.track(async () => {
      const result = await this.driver.executeQuery(text, params, {
        database: this.database,
        routing: neo4j.routing.WRITE,
      });
      return toRows<Row>(result);
    });
  }

  /**
   * Runs `work` in one retried write transaction: all of it commits or none
   * of it does. Use `tx.run(cypher(name), params)` inside.
   */
  async writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.track(async () => {
      const session = this.driver.session({ database: this.database });
      try {
        return await session.executeWrite(work);
      } finally {
        await session.close();
      }
    });
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.roundTrips += 1;
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Resolves when the server answers; rejects otherwise. */
  async ping(): Promise<void> {
    await this.driver.executeQuery('RETURN 1', {}, {
      database: this.database,
      routing: neo4j.routing.READ,
    });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function toRows<Row extends RecordShape>(result: QueryResult): Row[] {
  return result.records.map((record) => record.toObject() as Row);
}
