/**
 * Writes rows to Neo4j in batches: each batch is one query from
 * `cypher/import/`, run in one retried write transaction, so a batch
 * commits whole or not at all. A batch travels as parallel lists, one per
 * field (`$rows.from[i]`), which Bolt packs about twice as fast as a list
 * of maps. Queries MERGE on unique ids, which makes a
 * re-run (or a resumed crashed run) create nothing twice.
 *
 * A batch that Neo4j rejects (a constraint, a bad value) is split in halves
 * and retried until the offending rows stand alone; those are reported and
 * skipped. Relationship queries return the rows whose endpoints do not
 * exist, as `{line, missing}`; they are reported as unknown ids.
 */
import neo4j from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Database } from '../db/database.js';
import type { Progress } from './progress.js';
import type { ImportReport } from './report.js';

/** A source row after validation: a row to write, or why it is skipped. */
export type Parsed<Row> =
  | { line: number; row: Row; skip?: undefined }
  | { line: number; row?: undefined; skip: string; detail?: string };

/** One pass of rows from one file through one Cypher query. */
export interface Stage<Row> {
  /** What the progress bar shows. */
  label: string;
  /** The file the rows come from, as the report names it. */
  file: string;
  /** `cypher/<query>.cypher`, which UNWINDs `$rows`. */
  query: string;
  rows: Iterable<Parsed<Row>> | AsyncIterable<Parsed<Row>>;
  /** Whether each row counts as a row read (false for derived rows). */
  countsAsRead?: boolean;
}

/** A parsed row and the query it goes to. */
export interface Routed {
  query: string;
  item: Parsed<object>;
}

/** A stage whose rows name their own query. */
export interface RoutedStage {
  label: string;
  file: string;
  rows: Iterable<Routed> | AsyncIterable<Routed>;
  countsAsRead?: boolean;
}

export const DEFAULT_BATCH_SIZE = 10_000;

type Written<Row> = Row & { line: number };

interface BatchResult {
  nodesCreated: number;
  relationshipsCreated: number;
  missing: Array<{ line: number; missing: string }>;
}

/** Runs stages into one database, recording into one report. */
export class ImportWriter {
  constructor(
    private readonly db: Database,
    private readonly report: ImportReport,
    private readonly progress: Progress,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {}

  /** Validated rows are written in batches; skipped rows are reported. */
  async run<Row extends object>(stage: Stage<Row>): Promise<void> {
    await this.runRouted({
      ...stage,
      rows: routeAll(stage.query, stage.rows),
    });
  }

  /**
   * Like `run`, for a stream whose rows go to different queries: each query
   * fills its own batches. All batches are written before this resolves.
   */
  async runRouted(stage: RoutedStage): Promise<void> {
    this.progress.stage(stage.label);
    const batches = new Map<string, Array<Written<object>>>();
    for await (const { query, item } of stage.rows) {
      if (stage.countsAsRead !== false) this.report.read();
      if (item.skip !== undefined) {
        this.report.skip(stage.file, item.line, item.skip, item.detail);
        continue;
      }
      let batch = batches.get(query);
      if (!batch) batches.set(query, (batch = []));
      batch.push({ ...item.row, line: item.line });
      if (batch.length >= this.batchSize) {
        batches.set(query, []);
        await this.writeBatch(stage.file, query, batch);
      }
    }
    for (const [query, batch] of batches) {
      if (batch.length > 0) await this.writeBatch(stage.file, query, batch);
    }
  }

  private async writeBatch(
    file: string,
    query: string,
    rows: Array<Written<object>>,
  ): Promise<void> {
    try {
      const result = await this.commit(query, rows);
      this.report.addCreated(result.nodesCreated, result.relationshipsCreated);
      for (const { line, missing } of result.missing) {
        this.report.skip(file, line, 'unknown id', missing);
      }
      this.progress.advance(rows.length);
    } catch (error) {
      if (!isRowError(error)) throw error;
      if (rows.length === 1) {
        const message = (error as Error).message.split('\n')[0];
        this.report.skip(file, rows[0]!.line, 'rejected by Neo4j', message);
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await this.writeBatch(file, query, rows.slice(0, half));
      await this.writeBatch(file, query, rows.slice(half));
    }
  }

  private async commit(query: string, rows: object[]): Promise<BatchResult> {
    return this.db.writeTransaction(async (tx) => {
      const result = await tx.run(cypher(query), { rows: toColumns(rows) });
      const updates = result.summary.counters.updates();
      return {
        nodesCreated: updates.nodesCreated ?? 0,
        relationshipsCreated: updates.relationshipsCreated ?? 0,
        missing: result.records.map((record) => ({
          line: Number(record.get('line')),
          missing: String(record.get('missing')),
        })),
      };
    });
  }
}

/**
 * True for errors caused by the rows themselves (a constraint, a type):
 * Neo4j client errors. Anything else (the server gone) stops the import.
 */
function isRowError(error: unknown): boolean {
  return (
    error instanceof neo4j.Neo4jError &&
    error.code.startsWith('Neo.ClientError.') &&
    !error.code.startsWith('Neo.ClientError.Security.')
  );
}

async function* routeAll<Row extends object>(
  query: string,
  rows: Iterable<Parsed<Row>> | AsyncIterable<Parsed<Row>>,
): AsyncGenerator<Routed> {
  for await (const item of rows) yield { query, item };
}

/** `[{a: 1}, {a: 2, b: 3}]` as `{a: [1, 2], b: [null, 3]}`. */
export function toColumns(rows: object[]): Record<string, unknown[]> {
  const columns: Record<string, unknown[]> = {};
  rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const column = (columns[key] ??= new Array<unknown>(rows.length).fill(null));
      column[i] = value ?? null;
    }
  });
  return columns;
}
