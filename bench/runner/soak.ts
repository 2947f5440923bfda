/**
 * A memory soak: a steady mixed load on the API for a set time while its
 * memory is sampled every second, then the growth rate fitted by least
 * squares.
 *
 * The live heap is judged by `grapevine_live_heap_bytes`, the heap in use
 * right after a forced full garbage collection, which the API publishes
 * when started with SOAK_API_ENV (src/observability/liveHeap.ts says why
 * the plain heap-used reading will not do: it also holds garbage V8 has
 * not collected yet, and grows under load with no leak). The lowest
 * reading in each window is kept, so objects of requests in flight at a
 * collection do not count. The plain heap used and RSS are reported too.
 */
import { drive, type PlannedRequest } from './drive.js';
import { rssBytes } from './measure.js';

/**
 * What the API process under a soak needs in its environment: `gc()`
 * exposed, and a forced full collection every 2 s.
 */
export const SOAK_API_ENV: Readonly<Record<string, string>> = {
  NODE_OPTIONS: '--expose-gc',
  LIVE_HEAP_PROBE_S: '2',
};

export interface SoakOptions {
  url: string;
  pid: number | undefined;
  durationS: number;
  connections: number;
  next: () => PlannedRequest;
  /** Seconds of each window whose lowest heap reading is kept (default 10). */
  windowS?: number;
  /** Share of the run ignored at its start, as warm-up (default 0.2). */
  warmUpShare?: number;
}

export interface SoakResult {
  durationS: number;
  requests: number;
  errorRate: number;
  /** Requests answered with an error (in flight at the end excluded). */
  failed: number;
  /** Answered requests per second. */
  perSecond: number;
  /** Growth of the per-window lowest live heap, in MiB per minute. */
  heapSlopeMiBPerMin: number;
  /** Lowest live heap in the first and last window after warm-up, MiB. */
  heapFirstMiB: number;
  heapLastMiB: number;
  /** The same for the plain heap used (live heap plus uncollected garbage). */
  usedSlopeMiBPerMin: number;
  usedFirstMiB: number;
  usedLastMiB: number;
  /** Growth of RSS, in MiB per minute. */
  rssSlopeMiBPerMin: number;
  rssFirstMiB: number;
  rssLastMiB: number;
  loadBefore: number;
  loadAfter: number;
}

interface Sample {
  s: number;
  live: number;
  used: number;
  rss: number;
}

/** Least-squares slope of y over x. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** The live heap and the heap used, in bytes, from one /metrics scrape (NaN if absent). */
async function readHeap(url: string): Promise<{ live: number; used: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : Number.NaN;
  };
  return {
    live: value('grapevine_live_heap_bytes'),
    used: value('grapevine_nodejs_heap_size_used_bytes'),
  };
}

/** The lowest `pick` of each `windowS` window, as [minutes, MiB] points. */
function windowLows(
  samples: readonly Sample[],
  windowS: number,
  pick: (x: Sample) => number,
): Array<readonly [number, number]> {
  const windows = new Map<number, Sample[]>();
  for (const x of samples.filter((x) => Number.isFinite(pick(x)))) {
    const key = Math.floor(x.s / windowS);
    windows.set(key, [...(windows.get(key) ?? []), x]);
  }
  return [...windows.values()].map((w) =>
    [w[0]!.s / 60, Math.min(...w.map(pick)) / 2 ** 20] as const);
}

/**
 * Runs the soak; resolves when `durationS` has passed. Throws when the API
 * published no live heap (it was not started with SOAK_API_ENV).
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const windowS = options.windowS ?? 10;
  const warmUp = options.durationS * (options.warmUpShare ?? 0.2);
  const samples: Sample[] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    void readHeap(options.url).then((heap) => samples.push({
      s: (Date.now() - started) / 1000, ...heap, rss: rssBytes(options.pid),
    }), () => undefined);
  }, 1000);
  const load = await drive({
    url: options.url, name: 'soak', connections: options.connections,
    durationS: options.durationS, next: options.next, pids: {},
  });
  clearInterval(timer);

  const kept = samples.filter((x) => x.s >= warmUp);
  const lives = windowLows(kept, windowS, (x) => x.live);
  if (lives.length === 0) {
    throw new Error('the API published no grapevine_live_heap_bytes: start it with ' +
      'SOAK_API_ENV (NODE_OPTIONS=--expose-gc, LIVE_HEAP_PROBE_S=2)');
  }
  const useds = windowLows(kept, windowS, (x) => x.used);
  const rss = kept.filter((x) => Number.isFinite(x.rss))
    .map((x) => [x.s / 60, x.rss / 2 ** 20] as const);
  const first = (points: ReadonlyArray<readonly [number, number]>) =>
    points[0]?.[1] ?? Number.NaN;
  const last = (points: ReadonlyArray<readonly [number, number]>) =>
    points[points.length - 1]?.[1] ?? Number.NaN;
  return {
    durationS: options.durationS,
    requests: load.requests,
    errorRate: load.errorRate,
    failed: load.failed,
    perSecond: load.perSecond,
    heapSlopeMiBPerMin: slope(lives),
    heapFirstMiB: first(lives),
    heapLastMiB: last(lives),
    usedSlopeMiBPerMin: slope(useds),
    usedFirstMiB: first(useds),
    usedLastMiB: last(useds),
    rssSlopeMiBPerMin: slope(rss),
    rssFirstMiB: first(rss),
    rssLastMiB: last(rss),
    loadBefore: load.loadBefore,
    loadAfter: load.loadAfter,
  };
}
