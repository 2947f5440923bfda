import client from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { startLiveHeapProbe } from '../../src/observability/liveHeap.js';

/** The value of an unlabelled metric in Prometheus text, or undefined. */
async function read(registry: client.Registry, name: string): Promise<number | undefined> {
  const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('startLiveHeapProbe', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('publishes the heap in use right after each forced full collection', async () => {
    const registry = new client.Registry();
    const events: string[] = [];
    let heap = 40 * 2 ** 20;
    const probe = startLiveHeapProbe(registry, {
      intervalS: 2,
      collect: () => {
        events.push('collect');
        heap -= 2 ** 20;
      },
      readHeapUsed: () => {
        events.push('read');
        return heap;
      },
    });

    expect(events).toEqual(['collect', 'read']);
    expect(await read(registry, 'grapevine_live_heap_bytes')).toBe(39 * 2 ** 20);
    vi.advanceTimersByTime(4000);
    expect(events).toHaveLength(6);
    expect(await read(registry, 'grapevine_live_heap_bytes')).toBe(37 * 2 ** 20);

    probe.stop();
    vi.advanceTimersByTime(10_000);
    expect(events).toHaveLength(6);
  });

  it('refuses to start without gc(), naming the setting and --expose-gc', () => {
    const registry = new client.Registry();
    const withoutGc = () => startLiveHeapProbe(registry, {
      intervalS: 2,
      collect: undefined,
    });
    // Vitest's workers run without --expose-gc, so node's gc is absent here.
    expect(globalThis.gc).toBeUndefined();
    expect(withoutGc).toThrow(ConfigError);
    expect(withoutGc).toThrow(/LIVE_HEAP_PROBE_S="2".*--expose-gc/s);
  });
});
