/**
 * The live heap: the heap in use right after a forced full garbage
 * collection, published as `grapevine_live_heap_bytes` every
 * LIVE_HEAP_PROBE_S seconds when that setting is above 0 (off by default).
 *
 * The heap used at any other moment also holds garbage V8 has not
 * collected yet. Under a steady load V8 lets the old generation grow for
 * minutes between full collections (objects of requests still in flight
 * at a young-generation collection are promoted, then die), so a memory
 * soak that judges by `grapevine_nodejs_heap_size_used_bytes`, even by its
 * lowest reading per window, sees growth that no leak causes (issue #9:
 * 48 -> 94 MiB while heap snapshots, taken after a full collection, stayed
 * at 34 to 35 MiB). What a leak raises is what survives a full collection.
 *
 * The collection needs `gc()`, which node exposes only when started with
 * `--expose-gc` (directly or in NODE_OPTIONS). Each one pauses the process
 * for tens of milliseconds on a heap of some tens of MiB, so the probe is
 * meant for soaks and leak hunts, not for steady serving. It is triggered
 * only by this timer: no request can cause a collection.
 */
import client from 'prom-client';
import { ConfigError } from '../config.js';

export interface LiveHeapProbe {
  /** Stops the timer; the gauge keeps its last value. */
  stop(): void;
}

export interface LiveHeapOptions {
  /** Seconds between collections; above 0. */
  intervalS: number;
  /** A full collection (default: node's `gc`, present with --expose-gc). */
  collect?: () => void;
  /** The heap in use, in bytes (default: process.memoryUsage().heapUsed). */
  readHeapUsed?: () => number;
}

/**
 * Registers `grapevine_live_heap_bytes` in `registry`, sets it at once and
 * starts the timer that sets it again. Throws ConfigError when no `gc()`
 * is available.
 */
export function startLiveHeapProbe(
  registry: client.Registry,
  options: LiveHeapOptions,
): LiveHeapProbe {
  const collect = options.collect ?? globalThis.gc;
  if (collect === undefined) {
    throw new ConfigError(
      `Invalid configuration:\n  LIVE_HEAP_PROBE_S=${JSON.stringify(String(options.intervalS))}: ` +
        'expected 0, or a process started with --expose-gc (for instance ' +
        'NODE_OPTIONS=--expose-gc), which the probe needs to force a full collection.',
    );
  }
  const readHeapUsed = options.readHeapUsed ?? (() => process.memoryUsage().heapUsed);
  const gauge = new client.Gauge({
    name: 'grapevine_live_heap_bytes',
    help: 'Heap in use right after the latest forced full garbage collection ' +
      '(LIVE_HEAP_PROBE_S), in bytes.',
    registers: [registry],
  });
  const probe = () => {
    collect();
    gauge.set(readHeapUsed());
  };
  // A first reading at once: an unset gauge would be scraped as 0.
  probe();
  const timer = setInterval(probe, options.intervalS * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
