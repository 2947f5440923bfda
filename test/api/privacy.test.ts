import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, INGEST, user, useApi } from './helpers.js';

/**
 * author writes a public post, a followers-only post and a reply under the
 * public post; follower follows author; author blocks blocked; stranger
 * has no relation to anyone.
 */
const api = useApi();
const ids = { pub: 'priv:post:public', fol: 'priv:post:followers', reply: 'priv:post:reply' };

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['author', 'follower', 'stranger', 'blocked'].map(user),
    posts: [
      { id: ids.pub, authorId: 'author', text: 'hello all', tags: ['jazz'],
        createdAt: '2024-01-01T00:00:00Z' },
      { id: ids.fol, authorId: 'author', text: 'friends only', visibility: 'FOLLOWERS',
        tags: ['jazz'], createdAt: '2024-01-02T00:00:00Z' },
      { id: ids.reply, authorId: 'author', text: 'a reply for friends', kind: 'COMMENT',
        visibility: 'FOLLOWERS', replyToId: ids.pub, createdAt: '2024-01-03T00:00:00Z' },
    ],
    edges: [
      { type: 'FOLLOWS', fromId: 'follower', toId: 'author' },
      { type: 'BLOCKS', fromId: 'author', toId: 'blocked' },
    ],
  } }));
});

const AUTHOR_POSTS = `{ user(id: "author") { posts { edges { node { id } } } } }`;

async function authorPostIds(viewer: string | null): Promise<string[]> {
  const data = dataOf(await api.as(viewer, AUTHOR_POSTS));
  return data.user.posts.edges.map((edge: { node: { id: string } }) => edge.node.id);
}

describe('visibility of posts', () => {
  it('shows the author all their posts, newest first', async () => {
    expect(await authorPostIds('author')).toEqual([ids.reply, ids.fol, ids.pub]);
  });

  it('shows followers the followers-only posts', async () => {
    expect(await authorPostIds('follower')).toEqual([ids.reply, ids.fol, ids.pub]);
  });

  it('shows strangers and anonymous viewers only public posts', async () => {
    expect(await authorPostIds('stranger')).toEqual([ids.pub]);
    expect(await authorPostIds(null)).toEqual([ids.pub]);
  });

  it('shows a blocked user none of the blocker\'s posts', async () => {
    expect(await authorPostIds('blocked')).toEqual([]);
  });

  it('answers NOT_FOUND for a followers-only post asked for by a stranger', async () => {
    const query = 'query ($id: ID!) { post(id: $id) { id } }';
    expect(codeOf(await api.as('stranger', query, { id: ids.fol }))).toBe('NOT_FOUND');
    expect(codeOf(await api.as('stranger', `{ node(id: "${ids.fol}") { id } }`)))
      .toBe('NOT_FOUND');
    expect(dataOf(await api.as('follower', query, { id: ids.fol })).post.id).toBe(ids.fol);
  });

  it('hides followers-only replies in nested lists and their counts', async () => {
    const query = `query ($id: ID!) { post(id: $id) {
      replyCount replies { edges { node { id replyTo { id } } } } } }`;
    const asFollower = dataOf(await api.as('follower', query, { id: ids.pub })).post;
    expect(asFollower.replyCount).toBe(1);
    expect(asFollower.replies.edges[0].node).toEqual({ id: ids.reply, replyTo: { id: ids.pub } });
    const asStranger = dataOf(await api.as('stranger', query, { id: ids.pub })).post;
    expect(asStranger).toMatchObject({ replyCount: 0, replies: { edges: [] } });
  });

  it('hides a public reply under a followers-only post from strangers', async () => {
    // A reply is no more visible than its parent: before, strangers read the
    // reply's text with replyTo null, as if it were a top-level post.
    const made = dataOf(await api.as('follower', `mutation {
      createPost(input: { text: "public reply", replyTo: "${ids.fol}" }) { id } }`));
    const query = `{ post(id: "${made.createPost.id}") { replyTo { id } } }`;
    expect(codeOf(await api.as('stranger', query))).toBe('NOT_FOUND');
    expect(codeOf(await api.as(null, query))).toBe('NOT_FOUND');
    expect(dataOf(await api.as('author', query)).post).toEqual({ replyTo: { id: ids.fol } });
  });

  it('hides a reply to that reply too, however deep the thread', async () => {
    const reply = async (to: string) => dataOf(await api.as('follower', `mutation {
      createPost(input: { text: "deeper", replyTo: "${to}" }) { id } }`)).createPost.id as string;
    const second = await reply(await reply(ids.fol));
    const third = await reply(second);
    for (const id of [second, third]) {
      const query = `{ post(id: "${id}") { id } }`;
      expect(codeOf(await api.as('stranger', query))).toBe('NOT_FOUND');
      expect(codeOf(await api.as(null, query))).toBe('NOT_FOUND');
      expect(dataOf(await api.as('author', query)).post).toEqual({ id });
    }
  });

  it('filters tag lists by the same rule', async () => {
    const query = '{ node(id: "tag:jazz") { ... on Tag { posts { edges { node { id } } } } } }';
    const ofStranger = dataOf(await api.as('stranger', query)).node.posts.edges;
    expect(ofStranger.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([ids.pub]);
    const ofBlocked = dataOf(await api.as('blocked', query)).node.posts.edges;
    expect(ofBlocked).toEqual([]);
  });

  it('hides posts across a block in both directions', async () => {
    const made = dataOf(await api.as('blocked', `mutation {
      createPost(input: { text: "from the blocked side" }) { id } }`));
    const query = 'query ($id: ID!) { post(id: $id) { id } }';
    expect(codeOf(await api.as('author', query, { id: made.createPost.id }))).toBe('NOT_FOUND');
    expect(codeOf(await api.as('blocked', query, { id: ids.pub }))).toBe('NOT_FOUND');
  });

  it('forbids a blocked user to follow the blocker and to like their posts', async () => {
    const follow = await api.as('blocked', 'mutation { follow(userId: "author") { id } }');
    expect(codeOf(follow)).toBe('FORBIDDEN');
    const like = await api.as('blocked', `mutation { like(postId: "${ids.pub}") { id } }`);
    expect(codeOf(like)).toBe('NOT_FOUND');
  });

  it('refuses a stranger\'s reply to a post they cannot see', async () => {
    const response = await api.as('stranger', `mutation ($id: ID!) {
      createPost(input: { text: "sneaky", replyTo: $id }) { id } }`, { id: ids.fol });
    expect(codeOf(response)).toBe('NOT_FOUND');
  });
});

describe('soft deletion', () => {
  it('removes a deleted post from every read at once', async () => {
    const made = dataOf(await api.as('author', `mutation {
      createPost(input: { text: "short-lived", tags: ["gone"], replyTo: "${ids.pub}" }) { id }
    }`)).createPost.id as string;
    const before = dataOf(await api.as('follower', `{ post(id: "${ids.pub}") { replyCount } }`));

    const deleted = await api.as('author',
      `mutation { deletePost(id: "${made}") { deletedPostId } }`);
    expect(dataOf(deleted).deletePost.deletedPostId).toBe(made);

    expect(codeOf(await api.as('author', `{ post(id: "${made}") { id } }`))).toBe('NOT_FOUND');
    expect(codeOf(await api.as('author', `{ node(id: "${made}") { id } }`))).toBe('NOT_FOUND');
    expect(await authorPostIds('author')).not.toContain(made);
    const after = dataOf(await api.as('follower', `{ post(id: "${ids.pub}") {
      replyCount replies { edges { node { id } } } } }`)).post;
    expect(after.replyCount).toBe(before.post.replyCount - 1);
    expect(JSON.stringify(after.replies)).not.toContain(made);
    const tag = dataOf(await api.as('author',
      '{ node(id: "tag:gone") { ... on Tag { posts { edges { node { id } } } } } }'));
    expect(tag.node.posts.edges).toEqual([]);
  });

  it('lets only the author delete a post', async () => {
    const response = await api.as('follower', `mutation { deletePost(id: "${ids.fol}") {
      deletedPostId } }`);
    expect(codeOf(response)).toBe('FORBIDDEN');
  });
});

