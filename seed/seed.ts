/**
 * `npm run seed -- --users 1000`: writes the generated network into Neo4j
 * (the local server when NEO4J_URI is unset), or into a JSONL file with
 * `--out`. Re-running with the same options creates nothing new.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/grapevine.js';
import { loadSeed } from '../src/import/loadSeed.js';
import { createProgress } from '../src/import/progress.js';
import { formatSummary } from '../src/import/report.js';
import { createLogger } from '../src/log.js';
import { generateSeed, SEED_DEFAULTS, type SeedOptions } from './generateSeed.js';

const HELP = `usage: npm run seed -- --users N [options]

  --users N        users to generate (required)
  --seed S         random seed (default ${SEED_DEFAULTS.seed})
  --posts-per-user mean posts per user (default ${SEED_DEFAULTS.postsPerUser})
  --engagements N  engagements in total (default ${SEED_DEFAULTS.engagementsPerUser} per user)
  --out FILE       write JSONL to FILE instead of Neo4j
  --batch-size N   rows per transaction (default 10000)`;

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`--${name} must be a whole number >= 0, but got: ${text}`);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' }, seed: { type: 'string' },
      'posts-per-user': { type: 'string' }, engagements: { type: 'string' },
      out: { type: 'string' }, 'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const users = positive('users', values.users);
  if (values.help || users === undefined) {
    console.log(HELP);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const options: SeedOptions = {
    users,
    seed: positive('seed', values.seed),
    postsPerUser: positive('posts-per-user', values['posts-per-user']),
    engagements: positive('engagements', values.engagements),
  };
  if (values.out) {
    const out = fs.createWriteStream(values.out);
    for (const { value } of generateSeed(options)) {
      if (!out.write(`${JSON.stringify(value)}\n`)) {
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    console.log(`wrote ${values.out}`);
    return;
  }
  const config = loadConfig();
  const db = await connectDatabase(config, createLogger(config));
  try {
    const batchSize = positive('batch-size', values['batch-size']) ?? 10_000;
    const report = await loadSeed(db, options, createProgress(), batchSize);
    console.log(formatSummary(report, `seed of ${users} users`));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
