/**
 * The blended feed on the small world: ranking, filters, explanations,
 * pagination over snapshots, cold start and freshness.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/recommend/engine.js';
import { RecommendError } from '../../src/recommend/errors.js';
import { recommendFeed, type FeedPage } from '../../src/recommend/feed.js';
import type { FeedSnapshot } from '../../src/recommend/snapshot.js';
import { ViewerCache } from '../../src/recommend/viewerCache.js';
import { createDefaultSources } from '../../src/recommend/sources/index.js';
import { silentLogger } from '../../src/log.js';
import { useTestDatabase } from '../support/database.js';
import { buildWorld, FORBIDDEN_FOR_V, like, worldEngine } from './world.js';

const ids = (page: FeedPage): string[] => page.edges.map((edge) => edge.item.postId);

/** The engine with a feed cache of its own holding rankings for `ttlMs`. */
const withCache = (engine: Engine, ttlMs: number): Engine =>
  ({ ...engine, feedCache: new ViewerCache<FeedSnapshot>({
    ttlMs, maxEntries: 10, expiresAt: (snapshot) => snapshot.expiresAt,
  }) });

/** The engine with a cache of its own that never reuses a ranking. */
const uncached = (engine: Engine): Engine => withCache(engine, 0);

describe('recommendFeed', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeAll(async () => {
    await buildWorld(t.db);
    engine = await worldEngine(t.db);
  });

  it('ranks the post all of the viewer\'s friends liked first', async () => {
    const page = await recommendFeed(engine, { viewerId: 'v', first: 5 });
    expect(ids(page)[0]).toBe('star');
    expect(page.edges[0]!.item.reasons[0]).toEqual(
      { kind: 'ENGAGED_BY_FOLLOWEES', count: 3, userIds: ['f1', 'f2', 'f3'] },
    );
  });

  it('never shows blocked, muted, private, deleted, own, seen or hidden posts', async () => {
    const page = await recommendFeed(engine, { viewerId: 'v', first: 100 });
    expect(page.edges.length).toBeGreaterThan(3);
    for (const forbidden of FORBIDDEN_FOR_V) expect(ids(page)).not.toContain(forbidden);
  });

  it('explains every item with reasons and a per-source breakdown', async () => {
    const page = await recommendFeed(engine, { viewerId: 'v', first: 100 });
    for (const { item } of page.edges) {
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.breakdown.length).toBeGreaterThan(0);
      const sum = item.breakdown.reduce((total, share) => total + share.contribution, 0);
      expect(item.score).toBeLessThanOrEqual(sum + 1e-9);
    }
    const fromFriend = page.edges.find((edge) => edge.item.postId === 'fromF1')!.item;
    expect(fromFriend.reasons[0]).toEqual({ kind: 'FOLLOWED_AUTHOR', authorId: 'f1' });
    expect(fromFriend.breakdown.map((share) => share.source)).toContain('inNetwork');
  });

  it('suppresses a near-duplicate of a post already placed', async () => {
    const page = await recommendFeed(engine, { viewerId: 'v', first: 100 });
    expect(ids(page)).toContain('star');
    expect(ids(page)).not.toContain('dupOfStar');
  });

  it('serves pages that never overlap or skip, even when likes arrive between them', async () => {
    const whole = ids(await recommendFeed(engine, { viewerId: 'v', first: 100 }));
    const seen: string[] = [];
    let page = await recommendFeed(engine, { viewerId: 'v', first: 2 });
    seen.push(...ids(page));
    await like(t.db, [{ a: 'o4', b: 'co', ageH: 0 }, { a: 'f3', b: 'trend', ageH: 0 }]);
    await engine.projection.refresh();
    while (page.hasNextPage) {
      page = await recommendFeed(engine, { viewerId: 'v', first: 2, after: page.endCursor });
      seen.push(...ids(page));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(whole);
  });

  it('orders equal scores the same way every time', async () => {
    const ranking = uncached(engine);
    const first = await recommendFeed(ranking, { viewerId: 'v', first: 100 });
    const second = await recommendFeed(ranking, { viewerId: 'v', first: 100 });
    expect(second.snapshotId).not.toBe(first.snapshotId);
    expect(ids(second)).toEqual(ids(first));
  });

  it('gives a new user trending and popular posts', async () => {
    const page = await recommendFeed(engine, { viewerId: 'newbie', first: 10 });
    expect(ids(page)[0]).toBe('trend');
    const kinds = page.edges.flatMap((edge) => edge.item.reasons.map((r) => r.kind));
    expect(kinds).toContain('TRENDING');
    expect(kinds).toContain('POPULAR');
  });

  it('changes the next feed after a fresh like', async () => {
    const reasonsOfCo = (page: FeedPage) =>
      page.edges.find((edge) => edge.item.postId === 'co')?.item.reasons ?? [];
    // `b` has engaged with nothing yet.
    const before = await recommendFeed(engine, { viewerId: 'b', first: 100 });
    expect(reasonsOfCo(before).map((r) => r.kind)).not.toContain('SIMILAR_TO_ENGAGED');
    await like(t.db, [{ a: 'b', b: 'seedA', ageH: 0 }]);
    await engine.projection.refresh();
    const after = await recommendFeed(engine, { viewerId: 'b', first: 100 });
    expect(ids(after)).not.toContain('seedA');
    expect(reasonsOfCo(after)).toContainEqual({ kind: 'SIMILAR_TO_ENGAGED', postId: 'seedA' });
  });

  it('still serves the feed when a source fails or runs out of time', async () => {
    const sources = createDefaultSources()
      .register({ name: 'broken', generate: () => Promise.reject(new Error('boom')) })
      .register({ name: 'stuck', generate: () => new Promise(() => undefined) });
    const warnings: string[] = [];
    const log = silentLogger.child({});
    log.warn = ((obj: { source: string }) => warnings.push(obj.source)) as typeof log.warn;
    const degraded: Engine = {
      ...uncached(engine),
      sources,
      log,
      config: { ...engine.config, feed: { ...engine.config.feed, sourceBudgetMs: 5000 } },
    };
    const page = await recommendFeed(degraded, { viewerId: 'v', first: 5 });
    expect(ids(page)[0]).toBe('star');
    expect(warnings).toEqual(expect.arrayContaining(['broken', 'stuck']));
    expect(page.edges.every((edge) => edge.item.breakdown.length > 0)).toBe(true);
  });

  it('reuses the ranked feed for the next first page while the viewer does nothing', async () => {
    const cached = withCache(engine, 60_000);
    const first = await recommendFeed(cached, { viewerId: 'v', first: 3 });
    const again = await recommendFeed(cached, { viewerId: 'v', first: 3 });
    expect(again.snapshotId).toBe(first.snapshotId);
    expect(ids(again)).toEqual(ids(first));
    expect([cached.feedCache.hits, cached.feedCache.misses]).toEqual([1, 1]);
  });

  it('ranks anew once the viewer has acted, even through another process', async () => {
    const cached = withCache(engine, 60_000);
    const before = await recommendFeed(cached, { viewerId: 'f2', first: 100 });
    const top = ids(before)[0]!;
    // Written straight to Neo4j, as another API replica would.
    await like(t.db, [{ a: 'f2', b: top, ageH: 0 }]);
    const after = await recommendFeed(cached, { viewerId: 'f2', first: 100 });
    expect(after.snapshotId).not.toBe(before.snapshotId);
    expect(ids(after)).not.toContain(top);
  });

  it('ranks anew once the cached feed is older than its time to live', async () => {
    let now = engine.clock();
    const cached: Engine = { ...withCache(engine, 1000), clock: () => now };
    const first = await recommendFeed(cached, { viewerId: 'v', first: 3 });
    now += 1000;
    const later = await recommendFeed(cached, { viewerId: 'v', first: 3 });
    expect(later.snapshotId).not.toBe(first.snapshotId);
  });

  it('leaves a post hidden since the snapshot out of a later page', async () => {
    const ranking = uncached(engine);
    const whole = ids(await recommendFeed(ranking, { viewerId: 'v', first: 100 }));
    const first = await recommendFeed(ranking, { viewerId: 'v', first: 2 });
    const hidden = whole[2]!;
    await t.db.writeText(`MATCH (v:User {id: 'v'}), (p:Post {id: $id})
      CREATE (v)-[:HID {at: timestamp()}]->(p)`, { id: hidden });
    const next = (page: FeedPage) =>
      recommendFeed(ranking, { viewerId: 'v', first: 2, after: page.endCursor });
    const second = await next(first);
    expect(ids(second)).toEqual([whole[3]]);
    expect(ids(await next(second))[0]).toBe(whole[4]);
    await t.db.writeText(
      `MATCH (:User {id: 'v'})-[h:HID]->(:Post {id: $id}) DELETE h`, { id: hidden });
  });

  it('ranks once for several first pages asked at the same time', async () => {
    const cached = withCache(engine, 60_000);
    const pages = await Promise.all(
      [1, 2, 3, 4].map(() => recommendFeed(cached, { viewerId: 'v', first: 3 })),
    );
    expect(new Set(pages.map((page) => page.snapshotId)).size).toBe(1);
  });

  it('rejects a cursor of another viewer, a forged cursor and a bad page size', async () => {
    const page = await recommendFeed(engine, { viewerId: 'v', first: 1 });
    await expect(recommendFeed(engine, { viewerId: 'f1', first: 1, after: page.endCursor }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(recommendFeed(engine, { viewerId: 'v', first: 1, after: 'bm9wZQ' }))
      .rejects.toBeInstanceOf(RecommendError);
    await expect(recommendFeed(engine, { viewerId: 'v', first: 1, after: '' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(recommendFeed(engine, { viewerId: 'v', first: 0 }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(recommendFeed(engine, { viewerId: 'nobody', first: 1 }))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
