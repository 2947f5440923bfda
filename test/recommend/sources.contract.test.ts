/**
 * The contract every candidate source keeps, run against each registered
 * source on the small world of world.ts, then each source's known answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runSource } from '../../src/recommend/candidates.js';
import { createDefaultSources } from '../../src/recommend/sources/index.js';
import type { Engine } from '../../src/recommend/engine.js';
import { useTestDatabase } from '../support/database.js';
import { buildWorld, FORBIDDEN_FOR_V, worldEngine } from './world.js';

const SOURCE_NAMES = createDefaultSources().names();

describe('candidate sources', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeAll(async () => {
    await buildWorld(t.db);
    engine = await worldEngine(t.db);
  });

  describe.each(SOURCE_NAMES)('the %s source', (name) => {
    it('never returns a filtered post', async () => {
      const ids = (await runSource(engine, name, 'v', 50)).map((c) => c.postId);
      for (const forbidden of FORBIDDEN_FOR_V) expect(ids).not.toContain(forbidden);
    });

    it('returns only posts the viewer may see, best first, positive scores', async () => {
      const candidates = await runSource(engine, name, 'v', 50);
      const visible = await t.db.readText<{ id: string }>(
        `MATCH (p:Post) WHERE p.deletedAt IS NULL AND (p.visibility = 'PUBLIC'
           OR EXISTS { (:User {id: 'v'})-[:FOLLOWS]->(:User)-[:AUTHORED]->(p) })
         RETURN p.id AS id`,
      );
      const allowed = new Set(visible.map((row) => row.id));
      for (const c of candidates) {
        expect(allowed.has(c.postId)).toBe(true);
        expect(c.score).toBeGreaterThan(0);
        expect(c.reasons.length).toBeGreaterThan(0);
      }
      const scores = candidates.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('returns the same list twice for the same viewer', async () => {
      const first = await runSource(engine, name, 'v', 50);
      const second = await runSource(engine, name, 'v', 50);
      expect(second).toEqual(first);
    });

    it('honours the limit', async () => {
      expect((await runSource(engine, name, 'v', 1)).length).toBeLessThanOrEqual(1);
    });
  });

  it('inNetwork returns followed authors\' recent posts, newest first', async () => {
    const ids = (await runSource(engine, 'inNetwork', 'v', 10)).map((c) => c.postId);
    expect(ids).toEqual(['fromF1', 'fromF1Private']);
  });

  it('socialProof ranks the post all three friends liked first', async () => {
    const [top] = await runSource(engine, 'socialProof', 'v', 10);
    expect(top?.postId).toBe('star');
    expect(top?.reasons).toEqual([
      { kind: 'ENGAGED_BY_FOLLOWEES', count: 3, userIds: ['f1', 'f2', 'f3'] },
    ]);
  });

  it('itemCF proposes the post co-engaged with the viewer\'s likes', async () => {
    const [top] = await runSource(engine, 'itemCF', 'v', 10);
    expect(top?.postId).toBe('co');
    expect(top?.reasons[0]?.kind).toBe('SIMILAR_TO_ENGAGED');
  });

  it('userCF proposes what the most similar users engaged with', async () => {
    const [top] = await runSource(engine, 'userCF', 'v', 10);
    expect(top?.postId).toBe('co');
    expect(top?.reasons[0]).toMatchObject({ kind: 'ENGAGED_BY_SIMILAR_USERS' });
  });

  it('randomWalk reaches the co-engaged post from the viewer\'s likes', async () => {
    const [top] = await runSource(engine, 'randomWalk', 'v', 10);
    expect(top?.postId).toBe('co');
  });

  it('content proposes the nearest embedded post to the viewer\'s taste', async () => {
    const [top] = await runSource(engine, 'content', 'v', 10);
    expect(top).toMatchObject({
      postId: 'contentMatch',
      reasons: [{ kind: 'SIMILAR_TO_ENGAGED', postId: 'seedA' }],
    });
  });

  it('content returns nothing for a viewer with no embedded engagement', async () => {
    expect(await runSource(engine, 'content', 'f1', 10)).toEqual([]);
  });

  it('trending ranks the post with the most recent engagement first, with its tag', async () => {
    const [top] = await runSource(engine, 'trending', 'v', 10);
    expect(top).toMatchObject({ postId: 'trend', reasons: [{ kind: 'TRENDING', tag: 'news' }] });
  });

  it('popular ranks posts by how many users engaged with them', async () => {
    const ids = (await runSource(engine, 'popular', 'newbie', 2)).map((c) => c.postId);
    expect(ids).toEqual(['trend', 'badBlocked']);
  });
});
