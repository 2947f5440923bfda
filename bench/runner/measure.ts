/**
 * Small measuring tools of the benchmark runner: percentiles, resident
 * memory of a process, and the load average to print next to every figure.
 */
import fs from 'node:fs';

/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** p50, p95 and p99 of latencies in milliseconds. */
export function percentiles(values: readonly number[]): { p50: number; p95: number; p99: number } {
  return { p50: quantile(values, 0.5), p95: quantile(values, 0.95), p99: quantile(values, 0.99) };
}

/** Resident set size of `pid` in bytes (from /proc), or NaN when unknown. */
export function rssBytes(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The 1-minute load average. */
export function loadAverage(): number {
  return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Samples the largest RSS of each pid until `stop()` is called. */
export function sampleMemory(pids: Record<string, number | undefined>, everyMs = 500) {
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const rss = rssBytes(pid);
      if (Number.isFinite(rss)) peak[name] = Math.max(peak[name] ?? 0, rss);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop(): Record<string, number> {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** Bytes as MiB with no decimals. */
export const mib = (bytes: number | undefined): string =>
  bytes === undefined || !Number.isFinite(bytes) ? 'n/a' : `${Math.round(bytes / 2 ** 20)}`;
