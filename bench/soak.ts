/**
 * `npm run bench:soak -- [--minutes 10] [--connections 10]
 *   [--scenarios feed,similarPosts,whoToFollow,like,follow] [--out bench/results.md]`
 *
 * Memory over a long steady load on the bench stack (run `npm run bench`
 * first: it imports the data and leaves it in the `bench` instance). Each
 * request is drawn from the chosen scenarios in turn. With the feed among
 * them, every viewer's first page is asked once before the soak, as
 * `npm run bench` does: the ranked-feed cache then holds every viewer
 * (about 240 KiB each on Last.fm) from the start, and its filling up is
 * not taken for growth. Writes the "Memory soak" section of
 * bench/results.md and stops what it started.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.js';
import { spawnApiProcess, stopApiProcess, type ApiProcess } from './runner/apiProcess.js';
import { primeFeeds } from './runner/feedCache.js';
import { SOAK_HEADING, writeSoakSection } from './runner/report.js';
import { runSoak, SOAK_API_ENV, type SoakResult } from './runner/soak.js';
import { loadBenchData, SCENARIOS } from './runner/scenarios.js';
import { benchEnv, startBenchNeo4j, stopBenchNeo4j } from './runner/stack.js';

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    scenarios: { type: 'string', default: 'feed,similarPosts,whoToFollow,like,follow' },
    out: { type: 'string', default: 'bench/results.md' },
  },
});

function render(result: SoakResult, command: string, primed: string): string {
  const f = (x: number) => x.toFixed(2);
  return [
    SOAK_HEADING,
    '',
    `\`${command}\` at ${new Date().toISOString()}: ${result.requests} requests in ` +
      `${result.durationS} s (${result.perSecond.toFixed(0)}/s) over ${flags.connections} ` +
      `connections (${flags.scenarios} in turn), errors ` +
      `${(result.errorRate * 100).toFixed(1)}%, load average ` +
      `${result.loadBefore.toFixed(1)} before and ${result.loadAfter.toFixed(1)} after.` +
      primed,
    '',
    '| measure | after warm-up | at the end | slope (MiB/min) |',
    '| --- | --- | --- | --- |',
    `| live heap (lowest per 10 s window, each read after a forced full GC) | ` +
      `${f(result.heapFirstMiB)} MiB | ${f(result.heapLastMiB)} MiB | ` +
      `${f(result.heapSlopeMiBPerMin)} |`,
    `| heap used (lowest per 10 s window, garbage included) | ${f(result.usedFirstMiB)} MiB | ` +
      `${f(result.usedLastMiB)} MiB | ${f(result.usedSlopeMiBPerMin)} |`,
    `| API RSS | ${f(result.rssFirstMiB)} MiB | ${f(result.rssLastMiB)} MiB | ` +
      `${f(result.rssSlopeMiBPerMin)} |`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { db } = await startBenchNeo4j();
  let api: ApiProcess | undefined;
  try {
    const data = await loadBenchData(db, 11);
    const makers = SCENARIOS.filter((s) => flags.scenarios.split(',').includes(s.name))
      .map((s, i) => s.requests(data, 500 + i));
    let turn = 0;
    api = await spawnApiProcess({ ...benchEnv, ...SOAK_API_ENV });
    let primed = '';
    if (flags.scenarios.split(',').includes('feed')) {
      const seconds = await primeFeeds(api.url, data);
      primed = ` Before it, the ${data.users.length} viewers' feeds were ranked once ` +
        `(${seconds.toFixed(1)} s), so the feed cache starts full.`;
    }
    const result = await runSoak({
      url: api.url, pid: api.child.pid, durationS: Number(flags.minutes) * 60,
      connections: Number(flags.connections),
      next: () => makers[turn++ % makers.length]!(),
    });
    console.log(JSON.stringify(result));
    const command = `npm run bench:soak -- ${process.argv.slice(2).join(' ')}`.trim();
    writeSoakSection(path.resolve(projectRoot, flags.out), render(result, command, primed));
  } finally {
    if (api) await stopApiProcess(api);
    await db.close();
    await stopBenchNeo4j();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
