/**
 * The ranked-feed cache of one API process: a viewer's latest snapshot,
 * reused as their next first page while it is younger than `ttlMs` and the
 * viewer has done nothing since (their fingerprint, see
 * cypher/recommend/viewerStamp.cypher, is unchanged). Ranking a feed costs
 * every source, the filter and a snapshot write; a cache hit costs one
 * small read.
 *
 * What a hit can miss: what *other* users did in the last `ttlMs` (a new
 * post by a followee, a friend's like). Safety does not depend on it: the
 * API's loaders re-check visibility of every item served, so a post
 * deleted or an author blocked since is still left out.
 *
 * Least recently used entries go first once `maxEntries` are held.
 */
import type { FeedSnapshot } from './snapshot.js';

export interface FeedCacheOptions {
  /** Longest reuse of a ranked feed, in ms (0 turns the cache off). */
  ttlMs: number;
  /** Most viewers held. */
  maxEntries: number;
}

interface Entry {
  snapshot: FeedSnapshot;
  stamp: string;
  storedAt: number;
}

export class FeedCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(readonly options: FeedCacheOptions) {}

  /** The viewer's cached snapshot when still fresh under `stamp`, else undefined. */
  get(viewerId: string, stamp: string, now: number): FeedSnapshot | undefined {
    const entry = this.entries.get(viewerId);
    const fresh = entry !== undefined && entry.stamp === stamp
      && now - entry.storedAt < this.options.ttlMs && now < entry.snapshot.expiresAt;
    if (!fresh) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.entries.delete(viewerId); // re-insert: most recently used last
    this.entries.set(viewerId, entry);
    return entry.snapshot;
  }

  /** The cached snapshot with this id, if this process holds it. */
  snapshot(viewerId: string, snapshotId: string): FeedSnapshot | undefined {
    const entry = this.entries.get(viewerId);
    return entry?.snapshot.id === snapshotId ? entry.snapshot : undefined;
  }

  /** Caches the viewer's new snapshot, built under `stamp`. */
  set(viewerId: string, snapshot: FeedSnapshot, stamp: string, now: number): void {
    if (this.options.ttlMs <= 0 || this.options.maxEntries <= 0) return;
    this.entries.delete(viewerId);
    this.entries.set(viewerId, { snapshot, stamp, storedAt: now });
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
