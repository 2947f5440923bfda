/**
 * Costly per-viewer answers (a ranked feed, who-to-follow) reused while
 * the viewer has done nothing: their fingerprint decides freshness, the
 * cache (viewerCache.ts) holds the answer, and the ranking gate
 * (workGate.ts) bounds how many are computed at once.
 */
import { unknownViewer } from './candidates.js';
import type { Engine } from './engine.js';
import type { ViewerCache } from './viewerCache.js';

/**
 * The viewer's fingerprint (cypher/recommend/viewerStamp.cypher);
 * NOT_FOUND when there is no such user.
 */
export async function readViewerStamp(engine: Engine, viewerId: string): Promise<string> {
  const rows = await engine.db.read<{ relationships: number; latestAt: number | null }>(
    'recommend/viewerStamp',
    { viewerId },
  );
  const row = rows[0];
  if (row === undefined) throw unknownViewer(viewerId);
  return `${row.relationships}:${row.latestAt ?? 0}`;
}

/**
 * The viewer's answer from `cache` while fresh under their fingerprint;
 * else `compute` runs through the ranking gate (OVERLOADED when too many
 * wait), once for simultaneous callers, and its answer is cached.
 */
export async function cachedForViewer<T>(
  engine: Engine,
  cache: ViewerCache<T>,
  viewerId: string,
  compute: () => Promise<T>,
): Promise<T> {
  const stamp = await readViewerStamp(engine, viewerId);
  const cached = cache.get(viewerId, stamp, engine.clock());
  if (cached !== undefined) return cached;
  return cache.once(viewerId, stamp, () => engine.rankingGate.run(async () => {
    const value = await compute();
    cache.set(viewerId, value, stamp, engine.clock());
    return value;
  }));
}
