/**
 * Neo4j's offline importer on the bench instance: stop the server, run
 * `neo4j-admin database import full` (org.neo4j.cli.AdminTool, from the
 * jars we already have) over CSV files into its database, start it again.
 * The import replaces the database, so the schema migrations run afresh at
 * the next connection and build the constraints and indexes.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../src/config.js';
import { localNeo4jOptions, stopLocalNeo4j } from '../../src/db/localNeo4j.js';

/** What the importer did and how long it took. */
export interface BulkImportTiming {
  /** From launching the JVM to its exit. */
  seconds: number;
  /** What the importer itself reports ("IMPORT DONE in 1m 2s 345ms"), NaN if absent. */
  importerSeconds: number;
  /** The importer's closing lines (counts, peak memory). */
  summary: string;
}

/**
 * Stops the instance of `config` and imports into its database with
 * `importArgs` (`--nodes=...`, `--relationships=...`), replacing what it
 * held. The caller starts it again. `offHeap` bounds the importer's
 * memory (the machine is shared).
 */
export async function bulkImport(
  config: Config,
  importArgs: readonly string[],
  offHeap = '2G',
): Promise<BulkImportTiming> {
  const options = localNeo4jOptions(config);
  await stopLocalNeo4j(options);
  const home = path.join(options.dir, options.instance);
  const args = [
    '-Xmx1g', '-cp', path.join(options.dir, 'lib', '*'), 'org.neo4j.cli.AdminTool',
    // The database first: each --nodes option takes every later word as a file.
    'database', 'import', 'full', config.NEO4J_DATABASE, '--overwrite-destination=true',
    `--max-off-heap-memory=${offHeap}`,
    `--report-file=${path.join(os.tmpdir(), `grapevine-${options.instance}-import.report`)}`,
    ...importArgs,
  ];
  const started = performance.now();
  const child = spawn('java', args, {
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  const lines = output.trimEnd().split('\n').filter((line) => !/^\s+at /.test(line));
  if (code !== 0) {
    throw new Error(`neo4j-admin database import failed (${code}):\n` +
      lines.slice(0, 30).join('\n'));
  }
  return { seconds, importerSeconds: reportedSeconds(output), summary: lines.slice(-6).join('\n') };
}

/** Reads "IMPORT DONE in [1h ][2m ]3s 456ms" as seconds. */
function reportedSeconds(output: string): number {
  const match = /IMPORT DONE in (?:(\d+)h )?(?:(\d+)m )?(?:(\d+)s )?(\d+)ms/.exec(output);
  if (!match) return Number.NaN;
  const [hours, minutes, seconds, millis] = match.slice(1).map((part) => Number(part ?? 0));
  return hours! * 3600 + minutes! * 60 + seconds! + millis! / 1000;
}
