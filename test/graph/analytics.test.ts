/**
 * Communities, PageRank and explanation paths on graphs with known answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { int } from '../../src/db/database.js';
import { silentLogger } from '../../src/log.js';
import {
  communityTopUsers,
  explainRecommendation,
  listCommunities,
  userCommunity,
} from '../../src/recommend/analytics.js';
import { createEngine, type Engine } from '../../src/recommend/engine.js';
import { useTestDatabase } from '../support/database.js';
import { buildWorld, NOW } from '../recommend/world.js';

// Two tight groups joined by one follow (a1 -> b1). a1 is the hub of A.
const FOLLOWS = [
  ['a2', 'a1'], ['a3', 'a1'], ['a4', 'a1'], ['a1', 'a2'], ['a2', 'a3'], ['a3', 'a4'],
  ['a4', 'a2'], ['b2', 'b1'], ['b3', 'b1'], ['b4', 'b1'], ['b1', 'b2'], ['b2', 'b3'],
  ['b3', 'b4'], ['b4', 'b3'], ['a1', 'b1'],
];

describe('graph analytics', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeAll(async () => {
    await buildWorld(t.db);
    await t.db.writeText(
      `UNWIND $follows AS f
       MERGE (a:User {id: f[0]}) ON CREATE SET a.handle = f[0], a.createdAt = $t
       MERGE (b:User {id: f[1]}) ON CREATE SET b.handle = f[1], b.createdAt = $t
       CREATE (a)-[:FOLLOWS {at: $t}]->(b)`,
      { follows: FOLLOWS, t: int(NOW) },
    );
    await t.db.writeText(
      `UNWIND [['a', 'jazz'], ['b', 'rock']] AS g
       MERGE (tag:Tag {name: g[1]})
       CREATE (p:Post {id: g[0] + '-post', text: g[1], kind: 'post', createdAt: $t,
         visibility: 'PUBLIC'})-[:TAGGED]->(tag)
       WITH p, g
       MATCH (u:User) WHERE u.id STARTS WITH g[0] AND size(u.id) = 2
       CREATE (u)-[:LIKED {at: $t, weight: 1.0}]->(p)`,
      { t: int(NOW) },
    );
    engine = createEngine({ db: t.db, log: silentLogger, clock: () => NOW });
    await engine.projection.load();
  });

  it('puts each tight group in its own community', async () => {
    const a = await userCommunity(engine, { userId: 'a3' });
    const b = await userCommunity(engine, { userId: 'b3' });
    expect(a.id).not.toBe(b.id);
    expect(a.size).toBe(4);
    expect(b.size).toBe(4);
    expect((await userCommunity(engine, { userId: 'a4' })).id).toBe(a.id);
    expect(a.topTags).toEqual([{ name: 'jazz', count: 4 }]);
    expect(b.topTags).toEqual([{ name: 'rock', count: 4 }]);
  });

  it('ranks the most followed member of a community first by PageRank', async () => {
    const a = await userCommunity(engine, { userId: 'a2' });
    const [top] = communityTopUsers(engine, { communityId: a.id, first: 2 });
    expect(top?.userId).toBe('a1');
    expect(top?.pageRank).toBeGreaterThan(0);
  });

  it('lists communities largest first, with size, tags and top users', async () => {
    const communities = await listCommunities(engine, { first: 50 });
    const sizes = communities.map((c) => c.size);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    const jazz = communities.find((c) => c.topTags[0]?.name === 'jazz');
    expect(jazz?.topUsers[0]?.userId).toBe('a1');
  });

  it('explains a post liked by followees with the paths through them', async () => {
    const paths = await explainRecommendation(engine, { viewerId: 'v', postId: 'star' });
    const viaFollowees = paths.filter((p) => p.kind === 'ENGAGED_BY_FOLLOWEES');
    expect(viaFollowees.map((p) => p.nodes[1]?.id).sort()).toEqual(['f1', 'f2', 'f3']);
    expect(viaFollowees[0]?.relationships).toEqual(['FOLLOWS', 'LIKED']);
    expect(paths.some((p) => p.kind === 'FOLLOWED_AUTHOR')).toBe(false);
  });

  it('names a followee once, though they both liked and reposted the post', async () => {
    await t.db.writeText(
      `MATCH (f:User {id: 'f1'}), (p:Post {id: 'star'}) CREATE (f)-[:REPOSTED {at: $t}]->(p)`,
      { t: int(NOW) },
    );
    try {
      const paths = await explainRecommendation(engine, { viewerId: 'v', postId: 'star' });
      const viaFollowees = paths.filter((p) => p.kind === 'ENGAGED_BY_FOLLOWEES');
      expect(viaFollowees.map((p) => p.nodes[1]?.id).sort()).toEqual(['f1', 'f2', 'f3']);
    } finally {
      await t.db.writeText(`MATCH (:User {id: 'f1'})-[r:REPOSTED]->(:Post {id: 'star'}) DELETE r`);
    }
  });

  it('explains a co-engaged post through the user who liked both', async () => {
    const paths = await explainRecommendation(engine, { viewerId: 'v', postId: 'co' });
    expect(paths).toContainEqual({
      kind: 'CO_ENGAGEMENT',
      nodes: [
        { label: 'User', id: 'v' }, { label: 'Post', id: 'seedA' },
        { label: 'User', id: 'o1' }, { label: 'Post', id: 'co' },
      ],
      relationships: ['LIKED', 'LIKED', 'LIKED'],
    });
  });

  it('refuses to explain a post the viewer may not see', async () => {
    await expect(explainRecommendation(engine, { viewerId: 'v', postId: 'badPrivate' }))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(explainRecommendation(engine, { viewerId: 'v', postId: 'badBlocked' }))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
