import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, INGEST, user, useApi } from './helpers.js';

/**
 * v follows f1, f2 and f3, who all liked `star`; f1 and f2 follow o1 (a
 * friend of friends); v blocks ba; pa's post is for pa's followers only;
 * v wrote `own`. Edges get `at` = now, so the running server's graph tails
 * them in.
 */
const api = useApi();
const POSTS = ['star', 'other', 'fresh', 'baPost', 'paPrivate', 'own'];

beforeAll(async () => {
  const post = (id: string, authorId: string, text: string, extra = {}) =>
    ({ id, authorId, text, tags: ['jazz'], createdAt: '2026-01-01T00:00:00Z', ...extra });
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['v', 'f1', 'f2', 'f3', 'o1', 'ba', 'pa'].map(user),
    posts: [
      post('star', 'o1', 'The jazz record everyone loved'),
      post('other', 'o1', 'Another jazz record'),
      post('fresh', 'f1', 'A new jazz session tonight'),
      post('baPost', 'ba', 'Jazz from a blocked account'),
      post('paPrivate', 'pa', 'Jazz for my followers', { visibility: 'FOLLOWERS' }),
      post('own', 'v', 'My own jazz notes'),
    ],
    edges: [
      ...['f1', 'f2', 'f3'].map((f) => ({ type: 'FOLLOWS', fromId: 'v', toId: f })),
      { type: 'FOLLOWS', fromId: 'f1', toId: 'o1' },
      { type: 'FOLLOWS', fromId: 'f2', toId: 'o1' },
      { type: 'BLOCKS', fromId: 'v', toId: 'ba' },
      ...['f1', 'f2', 'f3'].map((f) => ({ type: 'LIKED', fromId: f, toId: 'star' })),
      { type: 'LIKED', fromId: 'f1', toId: 'baPost' },
      { type: 'LIKED', fromId: 'f2', toId: 'paPrivate' },
      { type: 'LIKED', fromId: 'f3', toId: 'other' },
      { type: 'LIKED', fromId: 'f3', toId: 'fresh' },
    ],
  } }));
  await api.server.grapevine.services.engine.projection.load();
});

const FEED = `query ($first: Int, $after: String) {
  feed(first: $first, after: $after) {
    edges {
      cursor score node { id }
      reasons { kind text count users { id } }
      breakdown { source contribution }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

type FeedEdge = { node: { id: string }; reasons: Array<{ kind: string; count: number | null;
  users: Array<{ id: string }> }> };

async function feedIds(viewer: string, first = 20, after?: string) {
  const data = dataOf(await api.as(viewer, FEED, { first, after }));
  return { edges: data.feed.edges as FeedEdge[], pageInfo: data.feed.pageInfo };
}

describe('feed', () => {
  it('ranks first the post all of the viewer\'s friends liked, saying who', async () => {
    const { edges } = await feedIds('v');
    expect(edges[0]!.node.id).toBe('star');
    const social = edges[0]!.reasons.find((r) => r.kind === 'ENGAGED_BY_FOLLOWEES')!;
    expect(social.count).toBe(3);
    expect(social.users.map((u) => u.id).sort()).toEqual(['f1', 'f2', 'f3']);
  });

  it('never shows blocked authors, private posts of strangers or the viewer\'s own', async () => {
    const ids = (await feedIds('v')).edges.map((edge) => edge.node.id);
    expect(ids).not.toContain('baPost');
    expect(ids).not.toContain('paPrivate');
    expect(ids).not.toContain('own');
    expect(ids.every((id) => POSTS.includes(id))).toBe(true);
  });

  it('pages through one snapshot without repeating or skipping', async () => {
    const all = (await feedIds('v', 20)).edges.map((e) => e.node.id);
    const first = await feedIds('v', 1);
    // A like arriving between pages does not reshuffle the snapshot.
    dataOf(await api.as('f1', 'mutation { like(postId: "other") { id } }'));
    const rest = await feedIds('v', 20, first.pageInfo.endCursor);
    const paged = [...first.edges, ...rest.edges].map((e) => e.node.id);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.sort()).toEqual([...all].sort());
  });

  it('asks for a token', async () => {
    expect(codeOf(await api.as(null, FEED))).toBe('UNAUTHENTICATED');
  });

  it('refuses a page size out of range and a forged cursor', async () => {
    expect(codeOf(await api.as('v', FEED, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.as('v', FEED, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.as('v', FEED, { after: 'bm90LWEtY3Vyc29y' }))).toBe('BAD_USER_INPUT');
  });

  it('drops a post the viewer just hid from the next feed', async () => {
    dataOf(await api.as('v', 'mutation { hidePost(postId: "star") { id } }'));
    const ids = (await feedIds('v')).edges.map((edge) => edge.node.id);
    expect(ids).not.toContain('star');
  });
});

describe('similarPosts', () => {
  const SIMILAR = `query ($id: ID!) {
    similarPosts(postId: $id, first: 10) {
      edges {
        node { id } score reasons { kind text score }
        sources { content coEngagement model models { model score } }
      }
    }
  }`;

  it('never returns the post itself nor a followers-only post to a stranger', async () => {
    const data = dataOf(await api.as(null, SIMILAR, { id: 'star' }));
    const ids = data.similarPosts.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).not.toContain('star');
    expect(ids).not.toContain('paPrivate');
    expect(ids).toContain('other');
    // No learned model is stored here: the model signals are there, and silent.
    for (const edge of data.similarPosts.edges) {
      expect(edge.sources).toMatchObject({ model: 0, models: [] });
    }
  });

  it('answers NOT_FOUND for a post the viewer cannot see', async () => {
    expect(codeOf(await api.as(null, SIMILAR, { id: 'paPrivate' }))).toBe('NOT_FOUND');
    expect(codeOf(await api.as(null, SIMILAR, { id: 'no-such-post' }))).toBe('NOT_FOUND');
  });
});

describe('whoToFollow', () => {
  const WHO = `{ whoToFollow(first: 10) {
    user { id } score reasons { kind text count users { id } }
  } }`;

  it('suggests the friend of two friends with the friends named', async () => {
    const list = dataOf(await api.as('v', WHO)).whoToFollow;
    expect(list[0].user.id).toBe('o1');
    const reason = list[0].reasons.find(
      (r: { kind: string }) => r.kind === 'FOLLOWED_BY_FOLLOWEES');
    expect(reason.count).toBe(2);
    expect(reason.text).toBe('Followed by 2 people you follow');
    const ids = list.map((s: { user: { id: string } }) => s.user.id);
    for (const never of ['v', 'f1', 'f2', 'f3', 'ba']) expect(ids).not.toContain(never);
  });
});

describe('explainRecommendation and communities', () => {
  it('returns the followee paths that lead to a post', async () => {
    const data = dataOf(await api.as('v', `{ explainRecommendation(postId: "other") {
      kind nodes { label id } relationships } }`));
    const social = data.explainRecommendation.filter(
      (p: { kind: string }) => p.kind === 'ENGAGED_BY_FOLLOWEES');
    const via = social.map((p: { nodes: Array<{ id: string }> }) => p.nodes.map((n) => n.id));
    expect(via).toContainEqual(['v', 'f3', 'other']);
    expect(social[0].relationships).toEqual(['FOLLOWS', 'LIKED']);
  });

  it('lists communities whose sizes add up to at most the users', async () => {
    const data = dataOf(await api.as(null, `{ communities(first: 10, minSize: 1) {
      id size topUsers(first: 2) { user { id } pageRank } } }`));
    const sizes = data.communities.map((c: { size: number }) => c.size);
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(7);
    const me = dataOf(await api.as('v', '{ viewer { community { id size } } }'));
    expect(data.communities.map((c: { id: number }) => c.id)).toContain(me.viewer.community.id);
  });
});

describe('similarPosts through random walks', () => {
  it('says when walks from the post reach a neighbour', async () => {
    // f3 liked star, other and fresh: walks from star reach both through f3.
    const data = dataOf(await api.as('v', `{ similarPosts(postId: "star", first: 10) {
      edges { node { id } reasons { kind } sources { walk } } } }`));
    const other = data.similarPosts.edges.find(
      (e: { node: { id: string } }) => e.node.id === 'other');
    expect(other.sources.walk).toBeGreaterThan(0);
    expect(other.sources.walk).toBeLessThanOrEqual(1);
    expect(other.reasons.map((r: { kind: string }) => r.kind)).toContain('WALK');
  });
});

describe('explainRecommendation privacy', () => {
  it('never shows a path through a post the viewer may not see', async () => {
    // v liked pa's followers-only post while following pa, then unfollowed.
    dataOf(await api.asAdmin(INGEST, { input: { edges: [
      { type: 'FOLLOWS', fromId: 'v', toId: 'pa' },
      { type: 'LIKED', fromId: 'v', toId: 'paPrivate' },
    ] } }));
    dataOf(await api.as('v', 'mutation { unfollow(userId: "pa") { id } }'));
    const data = dataOf(await api.as('v', `{ explainRecommendation(postId: "other") {
      kind nodes { id } } }`));
    const ids = data.explainRecommendation.flatMap(
      (p: { nodes: Array<{ id: string }> }) => p.nodes.map((n) => n.id));
    expect(ids).not.toContain('paPrivate');
    expect(codeOf(await api.as('v', '{ post(id: "paPrivate") { id } }'))).toBe('NOT_FOUND');
  });
});

describe('the cost of recommendation fields', () => {
  it('refuses an operation that aliases many feeds before running it', async () => {
    const aliases = Array.from({ length: 6 },
      (_, i) => `f${i}: feed(first: 1) { edges { cursor } }`);
    const response = await api.as('v', `{ ${aliases.join(' ')} }`);
    expect(codeOf(response)).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('posts with their own embedding', () => {
  const CREATE = `mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }`;

  it('refuses a vector of the wrong size and writes nothing', async () => {
    const before = await api.db.readText<{ n: number }>('MATCH (p:Post) RETURN count(p) AS n');
    const response = await api.as('v', CREATE,
      { input: { text: 'with a short vector', embedding: [1, 2, 3] } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/embedding must have 128 numbers/);
    const after = await api.db.readText<{ n: number }>('MATCH (p:Post) RETURN count(p) AS n');
    expect(after).toEqual(before);
  });

  it('refuses a vector with no direction (zeros, overflow, underflow)', async () => {
    const before = await api.db.readText<{ n: number }>('MATCH (p:Post) RETURN count(p) AS n');
    for (const value of [0, 1e308, 1e-320]) {
      const embedding = Array.from({ length: 128 }, () => value);
      const response = await api.as('v', CREATE, { input: { text: 'no direction', embedding } });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions).toMatchObject({ reason: 'NO_DIRECTION' });
    }
    const after = await api.db.readText<{ n: number }>('MATCH (p:Post) RETURN count(p) AS n');
    expect(after).toEqual(before);
  });

  it('stores a vector of the right size unit-length', async () => {
    const embedding = Array.from({ length: 128 }, (_, i) => (i === 3 ? 2 : 0));
    const made = dataOf(await api.as('v', CREATE, { input: { text: 'own vector', embedding } }));
    const [row] = await api.db.readText<{ e: number[] }>(
      'MATCH (p:Post {id: $id}) RETURN p.embedding AS e', { id: made.createPost.id });
    expect(row!.e[3]).toBeCloseTo(1, 6);
    expect(Math.hypot(...row!.e)).toBeCloseTo(1, 6);
  });
});
