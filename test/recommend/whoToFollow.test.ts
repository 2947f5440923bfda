/**
 * Who-to-follow on the small world of world.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/recommend/engine.js';
import { RecommendError } from '../../src/recommend/errors.js';
import { WorkGate } from '../../src/recommend/workGate.js';
import {
  describeFollowReason,
  suggestUsersToFollow,
} from '../../src/recommend/whoToFollow.js';
import { useTestDatabase } from '../support/database.js';
import { buildWorld, NOW, worldEngine } from './world.js';

describe('suggestUsersToFollow', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeAll(async () => {
    await buildWorld(t.db);
    engine = await worldEngine(t.db);
  });

  it('suggests first the user followed by all the people the viewer follows', async () => {
    const [top] = await suggestUsersToFollow(engine, { viewerId: 'v', first: 5 });
    expect(top?.userId).toBe('o1');
    expect(top?.handle).toBe('o1');
    expect(top?.reasons[0]).toEqual(
      { kind: 'FOLLOWED_BY_FOLLOWEES', count: 3, userIds: ['f1', 'f2', 'f3'] },
    );
    expect(describeFollowReason(top!.reasons[0]!)).toBe('Followed by 3 people you follow');
    expect(top?.breakdown.map((share) => share.source)).toContain('pageRank');
  });

  it('never suggests the viewer, followed, blocked either way or muted users', async () => {
    const ids = (await suggestUsersToFollow(engine, { viewerId: 'v', first: 100 }))
      .map((s) => s.userId);
    expect(ids.length).toBeGreaterThan(2);
    for (const never of ['v', 'f1', 'f2', 'f3', 'b', 'bb', 'm']) {
      expect(ids).not.toContain(never);
    }
  });

  it('suggests users who engage with the same posts', async () => {
    const suggestions = await suggestUsersToFollow(engine, { viewerId: 'v', first: 100 });
    const o3 = suggestions.find((s) => s.userId === 'o3');
    expect(o3?.reasons).toContainEqual(
      { kind: 'ENGAGES_WITH_SAME_POSTS', count: 1, postIds: ['seedB'] },
    );
  });

  it('gives a new user the most-followed accounts', async () => {
    const [top] = await suggestUsersToFollow(engine, { viewerId: 'newbie', first: 3 });
    expect(top).toMatchObject({
      userId: 'o1',
      reasons: [{ kind: 'POPULAR_ACCOUNT', followers: 3 }],
    });
  });

  it('returns the same suggestions twice', async () => {
    const first = await suggestUsersToFollow(engine, { viewerId: 'v', first: 10 });
    expect(await suggestUsersToFollow(engine, { viewerId: 'v', first: 10 })).toEqual(first);
  });

  it('reuses the list while the viewer does nothing, yet re-reads blocks', async () => {
    const cached = await worldEngine(t.db);
    const before = await suggestUsersToFollow(cached, { viewerId: 'v', first: 10 });
    expect(before[0]?.userId).toBe('o1');
    expect([cached.followCache.hits, cached.followCache.misses]).toEqual([0, 1]);
    // o1 blocks v: nothing v did, so the cached list is reused, but o1 goes.
    await t.db.writeText(
      `MATCH (a:User {id: 'o1'}), (b:User {id: 'v'}) CREATE (a)-[:BLOCKS {at: $at}]->(b)`,
      { at: NOW },
    );
    try {
      const after = await suggestUsersToFollow(cached, { viewerId: 'v', first: 10 });
      expect(cached.followCache.hits).toBe(1);
      expect(after.map((s) => s.userId)).toEqual(
        before.map((s) => s.userId).filter((id) => id !== 'o1'),
      );
    } finally {
      await t.db.writeText(`MATCH (:User {id: 'o1'})-[r:BLOCKS]->(:User {id: 'v'}) DELETE r`);
    }
  });

  it('computes anew once the viewer has acted', async () => {
    const cached = await worldEngine(t.db);
    await suggestUsersToFollow(cached, { viewerId: 'newbie', first: 3 });
    await t.db.writeText(
      `MATCH (a:User {id: 'newbie'}), (b:User {id: 'o1'}) CREATE (a)-[:FOLLOWS {at: $at}]->(b)`,
      { at: NOW },
    );
    try {
      const after = await suggestUsersToFollow(cached, { viewerId: 'newbie', first: 3 });
      expect([cached.followCache.hits, cached.followCache.misses]).toEqual([0, 2]);
      expect(after.map((s) => s.userId)).not.toContain('o1');
    } finally {
      await t.db.writeText(`MATCH (:User {id: 'newbie'})-[r:FOLLOWS]->() DELETE r`);
    }
  });

  it('answers OVERLOADED when no ranking may start, and NOT_FOUND for no such user', async () => {
    const shut = { ...engine, rankingGate: new WorkGate({ maxActive: 0, maxQueued: 0 }) };
    const fresh = { ...shut, followCache: (await worldEngine(t.db)).followCache };
    await expect(suggestUsersToFollow(fresh, { viewerId: 'v', first: 5 }))
      .rejects.toMatchObject({ code: 'OVERLOADED' });
    const missing = suggestUsersToFollow(engine, { viewerId: 'nobody', first: 5 });
    await expect(missing).rejects.toBeInstanceOf(RecommendError);
    await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
