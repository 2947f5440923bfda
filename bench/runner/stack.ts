/**
 * The benchmark's own Neo4j instance (`bench`, loopback ports 7763/7463,
 * the API on 4163, unless GRAPEVINE_BENCH_INSTANCE, GRAPEVINE_BENCH_BOLT_PORT,
 * GRAPEVINE_BENCH_HTTP_PORT and GRAPEVINE_BENCH_API_PORT say otherwise) and
 * the import of a dataset into it, timed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedOptions } from '../../seed/generateSeed.js';
import { loadConfig, projectRoot, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import {
  localNeo4jOptions, localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j,
} from '../../src/db/localNeo4j.js';
import { connectDatabase } from '../../src/grapevine.js';
import { silentLogger } from '../../src/log.js';
import { stackEnv } from './apiProcess.js';
import { bulkImport, type BulkImportTiming } from './bulkImport.js';
import { writeGeneratedCsv, type GeneratedCsv } from './generatedGraph.js';

/** Environment of every bench process: the instance, and the API's port. */
export const benchEnv: Record<string, string> = {
  ...stackEnv({
    instance: process.env.GRAPEVINE_BENCH_INSTANCE ?? 'bench',
    boltPort: process.env.GRAPEVINE_BENCH_BOLT_PORT ?? '7763',
    httpPort: process.env.GRAPEVINE_BENCH_HTTP_PORT ?? '7463',
    apiPort: process.env.GRAPEVINE_BENCH_API_PORT ?? '4163',
    heap: process.env.NEO4J_LOCAL_HEAP ?? '2g',
    pageCache: process.env.NEO4J_LOCAL_PAGECACHE ?? '2g',
  }),
  LOG_LEVEL: 'warn',
};

export function benchConfig(): Config {
  return loadConfig(benchEnv);
}

/** Starts the bench instance (or finds it running); returns it migrated and its pid. */
export async function startBenchNeo4j(): Promise<{ db: Database; pid?: number }> {
  const config = benchConfig();
  const status = await startLocalNeo4j(localNeo4jOptions(config));
  return { db: await connectDatabase(config, silentLogger), pid: status.pid };
}

/**
 * Starts the bench instance with empty databases: stops it and removes its
 * store and transaction logs (the password file stays, so the first start
 * sets the same password again). Emptying the 10 M-engagement graph with
 * Cypher would take longer than a transaction may run; this takes seconds.
 */
export async function startEmptyBenchNeo4j(): Promise<{ db: Database; pid?: number }> {
  const options = localNeo4jOptions(benchConfig());
  await stopLocalNeo4j(options);
  const data = path.join(options.dir, options.instance, 'data');
  for (const folder of ['databases', 'transactions']) {
    fs.rmSync(path.join(data, folder), { recursive: true, force: true });
  }
  return startBenchNeo4j();
}

/** Stops the bench instance. */
export async function stopBenchNeo4j(): Promise<void> {
  await stopLocalNeo4j(localNeo4jOptions(benchConfig()));
}

/** The pid of the running bench instance, if any. */
export async function benchNeo4jPid(): Promise<number | undefined> {
  return (await localNeo4jStatus(localNeo4jOptions(benchConfig()))).pid;
}

/** What one import run printed and how long it took. */
export interface ImportTiming {
  command: string;
  rowsRead: number;
  seconds: number;
  rowsPerSecond: number;
  summary: string;
}

/**
 * Runs `npm run import -- <args>` against the bench instance as its own
 * process and reads the summary line ("N rows read in S s (R rows/s)").
 */
export async function runImport(args: readonly string[]): Promise<ImportTiming> {
  const child = spawn('npx', ['tsx', 'scripts/import.ts', ...args, '--no-progress'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...benchEnv,
      LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`import ${args.join(' ')} failed (${code}):\n${output}`);
  const match = /([\d,]+) rows read in ([\d.]+) s \(([\d,]+) rows\/s\)/.exec(output);
  const number = (text: string) => Number(text.replace(/,/g, ''));
  return {
    command: `npm run import -- ${args.join(' ')}`,
    rowsRead: match ? number(match[1]!) : Number.NaN,
    seconds: match ? Number(match[2]) : Number.NaN,
    rowsPerSecond: match ? number(match[3]!) : Number.NaN,
    summary: output.trim().split('\n').filter((line) => !line.startsWith('{')).join('\n'),
  };
}

/** Throws unless the store holds every node and relationship of the CSV files. */
async function checkImported(db: Database, csv: GeneratedCsv): Promise<void> {
  const [row] = await db.readText<{ nodes: number; relationships: number }>(
    `CALL { MATCH (n:User|Post|Tag) RETURN count(n) AS nodes }
     CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
     RETURN nodes, relationships`);
  if (row?.nodes !== csv.nodes || row.relationships !== csv.relationships) {
    throw new Error(`the import left ${row?.nodes} nodes and ${row?.relationships} ` +
      `relationships, but the CSV files hold ${csv.nodes} and ${csv.relationships}`);
  }
}

/** How the generated graph was made and loaded, for the report. */
export interface GeneratedLoad {
  users: number;
  engagementsAsked: number;
  csv: Omit<GeneratedCsv, 'importArgs' | 'dir'>;
  importer: BulkImportTiming;
  /** Rows (nodes and relationships) the importer took in per second. */
  rowsPerSecond: number;
  /** Starting Neo4j on the new store, the migrations and index population. */
  schemaSeconds: number;
}

/**
 * Replaces the bench database with the generated graph: writes it as CSV
 * into a temporary folder, stops Neo4j, runs the offline importer, starts
 * Neo4j again and waits until the migrations' indexes are online. Returns
 * the migrated database, the new pid and the timings.
 */
export async function loadGeneratedGraph(
  options: SeedOptions,
): Promise<{ db: Database; pid?: number; load: GeneratedLoad }> {
  // A first start writes the instance's conf and password if it never ran.
  const first = await startBenchNeo4j();
  await first.db.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grapevine-generated-'));
  try {
    console.log(`writing the generated graph (${options.users} users) as CSV to ${dir}`);
    const csv = await writeGeneratedCsv(dir, options);
    console.log(`${csv.nodes} nodes, ${csv.relationships} relationships in ` +
      `${csv.seconds.toFixed(1)} s; importing`);
    const importer = await bulkImport(benchConfig(), csv.importArgs);
    console.log(importer.summary);
    const started = performance.now();
    const { db, pid } = await startBenchNeo4j();
    await db.writeText('CALL db.awaitIndexes(3600)');
    await checkImported(db, csv);
    const { importArgs: _args, dir: _dir, ...counts } = csv;
    return {
      db, pid,
      load: {
        users: options.users,
        engagementsAsked: options.engagements ?? Number.NaN,
        csv: counts,
        importer,
        rowsPerSecond: (csv.nodes + csv.relationships) / importer.seconds,
        schemaSeconds: (performance.now() - started) / 1000,
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
