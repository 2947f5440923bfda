import { beforeAll, describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/graphql/loaders.js';
import { dataOf, INGEST, user, useApi } from './helpers.js';

const api = useApi();
const POSTS = 12;

beforeAll(async () => {
  const fans = ['fan1', 'fan2', 'fan3'];
  const posts = Array.from({ length: POSTS }, (_, i) => ({
    id: `batch:post:${i}`, authorId: 'writer', text: `post ${i}`, tags: ['t'],
    createdAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
  }));
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['writer', ...fans].map(user),
    posts,
    edges: posts.flatMap((post) => fans.map((fan) => ({
      type: 'LIKED', fromId: fan, toId: post.id,
    }))),
  } }));
});

interface Page {
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const NESTED = `query ($first: Int!) { user(id: "writer") {
  posts(first: $first) { edges { node {
    author { handle followerCount }
    likeCount replyCount viewerHasLiked
    likers(first: 2) { edges { node { handle viewerFollows } } }
    tags { edges { node { name } } }
  } } } } }`;

async function roundTripsOf(first: number): Promise<{ trips: number; posts: number }> {
  const db = api.server.grapevine.services.db;
  const before = db.roundTrips;
  const data = dataOf(await api.as('fan1', NESTED, { first }));
  return { trips: db.roundTrips - before, posts: data.user.posts.edges.length };
}

describe('batched reads', () => {
  it('cost the same round trips for a page of 2 posts and a page of 12', async () => {
    const small = await roundTripsOf(2);
    const large = await roundTripsOf(POSTS);
    expect(small.posts).toBe(2);
    expect(large.posts).toBe(POSTS);
    expect(large.trips).toBe(small.trips);
    // user (the author is then cached), posts, user counts, post counts,
    // post states, likers, the likers' relations to the viewer, tags.
    expect(large.trips).toBe(8);
  });

  it('return loader results in key order, with null for unknown keys', async () => {
    const loaders = createLoaders(api.db, null);
    const users = await loaders.users.loadMany(['fan3', 'nobody', 'writer', 'fan1']);
    expect(users.map((u) => (u instanceof Error || u === null ? u : u.id)))
      .toEqual(['fan3', null, 'writer', 'fan1']);
  });

  it('page through a list with cursors, without gaps or repeats', async () => {
    const PAGE = `query ($after: String) { user(id: "writer") {
      posts(first: 5, after: $after) {
        edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page = dataOf(await api.as(null, PAGE, { after })).user.posts;
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    const expected = Array.from({ length: POSTS }, (_, i) => `batch:post:${POSTS - 1 - i}`);
    expect(seen).toEqual(expected);
  });
});
