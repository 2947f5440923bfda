import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, INGEST, user, useApi } from './helpers.js';

const api = useApi();

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['lim'].map(user),
    posts: [{ id: 'lim:post', authorId: 'lim', text: 'limits' }],
  } }));
});

/** `user { followers { edges { node { followers ... } } } }`, `levels` deep. */
function nestedFollowers(levels: number, first = 1): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) {
    inner = `followers(first: ${first}) { edges { node { ${inner} } } }`;
  }
  return `{ user(id: "lim") { ${inner} } }`;
}

describe('query limits', () => {
  it('refuse an operation deeper than the limit before running it', async () => {
    const db = api.server.grapevine.services.db;
    const before = db.roundTrips;
    const response = await api.as(null, nestedFollowers(5));
    expect(codeOf(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0]!.extensions).toMatchObject({ limit: 'depth', allowed: 12 });
    expect(response.status).toBe(400);
    expect(db.roundTrips).toBe(before);
  });

  it('allow an operation within both limits', async () => {
    const data = dataOf(await api.as(null, nestedFollowers(3)));
    expect(data.user.followers.edges).toEqual([]);
  });

  it('refuse an operation whose pages multiply past the cost limit', async () => {
    const response = await api.as(null, `query ($n: Int!) { user(id: "lim") {
      followers(first: $n) { edges { node { following(first: $n) { edges { node { id } } } } } }
    } }`, { n: 100 });
    expect(codeOf(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0]!.extensions).toMatchObject({ limit: 'cost', allowed: 5000 });
  });

  it('count fields reached through fragments', async () => {
    const response = await api.as(null, `
      fragment deep on User { followers(first: 100) { edges { node { ...wide } } } }
      fragment wide on User { following(first: 100) { edges { node { id } } } }
      { user(id: "lim") { ...deep } }`);
    expect(codeOf(response)).toBe('QUERY_TOO_COMPLEX');
  });

  it.each([0, 101, -1])('refuse first: %i with BAD_USER_INPUT', async (first) => {
    const response = await api.as(null, `{ user(id: "lim") { posts(first: ${first}) {
      edges { node { id } } } } }`);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toBe(
      `first must be between 1 and 100, but got ${first}.`);
  });

  it('refuse a cursor this API did not make', async () => {
    const response = await api.as(null, `{ user(id: "lim") { posts(after: "bogus") {
      edges { node { id } } } } }`);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });
});

describe('lookups', () => {
  it('answer NOT_FOUND for unknown ids and handles', async () => {
    expect(codeOf(await api.as(null, '{ user(id: "nobody") { id } }'))).toBe('NOT_FOUND');
    expect(codeOf(await api.as(null, '{ user(handle: "nobody") { id } }'))).toBe('NOT_FOUND');
    expect(codeOf(await api.as(null, '{ post(id: "nothing") { id } }'))).toBe('NOT_FOUND');
    expect(codeOf(await api.as(null, '{ node(id: "tag:none") { id } }'))).toBe('NOT_FOUND');
  });

  it('ask for exactly one of id and handle', async () => {
    expect(codeOf(await api.as(null, '{ user { id } }'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.as(null, '{ user(id: "lim", handle: "lim") { id } }')))
      .toBe('BAD_USER_INPUT');
  });

  it('refuse an id with a lone surrogate or of over 200 characters', async () => {
    const query = 'query ($id: ID!) { post(id: $id) { id } }';
    expect(codeOf(await api.as(null, query, { id: 'a\udc00' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.as(null, query, { id: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
  });

  it('find users, posts and tags through node with their type', async () => {
    const data = dataOf(await api.as(null, `{
      u: node(id: "lim") { __typename id ... on User { handle followerCount } }
      p: node(id: "lim:post") { __typename ... on Post { text likeCount author { id } } }
    }`));
    expect(data).toEqual({
      u: { __typename: 'User', id: 'lim', handle: 'lim', followerCount: 0 },
      p: { __typename: 'Post', text: 'limits', likeCount: 0, author: { id: 'lim' } },
    });
  });

  it('give counts as plain numbers', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ post(id: "lim:post") { likeCount replyCount } }' }),
    });
    expect(await response.text()).toBe('{"data":{"post":{"likeCount":0,"replyCount":0}}}\n');
  });
});
