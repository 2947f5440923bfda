/**
 * The in-memory projection: bulk load, tailing new edges, idempotent
 * replays, and the random walks over it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createRandom } from '../../src/math/random.js';
import { pixieWalk, splitSteps } from '../../src/graph/pixie.js';
import {
  GraphProjection,
  postKey,
  PROJECTION_DEFAULTS,
  userKey,
} from '../../src/graph/projection.js';
import { int } from '../../src/db/database.js';
import { useTestDatabase } from '../support/database.js';
import { buildWorld, like, NOW } from '../recommend/world.js';

describe('GraphProjection', () => {
  const t = useTestDatabase();
  let projection: GraphProjection;

  beforeAll(async () => {
    await buildWorld(t.db);
    projection = new GraphProjection(t.db, silentLogger, {
      ...PROJECTION_DEFAULTS,
      loadPageSize: 3,
    });
    await projection.load();
  });

  it('loads every engagement pair and follow, across load pages', async () => {
    const [pairs] = await t.db.readText<{ n: number }>(
      `MATCH (u:User)-[:LIKED|REPOSTED|REPLIED]->(p:Post)
       WITH DISTINCT u, p RETURN count(*) AS n`,
    );
    const [follows] = await t.db.readText<{ n: number }>(
      'MATCH (:User)-[:FOLLOWS]->(:User) RETURN count(*) AS n',
    );
    expect(projection.engagement.size).toBe(pairs!.n);
    expect(projection.follows.size).toBe(follows!.n);
    expect(projection.followees('v').sort()).toEqual(['f1', 'f2', 'f3']);
    expect(projection.watermark).toBe(NOW - 3600 * 1000);
  });

  it('picks up a new like and a new follow on the next refresh', async () => {
    await like(t.db, [{ a: 'newbie', b: 'co', ageH: 0 }]);
    await t.db.writeText(
      `MATCH (a:User {id: 'newbie'}), (b:User {id: 'o3'})
       CREATE (a)-[:FOLLOWS {at: $at}]->(b)`,
      { at: int(NOW) },
    );
    expect(projection.engagementNeighbours(userKey('newbie'))).toEqual([]);
    expect(await projection.refresh()).toBeGreaterThanOrEqual(2);
    expect(projection.engagementNeighbours(userKey('newbie'))).toEqual([postKey('co')]);
    expect(projection.engagementNeighbours(postKey('co'))).toContain(userKey('newbie'));
    expect(projection.followees('newbie')).toEqual(['o3']);
  });

  it('replays edges already seen without changing the graph', async () => {
    const size = projection.engagement.size;
    const before = projection.engagement.edgeBetween(userKey('f1'), postKey('star'));
    expect(before).toBeDefined();
    await projection.refresh();
    await projection.refresh();
    expect(projection.engagement.size).toBe(size);
    expect(projection.engagement.edgeBetween(userKey('f1'), postKey('star'))).toEqual(before);
  });

  it('splits the step budget by seed weight and degree', () => {
    const budgets = splitSteps(projection, [
      { postId: 'seedA', weight: 1 },
      { postId: 'seedB', weight: 1 },
      { postId: 'fromF1', weight: 1 },
    ], 1000);
    expect(budgets[2]).toBe(0);
    expect(budgets[0]! + budgets[1]!).toBe(1000);
  });

  it('walks the same way for the same seed and boosts posts reached from several seeds',
    () => {
      const seeds = [{ postId: 'seedA', weight: 1 }, { postId: 'seedB', weight: 1 }];
      const first = pixieWalk(projection, seeds, createRandom(7));
      expect(pixieWalk(projection, seeds, createRandom(7))).toEqual(first);
      const co = first.find((visit) => visit.postId === 'co');
      expect(co?.seedCount).toBe(2);
      expect(first.map((visit) => visit.postId)).not.toContain('seedA');
    });
});
