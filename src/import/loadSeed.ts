/**
 * Loads the generated seed network (seed/generateSeed.ts) through the JSONL
 * import path, and the start-up hook that does so on an empty database.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../log.js';
import { generateSeed, type SeedOptions } from '../../seed/generateSeed.js';
import { importRecords } from './jsonl.js';
import { noProgress, type Progress } from './progress.js';
import { ImportReport } from './report.js';
import { DEFAULT_BATCH_SIZE, ImportWriter } from './writer.js';

/** Writes the seed network (ids `seed:user:<n>`, `seed:post:<n>`). */
export async function loadSeed(
  db: Database,
  options: SeedOptions,
  progress: Progress = noProgress,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<ImportReport> {
  const report = new ImportReport();
  const writer = new ImportWriter(db, report, progress, batchSize);
  try {
    await importRecords(() => generateSeed(options), 'seed', { writer, report }, 'seed', 'seed');
  } finally {
    progress.stop();
  }
  return report;
}

/**
 * When the database holds no users and no posts, loads a seed of
 * `SEED_USERS` users (none when 0), so a fresh machine serves something.
 * Returns the report, or undefined when nothing was loaded.
 */
export async function loadSeedIfEmpty(
  db: Database,
  config: Pick<Config, 'SEED_USERS'>,
  log: Logger,
): Promise<ImportReport | undefined> {
  if (config.SEED_USERS === 0) return undefined;
  const [row] = await db.readText<{ found: boolean }>(
    'OPTIONAL MATCH (n) WHERE n:User OR n:Post WITH n LIMIT 1 RETURN n IS NOT NULL AS found',
  );
  if (row?.found) return undefined;
  log.info({ users: config.SEED_USERS }, 'database is empty: loading the generated seed');
  const report = await loadSeed(db, { users: config.SEED_USERS });
  log.info({ created: report.created, seconds: Math.round(report.seconds) },
    'seed loaded');
  return report;
}
