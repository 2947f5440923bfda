/**
 * Training-time benchmark of the learned models on the shared datasets
 * (read from ../shared/datasets next to the repository; nothing from there
 * is committed).
 *
 *   npx tsx bench/models.ts [--dataset lastfm|movielens|all]
 *     [--model als|ease|multvae|multdae|gru4rec|...|all] [--repeat N]
 *
 * Prints one line per (dataset, model) with the median wall-clock and CPU
 * time of N fits and the last epoch's loss, and the load average at the
 * start (wall time on a shared machine grows with it; CPU time much less).
 * Run one at a time: it uses a whole core.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  interactionMatrixFromRows,
  type InteractionMatrix,
  type InteractionRow,
} from '../src/models/interactionMatrix.js';
import { createModel, MODEL_NAMES } from '../src/models/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const datasets = resolve(root, '../shared/datasets');

/** Last.fm: listens per (user, artist), log-scaled into (0, 1]. */
function loadLastfm(): InteractionRow[] {
  const path = resolve(datasets, 'lastfm-hetrec2011-2k/user_artists.dat');
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1);
  const raw = lines.filter((l) => l.trim()).map((l) => l.split('\t'));
  const max = Math.max(...raw.map((r) => Number(r[2])));
  // The file has no times: its line order stands in for them.
  return raw.map(([user, artist, count], line) => ({
    userId: `lastfm:user:${user}`,
    itemId: `lastfm:artist:${artist}`,
    weight: Math.log1p(Number(count)) / Math.log1p(max),
    at: line,
  }));
}

/** MovieLens latest-small: rating / 5 as weight, the rating's time. */
function loadMovielens(): InteractionRow[] {
  const path = resolve(datasets, 'movielens-latest-small/ratings.csv');
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1);
  return lines
    .filter((l) => l.trim())
    .map((l) => {
      const [user, movie, rating, time] = l.split(',');
      return {
        userId: `ml:user:${user}`,
        itemId: `ml:movie:${movie}`,
        weight: Number(rating) / 5,
        at: Number(time) * 1000,
      };
    });
}

const LOADERS: Record<string, () => InteractionRow[]> = {
  lastfm: loadLastfm,
  movielens: loadMovielens,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function benchOne(name: string, data: InteractionMatrix, repeat: number) {
  const times: number[] = [];
  const cpu: number[] = [];
  let loss = Number.NaN;
  let epochs = 0;
  for (let run = 0; run < repeat; run++) {
    const model = createModel(name);
    const cpuBefore = process.cpuUsage();
    const report = await model.fit(data, {
      seed: 42,
      onEpoch: (e) =>
        process.stderr.write(
          `    ${e.model} epoch ${e.epoch}/${e.epochs}: loss ` +
            `${e.loss.toPrecision(5)} in ${e.seconds.toFixed(2)} s\n`,
        ),
    });
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1e6);
    times.push(report.seconds);
    loss = report.epochs.at(-1)?.loss ?? Number.NaN;
    epochs = report.epochs.length;
  }
  return { seconds: median(times), cpu: median(cpu), times, loss, epochs };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: 'all' },
      model: { type: 'string', default: 'all' },
      repeat: { type: 'string', default: '1' },
    },
  });
  const names = values.dataset === 'all' ? Object.keys(LOADERS) : [values.dataset];
  const models = values.model === 'all' ? [...MODEL_NAMES] : [values.model];
  const repeat = Number(values.repeat);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const dataset of names) {
    const load = LOADERS[dataset];
    if (!load) throw new Error(`unknown dataset ${dataset}`);
    const data = interactionMatrixFromRows(load());
    console.log(
      `${dataset}: ${data.userCount} users × ${data.itemCount} items, ` +
        `${data.entryCount} engagements`,
    );
    for (const name of models) {
      const result = await benchOne(name, data, repeat);
      console.log(
        `  ${name.padEnd(8)} median ${result.seconds.toFixed(2)} s wall, ` +
          `${result.cpu.toFixed(2)} s CPU ` +
          `(runs ${result.times.map((t) => t.toFixed(2)).join(', ')}; ` +
          `${result.epochs} epochs, final loss ${result.loss.toPrecision(5)})`,
      );
    }
  }
}

await main();
