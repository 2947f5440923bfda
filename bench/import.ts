/**
 * `npm run bench:import`: import speed, measured on a Neo4j instance of its
 * own (`bench`, Bolt 7713 and HTTP 7413 unless BENCH_BOLT_PORT and
 * BENCH_HTTP_PORT say otherwise), wiped before every run.
 *
 * - Last.fm (../shared/datasets/lastfm-hetrec2011-2k): rows read per second
 *   and relationships created per second, over the whole import.
 * - Generated engagements (default 1,000,000, `--engagements N`) of a seed
 *   network of N / 50 users: relationships created per second while the
 *   relationship pass runs (users and posts are written before it).
 *
 * Prints each run and the medians (`--runs N`, default 3).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, projectRoot, type Config } from '../src/config.js';
import { createDriver, Database } from '../src/db/database.js';
import { localNeo4jOptions, startLocalNeo4j } from '../src/db/localNeo4j.js';
import { applyMigrations } from '../src/db/migrations.js';
import { importDataset } from '../src/import/importDataset.js';
import { loadSeed } from '../src/import/loadSeed.js';
import type { Progress } from '../src/import/progress.js';
import { createLogger } from '../src/log.js';

interface Run {
  rowsPerSecond: number;
  relationshipsPerSecond: number;
  seconds: number;
}

/** A Progress that remembers how long each stage took. */
function stageTimer(): Progress & { seconds: Map<string, number> } {
  const seconds = new Map<string, number>();
  let current: string | undefined;
  let startedAt = 0;
  const close = () => {
    if (current) seconds.set(current, (performance.now() - startedAt) / 1000);
  };
  return {
    seconds,
    stage(label) {
      close();
      current = label;
      startedAt = performance.now();
    },
    advance: () => undefined,
    stop() {
      close();
      current = undefined;
    },
  };
}

async function wipe(db: Database): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    // Relationships first: detaching a node of a million edges in one
    // inner transaction exceeds the server's transaction memory.
    await session.run(
      'MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS',
    );
    await session.run(
      `MATCH (n) WHERE NOT n:_Migration
       CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS`,
    );
  } finally {
    await session.close();
  }
}

async function benchLastfm(db: Database): Promise<Run> {
  await wipe(db);
  const dir = path.resolve(projectRoot, '..', 'shared', 'datasets', 'lastfm-hetrec2011-2k');
  const report = await importDataset(db, { format: 'lastfm', path: dir });
  return {
    rowsPerSecond: report.counts.read / report.seconds,
    relationshipsPerSecond: report.counts.relationshipsCreated / report.seconds,
    seconds: report.seconds,
  };
}

async function benchEngagements(db: Database, engagements: number): Promise<Run> {
  await wipe(db);
  const timer = stageTimer();
  const report = await loadSeed(db, { users: Math.ceil(engagements / 50), engagements }, timer);
  const seconds = timer.seconds.get('relationships')!;
  const [row] = await db.readText<{ n: number }>(
    'MATCH ()-[r:LIKED|VIEWED|REPOSTED|REPLIED|FOLLOWS|AUTHORED|TAGGED]->() RETURN count(r) AS n',
  );
  return {
    rowsPerSecond: engagements / seconds,
    relationshipsPerSecond: row!.n / seconds,
    seconds: report.seconds,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const f = (n: number) => Math.round(n).toLocaleString('en-US');

function printRun(name: string, run: Run, i: number): void {
  console.log(
    `${name} run ${i + 1}: ${f(run.rowsPerSecond)} rows/s, ` +
      `${f(run.relationshipsPerSecond)} relationships/s (${run.seconds.toFixed(1)} s total)`,
  );
}

function printMedians(name: string, runs: Run[]): void {
  console.log(
    `${name} median: ${f(median(runs.map((r) => r.rowsPerSecond)))} rows/s, ` +
      `${f(median(runs.map((r) => r.relationshipsPerSecond)))} relationships/s`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      engagements: { type: 'string', default: '1000000' },
      only: { type: 'string' },
    },
  });
  const base = loadConfig();
  const config: Config = {
    ...base,
    NEO4J_URI: undefined,
    NEO4J_LOCAL_INSTANCE: 'bench-import',
    NEO4J_LOCAL_BOLT_PORT: Number(process.env.BENCH_BOLT_PORT ?? 7713),
    NEO4J_LOCAL_HTTP_PORT: Number(process.env.BENCH_HTTP_PORT ?? 7413),
  };
  const log = createLogger({ LOG_LEVEL: 'warn', LOG_PRETTY: true });
  await startLocalNeo4j(localNeo4jOptions(config), log);
  const db = new Database(createDriver(config), config.NEO4J_DATABASE);
  try {
    await applyMigrations(db, { embeddingDimensions: config.EMBEDDING_DIMENSIONS });
    const runs = Number(values.runs);
    if (values.only !== 'engagements') {
      const results: Run[] = [];
      for (let i = 0; i < runs; i++) {
        results.push(await benchLastfm(db));
        printRun('lastfm import', results[i]!, i);
      }
      printMedians('lastfm import', results);
    }
    if (values.only !== 'lastfm') {
      const results: Run[] = [];
      for (let i = 0; i < runs; i++) {
        results.push(await benchEngagements(db, Number(values.engagements)));
        printRun(`${values.engagements} engagements`, results[i]!, i);
      }
      printMedians(`${values.engagements} engagements`, results);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error('bench:import failed:', error);
  process.exitCode = 1;
});
