/**
 * Who-to-follow on the small world of world.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/recommend/engine.js';
import {
  describeFollowReason,
  suggestUsersToFollow,
} from '../../src/recommend/whoToFollow.js';
import { useTestDatabase } from '../support/database.js';
import { buildWorld, worldEngine } from './world.js';

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
});
