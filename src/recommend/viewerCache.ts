/**
 * A per-viewer cache of one API process for recommendations that are
 * costly to compute (a ranked feed, who-to-follow): a viewer's latest
 * result, reused while it is younger than `ttlMs` and the viewer has done
 * nothing since (their fingerprint, see cypher/recommend/viewerStamp.cypher,
 * is unchanged). Ranking a feed costs every source, the filter and a
 * snapshot write; a cache hit costs one small read.
 *
 * What a hit can miss: what *other* users did in the last `ttlMs` (a new
 * post by a followee, a friend's like). Safety does not depend on it: the
 * callers re-check what the viewer may see on every request (the feed's
 * loaders re-check visibility, who-to-follow re-reads blocks and mutes).
 *
 * Least recently used entries go first once `maxEntries` are held or
 * their weights (`weigh`, such as a value's JSON size) add up to more than
 * `maxWeight`. A ranked feed of 300 explained items holds about 240 KiB of
 * heap, so a count alone would let 5,000 viewers take over a gigabyte.
 */

export interface ViewerCacheOptions<T> {
  /** Longest reuse of a result, in ms (0 turns the cache off). */
  ttlMs: number;
  /** Most viewers held. */
  maxEntries: number;
  /** When a value goes stale on its own (ms since the epoch), if it does. */
  expiresAt?: (value: T) => number;
  /** Most total weight held (default: no limit). */
  maxWeight?: number;
  /** A value's weight (default 1). */
  weigh?: (value: T) => number;
}

interface Entry<T> {
  value: T;
  stamp: string;
  storedAt: number;
  weight: number;
}

export class ViewerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly computing = new Map<string, Promise<T>>();
  hits = 0;
  misses = 0;
  /** Total weight of the entries held. */
  weight = 0;

  constructor(readonly options: ViewerCacheOptions<T>) {}

  /** The viewer's cached value when still fresh under `stamp`, else undefined. */
  get(viewerId: string, stamp: string, now: number): T | undefined {
    const entry = this.entries.get(viewerId);
    const expiresAt = this.options.expiresAt;
    const fresh = entry !== undefined && entry.stamp === stamp
      && now - entry.storedAt < this.options.ttlMs
      && (expiresAt === undefined || now < expiresAt(entry.value));
    if (!fresh) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.entries.delete(viewerId); // re-insert: most recently used last
    this.entries.set(viewerId, entry);
    return entry.value;
  }

  /** The viewer's cached value, fresh or not, without counting a hit. */
  peek(viewerId: string): T | undefined {
    return this.entries.get(viewerId)?.value;
  }

  /** Caches the viewer's new value, computed under `stamp`. */
  set(viewerId: string, value: T, stamp: string, now: number): void {
    if (this.options.ttlMs <= 0 || this.options.maxEntries <= 0) return;
    const weight = this.options.weigh?.(value) ?? 1;
    const maxWeight = this.options.maxWeight ?? Infinity;
    this.remove(viewerId);
    if (weight > maxWeight) return;
    this.entries.set(viewerId, { value, stamp, storedAt: now, weight });
    this.weight += weight;
    while (this.entries.size > this.options.maxEntries || this.weight > maxWeight) {
      this.remove(this.entries.keys().next().value!);
    }
  }

  private remove(viewerId: string): void {
    const entry = this.entries.get(viewerId);
    if (entry === undefined) return;
    this.weight -= entry.weight;
    this.entries.delete(viewerId);
  }

  /**
   * Runs `compute` for the viewer unless a computation under the same stamp
   * is already under way, in which case its result is shared: a client
   * that fires several first pages at once costs one ranking.
   */
  once(viewerId: string, stamp: string, compute: () => Promise<T>): Promise<T> {
    const key = `${stamp}\n${viewerId}`;
    const running = this.computing.get(key);
    if (running !== undefined) return running;
    const started = compute().finally(() => this.computing.delete(key));
    this.computing.set(key, started);
    return started;
  }

  get size(): number {
    return this.entries.size;
  }
}
