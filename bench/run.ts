/**
 * `npm run bench`: the full benchmark of issue 9, written to
 * bench/results.md.
 *
 *   npm run bench -- [--dataset ../shared/datasets/lastfm-hetrec2011-2k]
 *     [--skip-import] [--duration 10] [--connections 10,50,100]
 *     [--scenarios feed,similarPosts,whoToFollow,like,follow] [--rate 300]
 *     [--out bench/results.md] [--keep-neo4j]
 *
 * 1. starts the `bench` Neo4j (loopback 7763/7463), wipes it and imports
 *    Last.fm with `npm run import` as its own process, timed;
 * 2. starts the API as its own process (port 4163);
 * 3. drives each scenario with autocannon (after 3 s of unrecorded warm-up)
 *    at each concurrency, then the
 *    feed at a fixed offered rate, recording throughput, latency, errors
 *    and the peak RSS of the API and of Neo4j;
 * 4. times the classic Cypher collaborative filter on the same data;
 * 5. measures how long a like takes to reach the walk graph;
 * 6. stops the API and Neo4j and writes the report.
 *
 * Every request goes to 127.0.0.1, and every loop ends by itself.
 */
import { execSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { wipeData } from '../test/support/database.js';
import { spawnApiProcess, stopApiProcess, type ApiProcess } from './runner/apiProcess.js';
import { timeClassicCF, type ClassicCFResult } from './runner/classicCF.js';
import { drive, type DriveResult } from './runner/drive.js';
import { measurePropagation } from './runner/propagation.js';
import { renderReport, writeKeepingSoak, type RunReport } from './runner/report.js';
import { loadBenchData, SCENARIOS, type BenchData } from './runner/scenarios.js';
import {
  benchEnv, runImport, startBenchNeo4j, stopBenchNeo4j, type ImportTiming,
} from './runner/stack.js';

const { values: flags } = parseArgs({
  options: {
    dataset: { type: 'string', default: '../shared/datasets/lastfm-hetrec2011-2k' },
    'skip-import': { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10,50,100' },
    scenarios: { type: 'string', default: SCENARIOS.map((s) => s.name).join(',') },
    rate: { type: 'string', default: '300' },
    out: { type: 'string', default: 'bench/results.md' },
    'keep-neo4j': { type: 'boolean', default: false },
  },
});
const durationS = Number(flags.duration);
const connections = flags.connections.split(',').map(Number);
const chosen = SCENARIOS.filter((s) => flags.scenarios.split(',').includes(s.name));

async function importData(db: Database): Promise<ImportTiming[]> {
  if (flags['skip-import']) return [];
  await wipeData(db);
  console.log(`importing ${flags.dataset}`);
  const timing = await runImport(['lastfm', flags.dataset]);
  console.log(timing.summary);
  return [timing];
}

async function driveAll(api: ApiProcess, data: BenchData, neo4jPid?: number) {
  const runs: DriveResult[] = [];
  const pids = { api: api.child.pid, neo4j: neo4jPid };
  for (const scenario of chosen) {
    // Unrecorded warm-up: JIT, Neo4j's page cache and the driver's pool.
    await drive({ url: api.url, name: 'warm-up', connections: 10, durationS: 3, pids: {},
      next: scenario.requests(data, 1) });
    for (const [index, count] of connections.entries()) {
      const result = await drive({
        url: api.url, name: scenario.name, connections: count, durationS, pids,
        next: scenario.requests(data, 1000 + index),
      });
      console.log(JSON.stringify({ ...result, peakRss: undefined }));
      runs.push(result);
    }
  }
  const feed = chosen.find((s) => s.name === 'feed');
  if (feed && Number(flags.rate) > 0) {
    const result = await drive({
      url: api.url, name: 'feed', connections: 50, rate: Number(flags.rate), durationS, pids,
      next: feed.requests(data, 99),
    });
    console.log(JSON.stringify({ ...result, peakRss: undefined }));
    runs.push(result);
  }
  return runs;
}

function judgeTargets(runs: DriveResult[], propagation: RunReport['propagation']) {
  const capped = runs.find((r) => r.name === 'feed' && r.rate !== undefined);
  const writes = runs.filter((r) => r.name === 'like' || r.name === 'follow');
  const bestWrites = writes.reduce((best, r) => Math.max(best, r.perSecond), 0);
  return [
    {
      target: `feed p99 ≤ 50 ms at ≥ 300 rps (offered ${flags.rate}/s, 50 connections)`,
      measured: capped ? `p99 ${Math.round(capped.p99)} ms at ${capped.perSecond.toFixed(0)} ` +
        `rps, errors ${(capped.errorRate * 100).toFixed(1)}%` : 'not run',
      met: capped ? capped.p99 <= 50 && capped.perSecond >= 300 && capped.errorRate === 0
        : undefined,
    },
    {
      target: 'writes ≥ 2,000/s (best of like and follow)',
      measured: writes.length ? `${bestWrites.toFixed(0)}/s` : 'not run',
      met: writes.length ? bestWrites >= 2000 : undefined,
    },
    {
      target: 'a like reaches the walk graph within 1 s',
      measured: propagation ? `p50 ${Math.round(propagation.p50)} ms, worst ` +
        `${Math.round(propagation.max)} ms` : 'not measured',
      met: propagation ? propagation.max <= 1000 : undefined,
    },
  ];
}

function ratioNotes(runs: DriveResult[], classic: ClassicCFResult[]): string[] {
  return classic.flatMap((cf) => {
    const feed = runs.find((r) => r.name === 'feed' && r.rate === undefined &&
      r.connections === cf.concurrency);
    if (!feed) return [];
    return [`Our feed (API, ${feed.connections} connections) against the classic Cypher CF ` +
      `(driver, concurrency ${cf.concurrency}): p50 ${(feed.p50 / cf.p50).toFixed(2)}×, ` +
      `p99 ${(feed.p99 / cf.p99).toFixed(2)}×, throughput ` +
      `${(feed.perSecond / cf.perSecond).toFixed(2)}× (feed ÷ CF).`];
  });
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const { db, pid: neo4jPid } = await startBenchNeo4j();
  let api: ApiProcess | undefined;
  try {
    const imports = await importData(db);
    const data = await loadBenchData(db, 2026);
    api = await spawnApiProcess(benchEnv);
    console.log(`API at ${api.url}; ${data.users.length} viewers, ${data.postIds.length} posts`);
    const runs = await driveAll(api, data, neo4jPid);
    const propagation = await measurePropagation(api.url, db, data).catch((error: unknown) => {
      console.error(`like-to-walk-graph not measured: ${String(error)}`);
      return undefined;
    });
    const classicCF = [
      await timeClassicCF(db, data.users.map((u) => u.id), 1, durationS),
      await timeClassicCF(db, data.users.map((u) => u.id), 10, durationS),
    ];
    const report: RunReport = {
      startedAt,
      commit: execSync('git rev-parse --short HEAD', { cwd: projectRoot }).toString().trim(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      durationS, imports, runs, classicCF, propagation,
      notes: ratioNotes(runs, classicCF),
      targets: judgeTargets(runs, propagation),
    };
    writeKeepingSoak(path.resolve(projectRoot, flags.out), renderReport(report));
    console.log(`wrote ${flags.out}`);
  } finally {
    if (api) await stopApiProcess(api);
    await db.close();
    if (!flags['keep-neo4j']) await stopBenchNeo4j();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
