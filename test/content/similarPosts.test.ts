/**
 * findSimilarPosts on small graphs with known answers: content neighbours
 * from hand-made embeddings, shrunk co-engagement with exact values, the
 * visibility rules, reasons and cursor pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/math/random.js';
import {
  findSimilarPosts,
  shrunkCosine,
  type SimilarPostsRequest,
} from '../../src/recommend/similarPosts.js';
import { useTestDatabase } from '../support/database.js';
import { createPosts, engage, relate, type PostSpec } from './fixtures.js';

const DIMENSIONS = 128;
const random = createRandom(21);

/** Axis `axis` plus uniform noise of ±0.1 on dimensions 20 and up. */
function near(axis: number): number[] {
  return Array.from({ length: DIMENSIONS }, (_, i) =>
    (i === axis ? 1 : 0) + (i >= 20 ? (random() - 0.5) * 0.2 : 0));
}

function cosine(a: number[], b: number[]): number {
  let dot = 0, na = 0, nb = 0;
  a.forEach((x, i) => {
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  });
  return dot / Math.sqrt(na * nb);
}

function cluster(prefix: string, axis: number, count: number, tag: string): PostSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`, embedding: near(axis), tags: [tag], author: 'writer',
  }));
}

const clusters = [
  ...cluster('a', 0, 12, 'alpha'),
  ...cluster('b', 1, 6, 'beta'),
  ...cluster('c', 2, 6, 'gamma'),
];

describe('findSimilarPosts', () => {
  const t = useTestDatabase();
  const similar = (request: Partial<SimilarPostsRequest> & { postId: string }) =>
    findSimilarPosts({ db: t.db }, { first: 10, ...request });
  const ids = (page: { items: Array<{ postId: string }> }) =>
    page.items.map((item) => item.postId);

  beforeAll(async () => {
    await createPosts(t.db, [
      ...clusters,
      { id: 'src', author: 'writer' }, // no embedding: engagement only
      { id: 'five', author: 'writer' },
      { id: 'one', author: 'writer' },
    ]);
    const fans = ['u1', 'u2', 'u3', 'u4', 'u5'];
    await engage(t.db, 'LIKED', fans
      .flatMap((u): Array<[string, string]> => [[u, 'src'], [u, 'five']]));
    await engage(t.db, 'REPOSTED', [['u6', 'src'], ['u6', 'one']]);
  });

  it('finds the posts of the same cluster, most similar first', async () => {
    const page = await similar({ postId: 'a-0', first: 11 });
    expect(ids(page).sort()).toEqual(
      Array.from({ length: 11 }, (_, i) => `a-${i + 1}`).sort(),
    );
    const scores = page.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('scores similar text by cosine and shared tags by Jaccard overlap', async () => {
    const page = await similar({ postId: 'a-0', first: 1 });
    const [item] = page.items;
    const expected = cosine(clusters[0]!.embedding!, clusters.find(
      (p) => p.id === item!.postId)!.embedding!);
    expect(item!.sources.content).toBeCloseTo(expected, 4);
    expect(item!.sources).toMatchObject({ coEngagement: 0, sharedTags: 1 });
    expect(item!.reasons).toEqual([
      { kind: 'SIMILAR_TEXT', detail: `similar text (cosine ${expected.toFixed(2)})`,
        score: item!.sources.content },
      { kind: 'SHARED_TAGS', detail: 'shared tags: alpha', score: 0.25 },
    ]);
    expect(item!.score).toBeCloseTo(expected + 0.25, 6);
  });

  it('ranks a post liked by the same 5 users above one sharing 1 user', async () => {
    const page = await similar({ postId: 'src' });
    expect(ids(page)).toEqual(['five', 'one']);
    // five: 5/√(6·5) · 5/(5+5); one: 1/√(6·1) · 1/(1+5)
    expect(page.items[0]!.score).toBeCloseTo(5 / Math.sqrt(30) / 2, 6);
    expect(page.items[1]!.score).toBeCloseTo(1 / Math.sqrt(6) / 6, 6);
    expect(page.items[0]!.reasons).toEqual([{
      kind: 'SAME_ENGAGERS',
      detail: 'liked, reposted or replied to by 5 of the same people',
      score: page.items[0]!.score,
    }]);
    expect(page.items[1]!.reasons[0]!.detail).toMatch(/by 1 of the same person$/);
  });

  it('shrinks co-engagement so one shared user does not make posts identical', () => {
    const one = { shared: 1, sourceEngagers: 1, engagers: 1 };
    expect(shrunkCosine(one, 5)).toBeCloseTo(1 / 6, 10);
    expect(shrunkCosine({ shared: 50, sourceEngagers: 50, engagers: 50 }, 5))
      .toBeCloseTo(50 / 55, 10);
    expect(shrunkCosine(undefined, 5)).toBe(0);
  });

  it('adds a co-engaged post of another topic after the close texts', async () => {
    const pairs: Array<[string, string]> = ['u1', 'u2', 'u3']
      .flatMap((u): Array<[string, string]> => [[u, 'b-0'], [u, 'c-5']]);
    await engage(t.db, 'LIKED', pairs);
    const page = await similar({ postId: 'b-0', first: 6 });
    // b-1…b-5: cosine ≈ 0.7 plus 0.25 for the shared tag; c-5: 3/√(3·3) · 3/8.
    expect(ids(page).slice(0, 5).sort()).toEqual(['b-1', 'b-2', 'b-3', 'b-4', 'b-5']);
    const item = page.items[5]!;
    expect(item.postId).toBe('c-5');
    expect(item.score).toBeCloseTo(3 / 8, 6);
    expect(item.sources).toMatchObject({ content: 0, sharedTags: 0 });
    expect(item.reasons.map((r) => r.kind)).toEqual(['SAME_ENGAGERS']);
  });

  it('treats a stored zero vector as no embedding, on either side', async () => {
    await t.db.writeText(
      `MATCH (p:Post) WHERE p.id IN ['src', 'a-11']
       SET p.embedding = [x IN range(1, 128) | 0.0]`,
    );
    const fromZero = await similar({ postId: 'src' });
    expect(ids(fromZero)[0]).toBe('five');
    expect(fromZero.items.every((item) => item.sources.content === 0)).toBe(true);
    const page = await similar({ postId: 'a-0', first: 20 });
    expect(page.items.find((item) => item.postId === 'a-11')).toBeUndefined();
    await t.db.writeText(
      `MATCH (s:Post {id: 'src'}), (a:Post {id: 'a-11'})
       REMOVE s.embedding SET a.embedding = $vector`,
      { vector: clusters.find((p) => p.id === 'a-11')!.embedding },
    );
  });

  it('never returns the post itself', async () => {
    for (const postId of ['a-3', 'src', 'b-0']) {
      expect(ids(await similar({ postId, first: 100 }))).not.toContain(postId);
    }
  });

  it('pages through the whole list with cursors, never repeating an item', async () => {
    const all = ids(await similar({ postId: 'a-5', first: 100 }));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await similar({ postId: 'a-5', first: 4, after });
      seen.push(...ids(result));
      after = result.endCursor;
      if (!result.hasNextPage) break;
    }
    expect(seen).toEqual(all);
    expect(all).toHaveLength(11);
  });

  it('blends a walk source when one is given, with its reason', async () => {
    const walk = async (postId: string) =>
      (postId === 'a-1' ? [{ postId: 'c-1', score: 0.5 }] : []);
    const page = await findSimilarPosts({ db: t.db, walk }, { postId: 'a-1', first: 20 });
    const item = page.items.find((i) => i.postId === 'c-1')!;
    expect(item.sources.walk).toBe(0.5);
    expect(item.reasons[0]).toEqual({
      kind: 'WALK', detail: 'often reached by random walks from this post', score: 0.5,
    });
  });

  it('rejects a bad page size, a bad cursor and an unknown post', async () => {
    await expect(similar({ postId: 'a-0', first: 0 }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(similar({ postId: 'a-0', after: 'nonsense' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(similar({ postId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('findSimilarPosts visibility', () => {
  const t = useTestDatabase();
  const candidates: Array<[string, Partial<PostSpec>]> = [
    ['v-public', { author: 'alice' }],
    ['v-catalogue', { author: null }],
    ['v-deleted', { author: 'alice', deleted: true }],
    ['v-followed', { author: 'bob', visibility: 'FOLLOWERS' }],
    ['v-stranger', { author: 'carol', visibility: 'FOLLOWERS' }],
    ['v-blocked', { author: 'dave' }],
    ['v-blocker', { author: 'erin' }],
    ['v-muted', { author: 'frank' }],
    ['v-hidden', { author: 'alice' }],
    ['v-own', { author: 'viewer', visibility: 'FOLLOWERS' }],
  ];

  beforeAll(async () => {
    await createPosts(t.db, [
      { id: 'v-src', author: 'alice', embedding: near(10) },
      ...candidates.map(([id, spec]) => ({ id, embedding: near(10), ...spec })),
    ]);
    await relate(t.db, 'FOLLOWS', 'viewer', 'bob');
    await relate(t.db, 'BLOCKS', 'viewer', 'dave');
    await relate(t.db, 'BLOCKS', 'erin', 'viewer');
    await relate(t.db, 'MUTES', 'viewer', 'frank');
    await t.db.writeText(
      `MATCH (u:User {id: 'viewer'}), (p:Post {id: 'v-hidden'}) CREATE (u)-[:HID {at: 1}]->(p)`,
    );
  });

  const visibleTo = async (viewerId: string | null) => {
    const page = await findSimilarPosts({ db: t.db }, { postId: 'v-src', viewerId, first: 50 });
    return page.items.map((item) => item.postId).sort();
  };

  it('drops deleted, unfollowed followers-only, blocked, muted and hidden posts', async () => {
    expect(await visibleTo('viewer')).toEqual(
      ['v-catalogue', 'v-followed', 'v-own', 'v-public'],
    );
  });

  it('shows anonymous viewers public posts only', async () => {
    expect(await visibleTo(null)).toEqual([
      'v-blocked', 'v-blocker', 'v-catalogue', 'v-hidden', 'v-muted', 'v-public',
    ]);
  });

  it('answers NOT_FOUND for a source post the viewer may not see', async () => {
    await expect(findSimilarPosts({ db: t.db }, {
      postId: 'v-blocked', viewerId: 'viewer', first: 5,
    })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
