/**
 * Helpers for the import suites: the shared datasets (which must exist:
 * a missing one fails the suite loudly rather than skipping it) and
 * counts of what is in the graph.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { projectRoot } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import {
  importDataset,
  type ImportOptions,
} from '../../src/import/importDataset.js';
import type { ImportReport } from '../../src/import/report.js';

/** Full imports run minutes on a busy machine. */
export const IMPORT_TIMEOUT_MS = 600_000;

/** The folder of a dataset in `../shared/datasets`; throws when missing. */
export function datasetDir(name: string): string {
  const dir = path.resolve(projectRoot, '..', 'shared', 'datasets', name);
  if (!fs.existsSync(dir)) {
    throw new Error(
      `dataset ${name} is missing: expected it at ${dir} (CI provides ../shared)`,
    );
  }
  return dir;
}

/** A temporary folder for damaged copies, removed after the file's tests. */
export function useTempDir(): () => string {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'grapevine-import-')));
}

/** Data lines of a file (after the header), as the dataset stores them. */
export function dataLines(file: string, encoding: BufferEncoding = 'utf8'): string[] {
  return fs
    .readFileSync(file, encoding)
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line !== '');
}

export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/** Nodes per label and relationships per type (migrations left out). */
export async function graphCounts(db: Database): Promise<GraphCounts> {
  const nodes = await db.readText<{ label: string; n: number }>(
    `MATCH (n) WHERE NOT n:_Migration
     UNWIND labels(n) AS label RETURN label, count(*) AS n`,
  );
  const relationships = await db.readText<{ type: string; n: number }>(
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n',
  );
  return {
    nodes: Object.fromEntries(nodes.map((row) => [row.label, row.n])),
    relationships: Object.fromEntries(relationships.map((row) => [row.type, row.n])),
  };
}

/** Imports and returns the report. */
export function runImport(db: Database, options: ImportOptions): Promise<ImportReport> {
  return importDataset(db, { batchSize: 10_000, ...options });
}

/** How many rows a skip reason counted (0 when absent). */
export function skipped(report: ImportReport, reason: string): number {
  return report.skipReasons().find((entry) => entry.reason === reason)?.count ?? 0;
}

/** Number of relationships of `type` whose `property` is not an integer. */
export async function nonIntegerTimes(
  db: Database,
  type: string,
): Promise<number> {
  const [row] = await db.readText<{ n: number }>(
    `MATCH ()-[r]->() WHERE type(r) = $type AND NOT r.at IS :: INTEGER NOT NULL
     RETURN count(r) AS n`,
    { type },
  );
  return row!.n;
}
