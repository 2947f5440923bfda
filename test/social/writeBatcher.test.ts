import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { WriteBatcher, type Outcome } from '../../src/social/writeBatcher.js';

/**
 * The group-commit machinery on its own, with a writer that records what
 * each batch saw (the Neo4j side is in edgeBatches.test.ts).
 */
interface Behaviour {
  failBatch?: boolean;
  /** The batch fails because Neo4j cannot be reached. */
  unreachable?: boolean;
  maxBatchSize?: number;
  /** How long each batch takes to write, in milliseconds. */
  batchMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingBatcher(options: Behaviour = {}) {
  const batches: number[][] = [];
  const alone: number[] = [];
  const batcher = new WriteBatcher<number, number>({
    writeBatch: async (items) => {
      batches.push([...items]);
      await sleep(options.batchMs ?? 0);
      if (options.failBatch) throw new Error('the batch transaction failed');
      if (options.unreachable) {
        throw new Neo4jError('Connection refused', 'ServiceUnavailable', '', '');
      }
      return items.map((item): Outcome<number> => item < 0
        ? { ok: false, error: new Error(`bad item ${item}`) }
        : { ok: true, value: item * 10 });
    },
    writeOne: async (item) => {
      alone.push(item);
      if (item < 0) throw new Error(`bad item ${item} alone`);
      return item * 10;
    },
    keyOf: (item) => String(item),
    maxBatchSize: options.maxBatchSize ?? 200,
    maxWaitMs: 2,
    maxInFlight: 1,
  });
  return { batcher, batches, alone };
}

describe('WriteBatcher', () => {
  it('writes items submitted at the same moment in one batch, answering each', async () => {
    const { batcher, batches } = recordingBatcher();
    const results = await Promise.all([1, 2, 3].map((item) => batcher.submit(item)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('rejects only the item its batch refused', async () => {
    const { batcher } = recordingBatcher();
    const results = await Promise.allSettled([1, -2, 3].map((item) => batcher.submit(item)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('bad item -2');
  });

  it('writes each item alone when the batch transaction fails', async () => {
    const { batcher, batches, alone } = recordingBatcher({ failBatch: true });
    const results = await Promise.allSettled([4, -5, 6].map((item) => batcher.submit(item)));
    expect(batches).toEqual([[4, -5, 6]]);
    expect(alone.sort()).toEqual([-5, 4, 6]);
    expect(results.map((r) => r.status === 'fulfilled' ? r.value : 'rejected'))
      .toEqual([40, 'rejected', 60]);
  });

  it('answers every item with the outage at once when Neo4j is unreachable', async () => {
    const { batcher, alone } = recordingBatcher({ unreachable: true });
    const results = await Promise.allSettled([1, 2].map((item) => batcher.submit(item)));
    expect(alone).toEqual([]);
    for (const result of results) {
      expect((result as PromiseRejectedResult).reason)
        .toMatchObject({ code: 'ServiceUnavailable' });
    }
  });

  it('sends the same item twice in one batch once and answers both', async () => {
    const { batcher, batches } = recordingBatcher();
    const results = await Promise.all([7, 7, 8].map((item) => batcher.submit(item)));
    expect(results).toEqual([70, 70, 80]);
    expect(batches).toEqual([[7, 8]]);
  });

  it('splits a burst into batches of at most maxBatchSize', async () => {
    const { batcher, batches } = recordingBatcher({ maxBatchSize: 4 });
    const items = Array.from({ length: 10 }, (_, index) => index);
    expect(await Promise.all(items.map((item) => batcher.submit(item))))
      .toEqual(items.map((item) => item * 10));
    expect(batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
  });

  it('gathers what arrives while a batch is being written into the next one', async () => {
    const { batcher, batches } = recordingBatcher({ batchMs: 30 });
    const first = batcher.submit(1);
    await sleep(10);
    const later = [2, 3].map((item) => batcher.submit(item));
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });
});
