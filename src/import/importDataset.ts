/**
 * Imports one dataset in one of the supported formats and returns the
 * report. The command-line tool, the seed loader and the tests call this.
 */
import fs from 'node:fs';
import path from 'node:path';
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

/** The files each folder format reads. */
const REQUIRED_FILES: Record<ImportFormat, string[]> = {
  lastfm: ['tags.dat', 'artists.dat', 'user_taggedartists.dat', 'user_friends.dat',
    'user_artists.dat'],
  stackexchange: ['Users.xml', 'Posts.xml', 'Comments.xml', 'Votes.xml'],
  movielens: ['movies.csv', 'ratings.csv', 'tags.csv'],
  jsonl: [],
};

/** Raised for a usage problem: an unknown format, a missing path. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Throws ImportError when `path` is missing or lacks a file the format reads. */
export function checkDataset(format: ImportFormat, datasetPath: string): void {
  if (!fs.existsSync(datasetPath)) {
    throw new ImportError(`${datasetPath} does not exist`);
  }
  const missing = REQUIRED_FILES[format].filter(
    (file) => !fs.existsSync(path.join(datasetPath, file)),
  );
  if (missing.length > 0) {
    throw new ImportError(
      `${datasetPath} is not a ${format} dataset: it lacks ${missing.join(', ')}`,
    );
  }
}

/** Streams the dataset into Neo4j; returns what was read, created, skipped. */
export async function importDataset(
  db: Database,
  options: ImportOptions,
): Promise<ImportReport> {
  checkDataset(options.format, options.path);
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
