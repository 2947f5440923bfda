/**
 * A memory soak: a steady mixed load on the API for a set time while its
 * memory is sampled every second, then the growth rate fitted by least
 * squares. The live heap is judged by the lowest heap-used reading in each
 * window (after a garbage collection), which is what a leak raises; RSS is
 * reported too.
 */
import { drive, type PlannedRequest } from './drive.js';
import { loadAverage, rssBytes } from './measure.js';

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
  /** Growth of the per-window lowest heap used, in MiB per minute. */
  heapSlopeMiBPerMin: number;
  /** Growth of RSS, in MiB per minute. */
  rssSlopeMiBPerMin: number;
  /** Lowest heap used in the first and last window after warm-up, MiB. */
  heapFirstMiB: number;
  heapLastMiB: number;
  rssFirstMiB: number;
  rssLastMiB: number;
  loadBefore: number;
  loadAfter: number;
}

interface Sample {
  s: number;
  heap: number;
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

async function heapUsed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('grapevine_nodejs_heap_size_used_bytes '));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

/** Runs the soak; resolves when `durationS` has passed. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const windowS = options.windowS ?? 10;
  const warmUp = options.durationS * (options.warmUpShare ?? 0.2);
  const samples: Sample[] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    void heapUsed(options.url).then((heap) => samples.push({
      s: (Date.now() - started) / 1000, heap, rss: rssBytes(options.pid),
    }), () => undefined);
  }, 1000);
  const load = await drive({
    url: options.url, name: 'soak', connections: options.connections,
    durationS: options.durationS, next: options.next, pids: {},
  });
  clearInterval(timer);

  const kept = samples.filter((x) => x.s >= warmUp && Number.isFinite(x.heap));
  const windows = new Map<number, Sample[]>();
  for (const x of kept) {
    const key = Math.floor(x.s / windowS);
    windows.set(key, [...(windows.get(key) ?? []), x]);
  }
  const lows = [...windows.values()].map((w) =>
    [w[0]!.s / 60, Math.min(...w.map((x) => x.heap)) / 2 ** 20] as const);
  const rss = kept.map((x) => [x.s / 60, x.rss / 2 ** 20] as const);
  return {
    durationS: options.durationS,
    requests: load.requests,
    errorRate: load.errorRate,
    failed: load.failed,
    heapSlopeMiBPerMin: slope(lows),
    rssSlopeMiBPerMin: slope(rss),
    heapFirstMiB: lows[0]?.[1] ?? Number.NaN,
    heapLastMiB: lows[lows.length - 1]?.[1] ?? Number.NaN,
    rssFirstMiB: rss[0]?.[1] ?? Number.NaN,
    rssLastMiB: rss[rss.length - 1]?.[1] ?? Number.NaN,
    loadBefore: load.loadBefore,
    loadAfter: load.loadAfter,
  };
}
