/**
 * Group commit for small writes: requests that arrive while the database
 * is busy are gathered and written together in one transaction, so that
 * a burst of likes or follows costs one transaction (and one log flush)
 * per batch instead of one per request.
 *
 * Each request still gets its own answer: the batch reports a result or
 * an error per item. When the batch transaction itself fails, every item
 * is retried alone in a transaction of its own, so one bad item cannot
 * fail the others; unless Neo4j is unreachable, when every item gets that
 * error at once. A request is answered only after its transaction has
 * committed, so an acknowledged write is as durable as it was alone.
 */

import { isDatabaseUnavailable } from '../graphql/errors.js';

/** What the batch decided for one item. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface WriteBatcherOptions<I, R> {
  /**
   * Writes `items` in one transaction and returns one outcome per item,
   * in order; throws when the transaction as a whole failed.
   */
  writeBatch: (items: readonly I[]) => Promise<Array<Outcome<R>>>;
  /** Writes one item in its own transaction (the fallback path). */
  writeOne: (item: I) => Promise<R>;
  /** Items that must share one outcome (the same edge twice) share a key. */
  keyOf: (item: I) => string;
  /** Most items in one batch. */
  maxBatchSize?: number;
  /** How long the first item of a batch waits for company, in milliseconds. */
  maxWaitMs?: number;
  /** Batches written at the same time; further items wait for one to end. */
  maxInFlight?: number;
}

export const WRITE_BATCH_DEFAULTS = {
  /** Items per transaction: big enough to amortise a commit, small enough to stay quick. */
  maxBatchSize: 200,
  /** Milliseconds; what a lone request pays at most for the chance of company. */
  maxWaitMs: 2,
  /** Two: one batch commits while the next one gathers. */
  maxInFlight: 2,
};

interface Waiting<R> {
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

interface Entry<I, R> {
  item: I;
  waiting: Array<Waiting<R>>;
}

/** Gathers concurrent writes into batches; see the file comment. */
export class WriteBatcher<I, R> {
  private readonly options: Required<WriteBatcherOptions<I, R>>;
  private pending = new Map<string, Entry<I, R>>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: WriteBatcherOptions<I, R>) {
    this.options = { ...WRITE_BATCH_DEFAULTS, ...options };
  }

  /** Resolves with the item's result once its batch has committed. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const key = this.options.keyOf(item);
      const entry = this.pending.get(key) ?? { item, waiting: [] };
      entry.waiting.push({ resolve, reject });
      this.pending.set(key, entry);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight >= this.options.maxInFlight) return;
    if (this.pending.size >= this.options.maxBatchSize) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0 || this.inFlight >= this.options.maxInFlight) return;

    const entries = [...this.pending.values()].slice(0, this.options.maxBatchSize);
    for (const entry of entries) this.pending.delete(this.options.keyOf(entry.item));
    this.inFlight += 1;
    void this.write(entries).finally(() => {
      this.inFlight -= 1;
      // What gathered meanwhile has waited long enough.
      this.flush();
    });
  }

  private async write(entries: Array<Entry<I, R>>): Promise<void> {
    let outcomes: Array<Outcome<R>>;
    try {
      outcomes = await this.options.writeBatch(entries.map((entry) => entry.item));
      if (outcomes.length !== entries.length) {
        throw new Error(`writeBatch must answer ${entries.length} items, but answered ` +
          `${outcomes.length}`);
      }
    } catch (error) {
      // Neo4j gone: writing each item alone would only wait out the
      // driver's retries again, item by item. Everyone gets the outage now.
      outcomes = isDatabaseUnavailable(error)
        ? entries.map(() => ({ ok: false, error }))
        : await Promise.all(entries.map((entry) => this.writeAlone(entry.item)));
    }
    entries.forEach((entry, index) => settle(entry, outcomes[index]!));
  }

  private async writeAlone(item: I): Promise<Outcome<R>> {
    try {
      return { ok: true, value: await this.options.writeOne(item) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}

function settle<I, R>(entry: Entry<I, R>, outcome: Outcome<R>): void {
  for (const waiting of entry.waiting) {
    if (outcome.ok) waiting.resolve(outcome.value);
    else waiting.reject(outcome.error);
  }
}

const batchers = new WeakMap<object, Map<string, WriteBatcher<unknown, unknown>>>();

/**
 * The batcher named `key` of `owner` (a Database: batches never mix two
 * servers), made with `options` on first use.
 */
export function batcherFor<I, R>(
  owner: object,
  key: string,
  options: () => WriteBatcherOptions<I, R>,
): WriteBatcher<I, R> {
  let named = batchers.get(owner);
  if (!named) batchers.set(owner, (named = new Map()));
  let batcher = named.get(key) as WriteBatcher<I, R> | undefined;
  if (!batcher) {
    batcher = new WriteBatcher(options());
    named.set(key, batcher as WriteBatcher<unknown, unknown>);
  }
  return batcher;
}
