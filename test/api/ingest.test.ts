import { describe, expect, it } from 'vitest';
import { checkBatch } from '../../src/social/ingest.js';
import { codeOf, dataOf, INGEST, user, useApi } from './helpers.js';

const api = useApi();

async function nodeCount(): Promise<number> {
  const rows = await api.db.readText<{ n: number }>(
    'MATCH (n) WHERE NOT n:_Migration RETURN count(n) AS n');
  return rows[0]!.n;
}

const BATCH = {
  users: ['in1', 'in2'].map(user),
  posts: [
    { id: 'in:post:2', authorId: 'in1', text: 'the answer', kind: 'ANSWER',
      replyToId: 'in:post:1', source: 'stackexchange', authorName: 'Someone',
      sourceUrl: 'https://example.invalid/q/1', license: 'CC BY-SA 4.0' },
    { id: 'in:post:1', authorId: 'in2', text: 'the question', title: 'Why?', kind: 'QUESTION',
      tags: ['ipa'] },
    { id: 'in:artist:1', text: 'An artist', kind: 'ARTIST' },
  ],
  edges: [
    { type: 'FOLLOWS', fromId: 'in1', toId: 'in2', at: '2024-02-01T00:00:00Z' },
    { type: 'LIKED', fromId: 'in1', toId: 'in:artist:1', weight: 0.4 },
    { type: 'VIEWED', fromId: 'in2', toId: 'in:post:2', count: 3 },
  ],
};

describe('ingest', () => {
  it('writes users, posts, replies and edges in one batch', async () => {
    expect(dataOf(await api.asAdmin(INGEST, { input: BATCH })).ingest)
      .toEqual({ users: 2, posts: 3, edges: 3 });
    const data = dataOf(await api.as('in2', `{ post(id: "in:post:1") {
      title kind replyCount tags { edges { node { name } } }
      replies { edges { node { kind author { handle } attribution { source license } } } }
    } }`));
    expect(data.post).toEqual({
      title: 'Why?', kind: 'QUESTION', replyCount: 1,
      tags: { edges: [{ node: { name: 'ipa' } }] },
      replies: { edges: [{ node: { kind: 'ANSWER', author: { handle: 'in1' },
        attribution: { source: 'stackexchange', license: 'CC BY-SA 4.0' } } }] },
    });
    const liked = await api.db.readText(
      "MATCH (:User {id: 'in1'})-[r:LIKED]->(p) RETURN p.id AS id, r.weight AS weight");
    expect(liked).toEqual([{ id: 'in:artist:1', weight: 0.4 }]);
    const follow = await api.db.readText(
      "MATCH (:User {id: 'in1'})-[f:FOLLOWS]->() RETURN f.at AS at");
    expect(follow).toEqual([{ at: Date.UTC(2024, 1, 1) }]);
  });

  it('changes nothing when the same batch comes again', async () => {
    const before = await nodeCount();
    dataOf(await api.asAdmin(INGEST, { input: BATCH }));
    expect(await nodeCount()).toBe(before);
    const rows = await api.db.readText<{ n: number }>('MATCH ()-[r]->() RETURN count(r) AS n');
    dataOf(await api.asAdmin(INGEST, { input: BATCH }));
    expect(await api.db.readText('MATCH ()-[r]->() RETURN count(r) AS n')).toEqual(rows);
  });

  it('writes nothing and lists every problem when any item is bad', async () => {
    const before = await nodeCount();
    const response = await api.asAdmin(INGEST, { input: {
      users: [user('fresh'), { id: 'bad', handle: 'no spaces', displayName: 'B' }],
      posts: [{ id: 'fresh:post', authorId: 'nobody', text: 'ok' }],
      edges: [
        { type: 'LIKED', fromId: 'fresh', toId: 'fresh:post', weight: 2 },
        { type: 'FOLLOWS', fromId: 'fresh', toId: 'fresh' },
      ],
    } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const problems = response.errors![0]!.extensions as { problems: { path: string }[] };
    expect(problems.problems.map((p) => p.path)).toEqual([
      'users[1].handle', 'edges[0].weight', 'edges[1]',
    ]);
    expect(await nodeCount()).toBe(before);
  });

  it('writes nothing when a reference or handle clashes with the database', async () => {
    const before = await nodeCount();
    const response = await api.asAdmin(INGEST, { input: {
      users: [user('fresh'), { id: 'other', handle: 'in1', displayName: 'Clash' }],
      posts: [{ id: 'fresh:post', authorId: 'nobody', text: 'ok' }],
    } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const problems = response.errors![0]!.extensions as { problems: { path: string }[] };
    expect(problems.problems.map((p) => p.path).sort())
      .toEqual(['posts[0].authorId', 'users[1].handle']);
    expect(await nodeCount()).toBe(before);
  });

  it('refuses a follow across a block, in the batch or already stored', async () => {
    dataOf(await api.asAdmin(INGEST, { input: { users: ['bk1', 'bk2', 'bk3'].map(user) } }));
    const inBatch = await api.asAdmin(INGEST, { input: { edges: [
      { type: 'BLOCKS', fromId: 'bk1', toId: 'bk2' },
      { type: 'FOLLOWS', fromId: 'bk2', toId: 'bk1' },
    ] } });
    expect(codeOf(inBatch)).toBe('BAD_USER_INPUT');
    expect(inBatch.errors![0]!.extensions).toMatchObject({ problems: [{ path: 'edges[1]' }] });

    dataOf(await api.asAdmin(INGEST, { input: { edges: [
      { type: 'BLOCKS', fromId: 'bk1', toId: 'bk2' }] } }));
    const later = await api.asAdmin(INGEST, { input: { edges: [
      { type: 'FOLLOWS', fromId: 'bk3', toId: 'bk1' },
      { type: 'FOLLOWS', fromId: 'bk2', toId: 'bk1' },
    ] } });
    expect(later.errors![0]!.extensions).toMatchObject({ problems: [{ path: 'edges[1]' }] });
    const follows = await api.db.readText(
      "MATCH (a:User)-[:FOLLOWS]->(b:User) WHERE a.id STARTS WITH 'bk' RETURN a.id AS a");
    expect(follows).toEqual([]);
  });

  it('ends the follows between two users when it stores a block', async () => {
    dataOf(await api.asAdmin(INGEST, { input: { users: ['bf1', 'bf2'].map(user), edges: [
      { type: 'FOLLOWS', fromId: 'bf1', toId: 'bf2' },
      { type: 'FOLLOWS', fromId: 'bf2', toId: 'bf1' },
    ] } }));
    dataOf(await api.asAdmin(INGEST, { input: { edges: [
      { type: 'BLOCKS', fromId: 'bf2', toId: 'bf1' }] } }));
    const left = await api.db.readText(
      "MATCH (a:User)-[r]->(b:User) WHERE a.id STARTS WITH 'bf' RETURN type(r) AS type");
    expect(left).toEqual([{ type: 'BLOCKS' }]);
  });

  it('refuses an empty batch and one of more than 1000 items', async () => {
    expect(codeOf(await api.asAdmin(INGEST, { input: {} }))).toBe('BAD_USER_INPUT');
    const users = Array.from({ length: 1001 }, (_, i) => user(`u${i}`));
    expect(codeOf(await api.asAdmin(INGEST, { input: { users } }))).toBe('BAD_USER_INPUT');
  });

  it('finds duplicate ids inside a batch before reaching the database', () => {
    const { problems } = checkBatch({ users: [user('twin'), user('twin')] });
    expect(problems.map((p) => p.path)).toEqual(['users[1].id', 'users[1].handle']);
  });
});
