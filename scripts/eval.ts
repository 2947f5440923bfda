/**
 * `npm run eval -- --dataset <lastfm|movielens|stackexchange>`: the offline
 * evaluation on real data, through the engine the API serves. Writes
 * eval/results/<dataset>.{md,json,svg}; with --write-weights (default for
 * lastfm) the validation-fitted blend weights become the new defaults.
 *
 * It runs on its own local Neo4j instance (`eval`, ports 7690/7477), which
 * it wipes, so development and test data are never touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, projectRoot } from '../src/config.js';
import { connectDatabase } from '../src/grapevine.js';
import { wipeData } from '../src/db/wipeData.js';
import type { Database } from '../src/db/database.js';
import os from 'node:os';
import { importDataset, type ImportFormat } from '../src/import/importDataset.js';
import { createProgress } from '../src/import/progress.js';
import { createLogger } from '../src/log.js';
import {
  BLEND_ROWS,
  countCatalogue,
  HARNESS_DEFAULTS,
  readEngagements,
  removeEngagements,
  runHarness,
  splitEngagements,
  type HarnessOutput,
} from '../src/eval/harness.js';
import { writeReport, type EvaluationReport } from '../src/eval/report.js';
import { SERVED_MODELS, trainModelSource } from '../src/models/serving.js';
import { BLEND_WEIGHTS_FILE, createEngine, FEED_DEFAULTS } from '../src/recommend/engine.js';

interface DatasetSpec {
  format: ImportFormat;
  folder: string;
  split: 'hash' | 'temporal';
  splitText: string;
  /** Id prefix of the items ranked (the catalogue). */
  itemPrefix: string;
}

const DATASETS: Record<string, DatasetSpec> = {
  lastfm: {
    format: 'lastfm',
    folder: 'lastfm-hetrec2011-2k',
    split: 'hash',
    splitText: 'FNV-1a(userID:artistID) mod 5 = 0 is test; validation likewise from the rest',
    itemPrefix: 'lastfm:artist:',
  },
  movielens: {
    format: 'movielens',
    folder: 'movielens-latest-small',
    split: 'temporal',
    splitText: "temporal: each user's last 20% of ratings test, the 10% before validation",
    itemPrefix: 'ml:movie:',
  },
  stackexchange: {
    format: 'stackexchange',
    folder: 'se-beer',
    split: 'temporal',
    splitText: "temporal: each user's last 20% of engagements test, the 10% before validation",
    itemPrefix: 'se-beer:',
  },
};

const HELP = `usage: npm run eval -- --dataset <${Object.keys(DATASETS).join('|')}> [options]
  --max-users N      evaluate at most N test users (default: all)
  --fit-users N      fit the blend on N validation users (default: 300)
  --write-weights    write the fitted blend weights as the new defaults
                     (default for lastfm; --no-write-weights to skip)
  --models LIST      learned models trained on the training graph and evaluated
                     as sources, comma-separated, or none
                     (default: ${SERVED_MODELS.join(',')})
  --reuse            keep the eval database if it already holds this split`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      'max-users': { type: 'string' },
      'write-weights': { type: 'boolean' },
      'no-write-weights': { type: 'boolean' },
      reuse: { type: 'boolean' },
      models: { type: 'string' },
      'fit-users': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const spec = values.dataset ? DATASETS[values.dataset] : undefined;
  if (values.help || !spec || !values.dataset) {
    console.error(HELP);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const dataset = values.dataset;
  const maxUsers = values['max-users'] ? Number(values['max-users']) : undefined;
  const models = values.models ?? SERVED_MODELS.join(',');
  const writeWeights = values['no-write-weights']
    ? false
    : values['write-weights'] ?? dataset === 'lastfm';

  const config = loadConfig({
    ...process.env,
    NEO4J_LOCAL_INSTANCE: process.env.EVAL_NEO4J_INSTANCE ?? 'eval',
    NEO4J_LOCAL_BOLT_PORT: process.env.EVAL_BOLT_PORT ?? '7690',
    NEO4J_LOCAL_HTTP_PORT: process.env.EVAL_HTTP_PORT ?? '7477',
    NEO4J_PASSWORD: process.env.EVAL_NEO4J_PASSWORD ?? 'grapevine-eval-password',
  });
  const log = createLogger({ LOG_LEVEL: 'warn', LOG_PRETTY: true });
  const started = performance.now();
  const db = await connectDatabase(config, log);
  const datasetPath = path.join(projectRoot, '..', 'shared', 'datasets', spec.folder);
  if (!fs.existsSync(datasetPath)) throw new Error(`dataset not found: ${datasetPath}`);

  try {
    const marker = await db.readText<{ n: number }>(
      'MATCH (m:_EvalState {dataset: $dataset}) RETURN count(m) AS n', { dataset });
    let parts;
    if (values.reuse && (marker[0]?.n ?? 0) > 0) {
      console.error(`reusing the ${dataset} evaluation database`);
      parts = JSON.parse(
        fs.readFileSync(path.join(projectRoot, 'eval', 'tmp', `${dataset}-split.json`), 'utf8'),
      ) as ReturnType<typeof splitEngagements>;
    } else {
      console.error(`importing ${spec.folder} into the eval database…`);
      await wipeData(db);
      await importDataset(db, { format: spec.format, path: datasetPath,
        progress: createProgress() });
      const engagements = await readEngagements(db);
      parts = splitEngagements(engagements, spec.split);
      await removeEngagements(db, [...parts.validation, ...parts.test]);
      await db.writeText('CREATE (:_EvalState {dataset: $dataset})', { dataset });
      fs.mkdirSync(path.join(projectRoot, 'eval', 'tmp'), { recursive: true });
      fs.writeFileSync(
        path.join(projectRoot, 'eval', 'tmp', `${dataset}-split.json`), JSON.stringify(parts));
    }
    console.error(
      `split: ${parts.train.length} train, ${parts.validation.length} validation, ` +
        `${parts.test.length} test engagements`,
    );

    const catalogue = await countCatalogue(db, spec.itemPrefix);
    // The engine's clock is the end of the training data, so the sources'
    // time windows (social proof's 30 days, trending's 48 h) cover it as
    // they would cover today's engagements on a live service.
    const trainEnd = parts.train.reduce((max, e) => Math.max(max, e.at), 0) + 1;
    const engine = createEngine({
      db,
      log,
      clock: () => trainEnd,
      // Quality, not latency, is measured here: no source is cut short.
      config: { feed: { ...FEED_DEFAULTS, sourceBudgetMs: 120_000 } },
    });
    await engine.projection.load();
    const modelNames = models === 'none' ? [] : models.split(',').filter(Boolean);
    const modelSeconds: string[] = [];
    for (const name of modelNames) {
      process.stderr.write(`training ${name} on the training graph…`);
      const trained = await trainModelSource(db, name, {
        onEpoch: (r) => process.stderr.write(` ${r.epoch}/${r.epochs}`),
      });
      engine.sources.register(trained.source);
      modelSeconds.push(`${name} ${trained.report.seconds.toFixed(1)} s`);
      process.stderr.write(` done in ${trained.report.seconds.toFixed(1)} s\n`);
    }
    const setupSeconds = (performance.now() - started) / 1000;
    let lastShown = 0;
    const output = await runHarness({
      engine,
      log,
      parts,
      catalogue,
      modelSources: modelNames,
      ...(maxUsers !== undefined ? { maxUsers } : {}),
      ...(values['fit-users'] ? { fitUsers: Number(values['fit-users']) } : {}),
      onProgress: (done, total, phase) => {
        const now = performance.now();
        if (done === total || now - lastShown > 2000) {
          lastShown = now;
          const elapsed = (now - started) / 1000;
          const bar = '#'.repeat(Math.round((20 * done) / total)).padEnd(20, '.');
          const seconds = elapsed.toFixed(0);
          process.stderr.write(`\r${phase} [${bar}] ${done}/${total} users, ${seconds} s `);
          if (done === total) process.stderr.write('\n');
        }
      },
    });

    const seconds = (performance.now() - started) / 1000;
    const report: EvaluationReport = {
      dataset,
      split: spec.splitText,
      createdAt: new Date().toISOString(),
      trainInteractions: parts.train.length,
      testInteractions: parts.test.length,
      catalogueSize: catalogue.length,
      results: output.results,
      notes: notesFor(output, {
        dataset,
        seconds,
        setupSeconds,
        maxUsers,
        modelSeconds,
        command: `npm run eval -- --dataset ${dataset}` +
          (maxUsers !== undefined ? ` --max-users ${maxUsers}` : '') +
          (values['fit-users'] ? ` --fit-users ${values['fit-users']}` : '') +
          (models !== SERVED_MODELS.join(',') ? ` --models ${models}` : ''),
      }),
    };
    const files = writeReport(report, path.join(projectRoot, 'eval', 'results'));
    console.log(fs.readFileSync(files[0]!, 'utf8'));
    if (writeWeights) {
      fs.writeFileSync(BLEND_WEIGHTS_FILE, JSON.stringify(output.fitted.weights, null, 2) + '\n');
      const file = path.relative(projectRoot, BLEND_WEIGHTS_FILE);
      console.log(`wrote fitted blend weights to ${file}`);
    }
    await engine.projection.stop();
  } finally {
    await db.close();
  }
}

interface RunFacts {
  dataset: string;
  seconds: number;
  setupSeconds: number;
  maxUsers: number | undefined;
  modelSeconds: string[];
  command: string;
}

/** Which sources the validation data could not judge, kept at their weight. */
function silentNote(output: HarnessOutput): string {
  if (output.silent.size === 0) return 'Every source had hits on the validation users.';
  const kept = [...output.silent].map(([source, why]) =>
    `${source} ${output.fitted.weights[source] ?? 0} (${why})`);
  return 'Silent on the validation users, so kept at their previous weight rather than ' +
    `fitted: ${kept.join(', ')}.`;
}

/** The notes under the table: fitted weights, comparisons, run time. */
function notesFor(output: HarnessOutput, facts: RunFacts): string[] {
  const n = output.ndcg20;
  const f = (value: number | undefined) => (value ?? 0).toFixed(3);
  const singles = output.results.filter((r) => r.family === 'source' || r.family === 'model');
  const best = [...singles].sort((a, b) => b.at20.ndcg - a.at20.ndcg)[0];
  const blend = n[BLEND_ROWS.fitted] ?? 0;
  const knn = n['item-KNN (cosine)'] ?? 0;
  const beaten = singles.filter((r) => r.at20.ndcg >= blend).map((r) => r.method);
  const cf = ['itemCF', 'userCF'].map((s) => `${s} ${f(n[s])}`).join(', ');
  const weights = Object.entries(output.fitted.weights).map(([s, w]) => `${s} ${w}`).join(', ');
  const noFollow = output.withoutFollows;
  return [
    `Blend weights fitted on ${facts.dataset} validation users (never test users) by ` +
      `coordinate ascent on NDCG@20, each validation user counted as themselves and as a ` +
      `new user (no follows, no engagement): ${weights}; validation NDCG@20 ` +
      `${f(output.fitted.startNdcg)} with the previous weights → ` +
      `${f(output.fitted.validationNdcg)}.`,
    silentNote(output),
    `Test NDCG@20: fitted blend ${f(blend)}, best single source ${best?.method ?? '-'} ` +
      `${f(best?.at20.ndcg)}, item-KNN ${f(knn)}. The blend ` +
      (beaten.length === 0 && blend > knn
        ? 'beats every single source and item-KNN.'
        : `does not beat ${[...beaten, ...(blend <= knn ? ['item-KNN'] : [])].join(', ')}.`),
    `Follow graph: the blend fitted without inNetwork and socialProof scores ` +
      `${f(n[BLEND_ROWS.withoutFollows])} (validation ${f(noFollow.validationNdcg)}), with ` +
      `them ${f(blend)}: a lift of ${f(blend - (n[BLEND_ROWS.withoutFollows] ?? 0))} ` +
      `(${(100 * (blend / Math.max(1e-9, n[BLEND_ROWS.withoutFollows] ?? 0) - 1)).toFixed(1)}%). ` +
      `socialProof alone ${f(n.socialProof)} against pure CF: ${cf}.`,
    ...(facts.modelSeconds.length > 0
      ? [`Learned models trained on the training graph only: ${facts.modelSeconds.join(', ')}.`]
      : []),
    `Whole run ${facts.seconds.toFixed(0)} s (import, split and model training ` +
      `${facts.setupSeconds.toFixed(0)} s; ` +
      Object.entries(output.phaseSeconds).map(([p, s]) => `${p} ${s.toFixed(0)} s`).join(', ') +
      `) with \`${facts.command}\`; load average at the end ` +
      `${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores.` +
      (facts.maxUsers !== undefined ? ` Only the first ${facts.maxUsers} test users.` : ''),
    'The s column: seconds spent producing that method\'s lists over all test users ' +
      `(a user's sources run one after another, ${HARNESS_DEFAULTS.concurrency} users at ` +
      'a time, so a source\'s seconds include waiting for the others; the blends reuse ' +
      'the sources\' lists).',
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
