/**
 * Offline training: a registry of named jobs, run in order.
 *
 *   npm run train              # every job but the learned models
 *   npm run train -- content   # only the named ones
 *   npm run train -- als ease  # learned models: only when named
 *   npm run train -- fold-in   # fold new posts into stored ALS/PureSVD
 *
 * A job fits a model from the data in Neo4j and writes what serving reads
 * (vectors on nodes, model files). To add one, append it to JOBS.
 */
import { loadConfig, type Config } from '../src/config.js';
import { trainContent } from '../src/content/trainContent.js';
import type { Database } from '../src/db/database.js';
import { connectDatabase } from '../src/grapevine.js';
import { createLogger, type Logger } from '../src/log.js';
import { foldInAllModels } from '../src/models/factorFoldIn.js';
import { MODEL_NAMES } from '../src/models/index.js';
import { trainAndStoreModel } from '../src/models/serving.js';

/** What every job gets. */
export interface TrainingContext {
  config: Config;
  db: Database;
  log: Logger;
}

/** One named training job; `run` returns figures worth printing. */
export interface TrainingJob {
  name: string;
  description: string;
  /** Run only when named (a learned model's lists change what the feed serves). */
  onlyWhenNamed?: boolean;
  run(context: TrainingContext): Promise<object>;
}

export const JOBS: TrainingJob[] = [
  {
    name: 'content',
    description: 'TF-IDF + LSA content model and Post.embedding on every post',
    run: (context) => trainContent(context),
  },
  ...MODEL_NAMES.map((name): TrainingJob => ({
    name,
    description: `the ${name} model; stores it in Neo4j for the feed and similar posts`,
    onlyWhenNamed: true,
    run: ({ db, log }) => trainAndStoreModel(db, name, log),
  })),
  {
    name: 'fold-in',
    description: 'stored ALS and PureSVD factors for posts created since training, no retrain',
    onlyWhenNamed: true,
    run: async ({ db, log }) => ({ models: await foldInAllModels(db, log) }),
  },
];

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !JOBS.some((job) => job.name === name));
  if (unknown.length > 0) {
    const known = JOBS.map((job) => `  ${job.name}: ${job.description}`).join('\n');
    throw new Error(`Unknown training job ${unknown.join(', ')}; the jobs are:\n${known}`);
  }
  const selected = names.length === 0
    ? JOBS.filter((job) => !job.onlyWhenNamed)
    : JOBS.filter((job) => names.includes(job.name));

  const config = loadConfig();
  const log = createLogger(config);
  const db = await connectDatabase(config, log);
  try {
    for (const job of selected) {
      const started = performance.now();
      const figures = await job.run({ config, db, log });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${job.name}: done in ${seconds} s ${JSON.stringify(figures)}`);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
