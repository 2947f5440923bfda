import { beforeAll, describe, expect, it } from 'vitest';
import { addPostEdge } from '../../src/social/engagement.js';
import { ingestBatch } from '../../src/social/ingest.js';
import { addUserEdge } from '../../src/social/relations.js';
import { useTestDatabase } from '../support/database.js';

/**
 * Likes and follows made at the same moment share one transaction (group
 * commit), against the real Neo4j: the valid items are written, each bad
 * one fails with its own code, and no pair ends with two edges.
 *
 * author writes a public post and a followers-only post; fan1 follows
 * author; author blocks blocked; fan2, fan3 and stranger know nobody.
 */
const holder = useTestDatabase();
const PUBLIC = 'batch:post:public';
const FRIENDS = 'batch:post:friends';
const USERS = ['author', 'fan1', 'fan2', 'fan3', 'stranger', 'blocked'];

beforeAll(async () => {
  await ingestBatch(holder.db, {
    users: USERS.map((id) => ({ id: `b:${id}`, handle: `b_${id}`, displayName: id })),
    posts: [
      { id: PUBLIC, authorId: 'b:author', text: 'for everyone' },
      { id: FRIENDS, authorId: 'b:author', text: 'for followers', visibility: 'FOLLOWERS' },
    ],
    edges: [
      { type: 'FOLLOWS', fromId: 'b:fan1', toId: 'b:author' },
      { type: 'BLOCKS', fromId: 'b:author', toId: 'b:blocked' },
    ],
  });
});

/** Runs `writes` at the same moment; returns each answer (or code) and the transactions. */
async function together(writes: Array<() => Promise<unknown>>) {
  const before = holder.db.roundTrips;
  const settled = await Promise.allSettled(writes.map((write) => write()));
  const answers = settled.map((result) => result.status === 'fulfilled'
    ? 'ok'
    : String((result.reason as { extensions?: { code?: string } }).extensions?.code));
  return { answers, transactions: holder.db.roundTrips - before };
}

const like = (viewer: string, postId: string) => () =>
  addPostEdge(holder.db, `b:${viewer}`, postId, 'LIKED');
const follow = (viewer: string, other: string) => () =>
  addUserEdge(holder.db, `b:${viewer}`, `b:${other}`, 'FOLLOWS');

async function pairs(type: string): Promise<string[]> {
  const rows = await holder.db.readText<{ pair: string; n: number }>(
    `MATCH (u:User)-[r:${type}]->(t) WHERE u.id STARTS WITH 'b:'
     RETURN u.id + '>' + t.id AS pair, count(r) AS n ORDER BY pair`);
  expect(rows.every((row) => row.n === 1)).toBe(true);
  return rows.map((row) => row.pair);
}

describe('batched likes', () => {
  it('write likes made at the same moment in one transaction, stamped and weighted', async () => {
    const { answers, transactions } = await together(
      ['fan1', 'fan2', 'fan3'].map((fan) => like(fan, PUBLIC)));
    expect(answers).toEqual(['ok', 'ok', 'ok']);
    expect(transactions).toBe(1);
    const rows = await holder.db.readText<{ at: unknown; weight: unknown }>(
      `MATCH (:User)-[r:LIKED]->(:Post {id: $id}) RETURN r.at AS at, r.weight AS weight`,
      { id: PUBLIC });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(typeof row.at).toBe('number');
      expect(row.weight).toBe(1);
    }
  });

  it('answer each item of a batch with a hidden, unknown or blocked post on its own', async () => {
    const { answers, transactions } = await together([
      like('fan2', FRIENDS), // fan2 does not follow author
      like('stranger', PUBLIC),
      like('fan1', FRIENDS), // fan1 does
      like('blocked', PUBLIC), // author blocks blocked
      like('ghost', PUBLIC), // no such viewer
      like('fan3', 'batch:post:none'),
    ]);
    expect(answers).toEqual(
      ['NOT_FOUND', 'ok', 'ok', 'NOT_FOUND', 'UNAUTHENTICATED', 'NOT_FOUND']);
    expect(transactions).toBe(1);
    expect(await pairs('LIKED')).toEqual([
      `b:fan1>${FRIENDS}`, `b:fan1>${PUBLIC}`, `b:fan2>${PUBLIC}`, `b:fan3>${PUBLIC}`,
      `b:stranger>${PUBLIC}`,
    ]);
  });

  it('return the post as its viewer sees it', async () => {
    const post = await addPostEdge(holder.db, 'b:fan1', FRIENDS, 'LIKED');
    expect(post).toMatchObject({ __typename: 'Post', id: FRIENDS, text: 'for followers',
      visibility: 'FOLLOWERS', authorId: 'b:author' });
  });

  it('leave one edge per pair when the same likes come in one batch and the next', async () => {
    const writes = ['fan2', 'fan2', 'fan3', 'author', 'author'].map((fan) => like(fan, FRIENDS));
    const first = together(writes);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const second = together(writes);
    expect((await first).answers).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'ok', 'ok']);
    expect((await second).answers).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'ok', 'ok']);
    expect(await pairs('LIKED')).toContain(`b:author>${FRIENDS}`);
  });

  it('end with exactly one edge per pair after many overlapping batches', async () => {
    const posts = [PUBLIC, FRIENDS];
    const writes = Array.from({ length: 120 }, (_, index) =>
      like(['fan1', 'author', 'stranger'][index % 3]!, posts[index % 2]!));
    const waves = await Promise.all([0, 1, 2, 3].map(async (wave) => {
      await new Promise((resolve) => setTimeout(resolve, wave));
      return together(writes.slice(wave * 30, wave * 30 + 30));
    }));
    const failed = waves.flatMap((wave) => wave.answers).filter((answer) => answer !== 'ok');
    expect(failed).toEqual(Array(20).fill('NOT_FOUND')); // stranger and the friends' post
    expect(await pairs('LIKED')).toEqual([
      `b:author>${FRIENDS}`, `b:author>${PUBLIC}`, `b:fan1>${FRIENDS}`, `b:fan1>${PUBLIC}`,
      `b:fan2>${PUBLIC}`, `b:fan3>${PUBLIC}`, `b:stranger>${PUBLIC}`,
    ]);
  });
});

describe('batched follows', () => {
  it('answer each item of a batch on its own and write the rest in one transaction', async () => {
    const { answers, transactions } = await together([
      follow('fan2', 'author'),
      follow('author', 'blocked'), // author blocks blocked
      follow('blocked', 'author'), // either direction
      follow('fan3', 'nobody'),
      follow('ghost', 'author'),
      follow('fan3', 'stranger'),
      follow('fan2', 'author'), // the same follow twice
    ]);
    expect(answers).toEqual(
      ['ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'ok', 'ok']);
    expect(transactions).toBe(1);
    expect(await pairs('FOLLOWS')).toEqual(
      ['b:fan1>b:author', 'b:fan2>b:author', 'b:fan3>b:stranger']);
  });

  it('return the followed user', async () => {
    expect(await addUserEdge(holder.db, 'b:stranger', 'b:fan1', 'FOLLOWS'))
      .toMatchObject({ __typename: 'User', id: 'b:fan1', handle: 'b_fan1' });
  });

  it('refuse a self-follow before any transaction', async () => {
    const { answers, transactions } = await together([follow('fan3', 'fan3')]);
    expect(answers).toEqual(['BAD_USER_INPUT']);
    expect(transactions).toBe(0);
  });
});
