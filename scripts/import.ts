/**
 * `npm run import -- <format> <path>`: streams a dataset into Neo4j (the
 * local server when NEO4J_URI is unset) and prints a summary.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/grapevine.js';
import { LocalNeo4jError } from '../src/db/localNeo4j.js';
import {
  checkDataset,
  IMPORT_FORMATS,
  ImportError,
  importDataset,
  type ImportFormat,
} from '../src/import/importDataset.js';
import { createProgress } from '../src/import/progress.js';
import { formatSummary } from '../src/import/report.js';
import { createLogger } from '../src/log.js';

const HELP = `usage: npm run import -- <format> <path> [options]

formats:
  lastfm          HetRec 2011 Last.fm-2K folder (artists.dat, user_friends.dat, ...)
  stackexchange   Stack Exchange dump folder (Users.xml, Posts.xml, Comments.xml, Votes.xml)
  movielens       MovieLens folder (movies.csv, ratings.csv, tags.csv)
  jsonl           a Grapevine JSONL file (see "Importing data" in README.md)

options:
  --batch-size N  rows per transaction (default 10000)
  --prefix P      id prefix for stackexchange and jsonl (default: se-<folder>, jsonl)
  --site-url URL  Stack Exchange site for attribution links
                  (default https://<name>.stackexchange.com; se-beer: alcohol)
  --no-progress   no progress bar (it is off anyway when stderr is not a terminal)
  -h, --help      this text

Re-running an import creates nothing twice; an interrupted import resumes
by running it again. Neo4j: NEO4J_URI, or the local server (npm run db:start).`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'batch-size': { type: 'string' },
      prefix: { type: 'string' },
      'site-url': { type: 'string' },
      'no-progress': { type: 'boolean' },
    },
  });
  const [format, path] = positionals;
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (!isFormat(format) || path === undefined || positionals.length !== 2) {
    if (format !== undefined && !isFormat(format)) {
      console.error(`import: unknown format "${format}": expected ${IMPORT_FORMATS.join(', ')}\n`);
    }
    console.error(HELP);
    process.exitCode = 2;
    return;
  }
  const batchSize = Number(values['batch-size'] ?? 10_000);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ImportError(
      `--batch-size must be a positive integer, but got: ${values['batch-size']}`,
    );
  }

  checkDataset(format, path);
  const config = loadConfig();
  const log = createLogger(config);
  const db = await connectDatabase(config, log);
  try {
    const report = await importDataset(db, {
      format, path, batchSize,
      progress: createProgress(values['no-progress'] ? false : undefined),
      prefix: values.prefix,
      siteUrl: values['site-url'],
    });
    console.log(formatSummary(report, `${format} import of ${path}`));
    log.info({ format, read: report.counts.read, created: report.created,
      skipped: report.counts.skipped, seconds: report.seconds }, 'import finished');
  } finally {
    await db.close();
  }
}

function isFormat(value: string | undefined): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value ?? '');
}

main().catch((error: unknown) => {
  const known = error instanceof ImportError || error instanceof ConfigError ||
    error instanceof LocalNeo4jError || (error instanceof TypeError &&
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION');
  console.error(`import: ${known ? (error as Error).message : String(error)}`);
  if (!known && error instanceof Error) console.error(error.stack);
  if (!(error instanceof ImportError || error instanceof ConfigError)) {
    console.error('Every batch committed whole or not at all: re-run the command to resume.');
  }
  process.exitCode = 1;
});
