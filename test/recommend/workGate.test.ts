/**
 * The load-shedding gate in front of feed ranking (no database needed).
 */
import { describe, expect, it } from 'vitest';
import { WorkGate } from '../../src/recommend/workGate.js';

/** A job that finishes when `release` is called. */
function heldJob(): { job: () => Promise<string>; release: (value: string) => void } {
  let release!: (value: string) => void;
  const done = new Promise<string>((resolve) => { release = resolve; });
  return { job: () => done, release };
}

describe('WorkGate', () => {
  it('runs jobs up to its limit, queues the next ones and refuses past the queue', async () => {
    const gate = new WorkGate({ maxActive: 1, maxQueued: 1 });
    const first = heldJob();
    const second = heldJob();
    const running = gate.run(first.job);
    const queued = gate.run(second.job);
    expect(gate.load).toEqual({ active: 1, queued: 1 });
    await expect(gate.run(() => Promise.resolve('third')))
      .rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(gate.refused).toBe(1);

    first.release('one');
    second.release('two');
    expect(await running).toBe('one');
    expect(await queued).toBe('two');
    expect(gate.load).toEqual({ active: 0, queued: 0 });
  });

  it('frees the slot of a job that fails', async () => {
    const gate = new WorkGate({ maxActive: 1, maxQueued: 0 });
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(() => Promise.resolve('next'))).toBe('next');
  });
});
