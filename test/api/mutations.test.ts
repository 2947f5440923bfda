import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, dataOf, INGEST, user, useApi } from './helpers.js';

const api = useApi();

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['ann', 'bob', 'cat'].map(user),
    posts: [{ id: 'mut:post:1', authorId: 'bob', text: 'bob writes' }],
  } }));
});

async function count(pattern: string, params: Record<string, unknown> = {}): Promise<number> {
  const rows = await api.db.readText<{ n: number }>(
    `MATCH ${pattern} RETURN count(*) AS n`, params);
  return rows[0]!.n;
}

const LIKE = 'mutation { like(postId: "mut:post:1") { likeCount viewerHasLiked } }';
const UNLIKE = 'mutation { unlike(postId: "mut:post:1") { likeCount viewerHasLiked } }';

describe('createPost', () => {
  it('writes a post with tags, NFC-normalised text and the author', async () => {
    const data = dataOf(await api.as('ann', `mutation ($input: CreatePostInput!) {
      createPost(input: $input) {
        id text kind visibility author { handle }
        tags { edges { node { name id } } }
      } }`, { input: { text: '  Cafe\u0301 au lait ', tags: ['Jazz', 'jazz', 'bebop'],
      visibility: 'FOLLOWERS' } }));
    expect(data.createPost).toMatchObject({
      text: 'Caf\u00e9 au lait', kind: 'POST', visibility: 'FOLLOWERS',
      author: { handle: 'ann' },
    });
    expect(data.createPost.tags.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { name: 'bebop', id: 'tag:bebop' }, { name: 'jazz', id: 'tag:jazz' },
    ]);
    expect(data.createPost.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes REPLY_TO and the REPLIED engagement for a reply', async () => {
    const data = dataOf(await api.as('ann', `mutation {
      createPost(input: { text: "agreed", replyTo: "mut:post:1" }) {
        kind replyTo { id author { id } } } }`));
    expect(data.createPost).toEqual({
      kind: 'COMMENT', replyTo: { id: 'mut:post:1', author: { id: 'bob' } },
    });
    expect(await count('(:Post)-[:REPLY_TO]->(:Post {id: "mut:post:1"})')).toBe(1);
    const replied = await api.db.readText<{ weight: number; at: unknown }>(
      `MATCH (:User {id: 'ann'})-[r:REPLIED]->(:Post {id: 'mut:post:1'})
       RETURN r.weight AS weight, r.at AS at`);
    expect(replied).toEqual([{ weight: 1, at: expect.any(Number) }]);
  });

  it.each([
    ['empty text', { text: '   ' }, /text must be 1 to 5000 characters long, but got 0/],
    ['text over 5000 characters', { text: 'x'.repeat(5001) }, /but got 5001/],
    ['a control character', { text: 'bell\u0007' }, /control characters, but got U\+0007/],
    ['a lone surrogate', { text: 'half \ud83d pair' }, /lone surrogate/],
    ['a bad tag', { text: 'ok', tags: ['no spaces'] }, /tags must be/],
    ['eleven tags', { text: 'ok', tags: [...'abcdefghijk'] }, /at most 10 tags/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, input, message) => {
    const response = await api.as('ann', `mutation ($input: CreatePostInput!) {
      createPost(input: $input) { id } }`, { input });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(message);
  });

  it('refuses an anonymous author with UNAUTHENTICATED', async () => {
    const response = await api.as(null, 'mutation { createPost(input: { text: "hi" }) { id } }');
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });
});

describe('likes and reposts', () => {
  it('keeps one like when a post is liked twice', async () => {
    dataOf(await api.as('cat', LIKE));
    const second = dataOf(await api.as('cat', LIKE));
    expect(second.like).toEqual({ likeCount: 1, viewerHasLiked: true });
    expect(await count('(:User {id: "cat"})-[:LIKED]->(:Post {id: "mut:post:1"})')).toBe(1);
  });

  it('leaves no like when a post is unliked twice', async () => {
    dataOf(await api.as('cat', UNLIKE));
    const second = dataOf(await api.as('cat', UNLIKE));
    expect(second.unlike).toEqual({ likeCount: 0, viewerHasLiked: false });
  });

  it('writes likes with a time and a weight of 1', async () => {
    dataOf(await api.as('ann', LIKE));
    const rows = await api.db.readText(
      'MATCH (:User {id: "ann"})-[r:LIKED]->() RETURN r.weight AS weight, r.at > 0 AS timed');
    expect(rows).toEqual([{ weight: 1, timed: true }]);
    const likers = dataOf(await api.as(null,
      '{ post(id: "mut:post:1") { likers { edges { node { id } since } } } }'));
    expect(likers.post.likers.edges).toEqual([{ node: { id: 'ann' }, since: expect.any(String) }]);
  });

  it('counts reposts once and removes them', async () => {
    const query = (verb: string) =>
      `mutation { ${verb}(postId: "mut:post:1") { repostCount viewerHasReposted } }`;
    dataOf(await api.as('cat', query('repost')));
    expect(dataOf(await api.as('cat', query('repost'))).repost)
      .toEqual({ repostCount: 1, viewerHasReposted: true });
    expect(dataOf(await api.as('cat', query('unrepost'))).unrepost)
      .toEqual({ repostCount: 0, viewerHasReposted: false });
  });

  it('answers NOT_FOUND for an unknown post', async () => {
    expect(codeOf(await api.as('ann', 'mutation { like(postId: "nope") { id } }')))
      .toBe('NOT_FOUND');
  });
});

describe('follows', () => {
  const FOLLOW = 'mutation { follow(userId: "bob") { followerCount viewerFollows } }';

  it('keeps one follow when asked twice and shows it in both lists', async () => {
    dataOf(await api.as('ann', FOLLOW));
    expect(dataOf(await api.as('ann', FOLLOW)).follow)
      .toEqual({ followerCount: 1, viewerFollows: true });
    const lists = dataOf(await api.as('bob', `{ viewer {
      followers { edges { node { id followsViewer } } }
      following { edges { node { id } } } followingCount } }`)).viewer;
    expect(lists.followers.edges).toEqual([{ node: { id: 'ann', followsViewer: true } }]);
    expect(lists).toMatchObject({ following: { edges: [] }, followingCount: 0 });
  });

  it('unfollows, and unfollowing again is a no-op', async () => {
    const UNFOLLOW = 'mutation { unfollow(userId: "bob") { followerCount viewerFollows } }';
    dataOf(await api.as('ann', UNFOLLOW));
    expect(dataOf(await api.as('ann', UNFOLLOW)).unfollow)
      .toEqual({ followerCount: 0, viewerFollows: false });
  });

  it('refuses to follow yourself with BAD_USER_INPUT', async () => {
    const response = await api.as('ann', 'mutation { follow(userId: "ann") { id } }');
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(await count('(u:User {id: "ann"})-[:FOLLOWS]->(u)')).toBe(0);
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    expect(codeOf(await api.as('ann', 'mutation { follow(userId: "ghost") { id } }')))
      .toBe('NOT_FOUND');
  });
});

describe('impressions and hides', () => {
  it('counts every impression on one VIEWED edge per post', async () => {
    const RECORD = `mutation ($ids: [ID!]!) { recordImpressions(postIds: $ids) { recorded } }`;
    const ids = ['mut:post:1', 'mut:post:1'];
    expect(dataOf(await api.as('cat', RECORD, { ids })).recordImpressions.recorded).toBe(1);
    dataOf(await api.as('cat', RECORD, { ids }));
    const rows = await api.db.readText(
      'MATCH (:User {id: "cat"})-[v:VIEWED]->(p:Post) RETURN p.id AS id, v.count AS count');
    expect(rows).toEqual([{ id: 'mut:post:1', count: 2 }]);
  });

  it('records nothing when any post is unknown', async () => {
    const response = await api.as('ann', `mutation {
      recordImpressions(postIds: ["mut:post:1", "nope"]) { recorded } }`);
    expect(codeOf(response)).toBe('NOT_FOUND');
    expect(response.errors![0]!.extensions).toMatchObject({ ids: ['nope'] });
    expect(await count('(:User {id: "ann"})-[:VIEWED]->()')).toBe(0);
  });

  it('refuses an empty or oversized batch of impressions', async () => {
    const RECORD = `mutation ($ids: [ID!]!) { recordImpressions(postIds: $ids) { recorded } }`;
    expect(codeOf(await api.as('ann', RECORD, { ids: [] }))).toBe('BAD_USER_INPUT');
    const many = Array.from({ length: 101 }, (_, i) => `p${i}`);
    expect(codeOf(await api.as('ann', RECORD, { ids: many }))).toBe('BAD_USER_INPUT');
  });

  it('writes HID once for a hidden post', async () => {
    const HIDE = 'mutation { hidePost(postId: "mut:post:1") { id } }';
    dataOf(await api.as('ann', HIDE));
    dataOf(await api.as('ann', HIDE));
    expect(await count('(:User {id: "ann"})-[h:HID]->(:Post {id: "mut:post:1"}) WHERE h.at > 0'))
      .toBe(1);
  });
});

describe('blocks and mutes', () => {
  it('ends follows both ways when blocking, and unblocking restores nothing', async () => {
    dataOf(await api.as('ann', 'mutation { follow(userId: "cat") { id } }'));
    dataOf(await api.as('cat', 'mutation { follow(userId: "ann") { id } }'));
    const blocked = dataOf(await api.as('ann', `mutation { block(userId: "cat") {
      viewerBlocks viewerFollows followsViewer } }`)).block;
    expect(blocked).toEqual({ viewerBlocks: true, viewerFollows: false, followsViewer: false });
    const unblocked = dataOf(await api.as('ann',
      'mutation { unblock(userId: "cat") { viewerBlocks followerCount } }')).unblock;
    expect(unblocked).toEqual({ viewerBlocks: false, followerCount: 0 });
  });

  it('mutes and unmutes', async () => {
    expect(dataOf(await api.as('ann', 'mutation { mute(userId: "bob") { viewerMutes } }')).mute)
      .toEqual({ viewerMutes: true });
    expect(await count('(:User {id: "ann"})-[:MUTES]->(:User {id: "bob"})')).toBe(1);
    expect(dataOf(await api.as('ann', 'mutation { unmute(userId: "bob") { viewerMutes } }')))
      .toEqual({ unmute: { viewerMutes: false } });
  });
});

describe('updateProfile', () => {
  it('changes handle (lower-cased), name and bio, and removes an empty bio', async () => {
    const UPDATE = `mutation ($input: UpdateProfileInput!) {
      updateProfile(input: $input) { handle displayName bio } }`;
    const changed = dataOf(await api.as('cat', UPDATE, { input: {
      handle: 'Cat_2', displayName: 'Cat Two', bio: 'likes\nboxes' } }));
    expect(changed.updateProfile).toEqual({ handle: 'cat_2', displayName: 'Cat Two',
      bio: 'likes\nboxes' });
    const cleared = dataOf(await api.as('cat', UPDATE, { input: { bio: '' } }));
    expect(cleared.updateProfile).toEqual({ handle: 'cat_2', displayName: 'Cat Two', bio: null });
    expect(dataOf(await api.as(null, '{ user(handle: "cat_2") { id } }')).user.id).toBe('cat');
  });

  it('answers CONFLICT for a handle another user holds', async () => {
    const response = await api.as('cat',
      'mutation { updateProfile(input: { handle: "BOB" }) { id } }');
    expect(codeOf(response)).toBe('CONFLICT');
  });

  it.each([
    ['a handle with a dash', { handle: 'no-dash' }],
    ['a display name with a newline', { displayName: 'two\nlines' }],
    ['a bio of 501 characters', { bio: 'b'.repeat(501) }],
  ])('refuses %s with BAD_USER_INPUT', async (_name, input) => {
    const response = await api.as('cat', `mutation ($input: UpdateProfileInput!) {
      updateProfile(input: $input) { id } }`, { input });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });
});
