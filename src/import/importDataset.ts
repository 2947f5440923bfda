/**
 * Imports one dataset in one of the supported formats and returns the
 * report. The command-line tool, the seed loader and the tests call this.
 */
import fs from 'node:fs';
import type { Database } from '../db/database.js';
import { importJsonl } from './jsonl.js';
import { importLastfm } from './lastfm.js';
import { importMovielens } from './movielens.js';
import { noProgress, type Progress } from './progress.js';
import { ImportReport } from './report.js';
import { importStackExchange } from './stackexchange.js';
import { DEFAULT_BATCH_SIZE, ImportWriter } from './writer.js';

export const IMPORT_FORMATS = ['lastfm', 'stackexchange', 'movielens', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  format: ImportFormat;
  /** A dataset folder, or a `.jsonl` file for `jsonl`. */
  path: string;
  /** Rows per transaction (default 10,000). */
  batchSize?: number;
  progress?: Progress;
  /** Id prefix for `stackexchange` and `jsonl` (default from the path). */
  prefix?: string;
  /** Site address for Stack Exchange attribution links. */
  siteUrl?: string;
}

/** Raised for a usage problem: an unknown format, a missing path. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Streams the dataset into Neo4j; returns what was read, created, skipped. */
export async function importDataset(
  db: Database,
  options: ImportOptions,
): Promise<ImportReport> {
  if (!fs.existsSync(options.path)) {
    throw new ImportError(`${options.path} does not exist`);
  }
  const report = new ImportReport();
  const progress = options.progress ?? noProgress;
  const writer = new ImportWriter(
    db, report, progress, options.batchSize ?? DEFAULT_BATCH_SIZE,
  );
  const ctx = { writer, report };
  try {
    switch (options.format) {
      case 'lastfm':
        await importLastfm(options.path, ctx);
        break;
      case 'movielens':
        await importMovielens(options.path, ctx);
        break;
      case 'stackexchange':
        await importStackExchange(options.path, ctx, options);
        break;
      case 'jsonl':
        await importJsonl(options.path, ctx, options.prefix ?? 'jsonl');
        break;
    }
  } finally {
    progress.stop();
  }
  return report;
}
