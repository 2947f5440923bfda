/**
 * A small social graph whose right answers are known, shared by the
 * recommendation tests. `NOW` is the engine clock; every time is relative.
 *
 * The viewer `v` follows f1, f2, f3; blocks `b`, is blocked by `bb`, mutes
 * `m`. Posts named `bad*` must never be recommended to `v`.
 */
import type { Database } from '../../src/db/database.js';
import { int } from '../../src/db/database.js';
import { silentLogger } from '../../src/log.js';
import { createEngine, FEED_DEFAULTS, type Engine } from '../../src/recommend/engine.js';

export const NOW = Date.UTC(2026, 5, 1, 12);
const HOUR = 3600 * 1000;
const DIMENSIONS = 128;

interface PostSpec {
  id: string;
  author: string | null;
  ageH: number;
  visibility?: 'PUBLIC' | 'FOLLOWERS';
  deleted?: boolean;
  text?: string;
  tags?: string[];
  embedding?: number[];
}

/** A unit-ish vector pointing mostly along `axis`, tilted by `tilt`. */
export function vector(axis: number, tilt = 0): number[] {
  return Array.from({ length: DIMENSIONS }, (_, i) =>
    i === axis ? 1 : i === (axis + 1) % DIMENSIONS ? tilt : 0.01);
}

export const USERS = [
  'v', 'f1', 'f2', 'f3', 'o1', 'o2', 'o3', 'o4', 'b', 'bb', 'm', 'pa', 'newbie', 'w',
];

export const POSTS: PostSpec[] = [
  { id: 'star', author: 'o1', ageH: 5, text: 'The one everyone liked', tags: ['jazz'] },
  { id: 'fromF1', author: 'f1', ageH: 2, text: 'A post by a friend' },
  { id: 'fromF1Private', author: 'f1', ageH: 3, visibility: 'FOLLOWERS', text: 'Friends only' },
  { id: 'co', author: 'o3', ageH: 30, text: 'Co-engaged with seedA' },
  {
    id: 'contentMatch', author: 'o4', ageH: 40, text: 'About the same thing',
    embedding: vector(0, 0.1),
  },
  { id: 'trend', author: 'o2', ageH: 6, text: 'Hot right now', tags: ['news'] },
  { id: 'seedA', author: 'o4', ageH: 50, text: 'Liked by the viewer', embedding: vector(0) },
  { id: 'seedB', author: 'o2', ageH: 60, text: 'Also liked by the viewer' },
  { id: 'dupOfStar', author: 'o2', ageH: 5, text: 'the one EVERYONE liked!' },
  { id: 'badPrivate', author: 'pa', ageH: 4, visibility: 'FOLLOWERS', text: 'x1' },
  { id: 'badBlocked', author: 'b', ageH: 4, text: 'x2' },
  { id: 'badBlockedBy', author: 'bb', ageH: 4, text: 'x3' },
  { id: 'badMuted', author: 'm', ageH: 4, text: 'x4' },
  { id: 'badDeleted', author: 'o2', ageH: 4, deleted: true, text: 'x5' },
  { id: 'badOwn', author: 'v', ageH: 4, text: 'x6' },
  { id: 'badSeen', author: 'o2', ageH: 4, text: 'x7' },
  { id: 'badHidden', author: 'o3', ageH: 4, text: 'x8' },
];

/** Posts `v` must never be recommended (including ones v engaged with). */
export const FORBIDDEN_FOR_V = [
  ...POSTS.filter((p) => p.id.startsWith('bad')).map((p) => p.id),
  'seedA',
  'seedB',
];

const FOLLOWS: Array<[string, string]> = [
  ['v', 'f1'], ['v', 'f2'], ['v', 'f3'],
  ['f1', 'f2'], ['f2', 'f3'], ['f1', 'o1'], ['f2', 'o1'], ['f3', 'o1'],
  ['f1', 'o2'], ['f2', 'pa'], ['o1', 'o2'], ['o3', 'o4'], ['w', 'f1'],
  ['f1', 'b'], ['f2', 'bb'], ['f3', 'm'], ['f1', 'm'],
];

/** [user, post, age in hours, weight] */
const ENGAGEMENTS: Array<[string, string, number, number]> = [
  ['f1', 'star', 4, 1], ['f2', 'star', 3, 1], ['f3', 'star', 2, 1],
  ['w', 'trend', 1, 1], ['pa', 'trend', 1, 1], ['m', 'trend', 2, 1], ['bb', 'trend', 1, 1],
  ['v', 'seedA', 10, 1], ['v', 'seedB', 20, 0.8],
  ['o1', 'seedA', 30, 1], ['o2', 'seedA', 30, 1], ['o1', 'co', 29, 1], ['o2', 'co', 28, 1],
  ['o2', 'seedB', 30, 1], ['o3', 'seedB', 30, 1], ['o3', 'co', 27, 1],
  ['f1', 'badPrivate', 3, 1], ['f1', 'badBlocked', 3, 1], ['f2', 'badBlocked', 3, 1],
  ['f1', 'badBlockedBy', 3, 1], ['f1', 'badMuted', 3, 1], ['f1', 'badDeleted', 3, 1],
  ['f1', 'badOwn', 3, 1], ['f2', 'badSeen', 3, 1], ['f2', 'badHidden', 3, 1],
  ['o1', 'badSeen', 3, 1], ['o1', 'badHidden', 3, 1], ['o1', 'badMuted', 3, 1],
  ['o2', 'badBlocked', 3, 1], ['o2', 'badPrivate', 3, 1],
];

/** Writes the world into an empty database. */
export async function buildWorld(db: Database): Promise<void> {
  await db.writeText(
    `UNWIND $users AS id
     CREATE (:User {id: id, handle: id, displayName: id, createdAt: $t})`,
    { users: USERS, t: int(NOW - 1000 * HOUR) },
  );
  await db.writeText(
    `UNWIND $posts AS p
     CREATE (post:Post {id: p.id, text: p.text, kind: 'post', createdAt: p.createdAt,
       visibility: p.visibility, source: 'seed'})
     SET post.deletedAt = p.deletedAt, post.embedding = p.embedding
     WITH post, p
     OPTIONAL MATCH (a:User {id: p.author})
     FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END |
       CREATE (a)-[:AUTHORED]->(post))
     WITH post, p
     UNWIND p.tags AS tag
     MERGE (t:Tag {name: tag})
     CREATE (post)-[:TAGGED]->(t)`,
    {
      posts: POSTS.map((p) => ({
        id: p.id,
        author: p.author,
        text: p.text ?? p.id,
        createdAt: int(NOW - p.ageH * HOUR),
        visibility: p.visibility ?? 'PUBLIC',
        deletedAt: p.deleted ? int(NOW - HOUR) : null,
        embedding: p.embedding ?? null,
        tags: p.tags ?? [],
      })),
    },
  );
  await relate(db, 'FOLLOWS', 'User', FOLLOWS.map(([a, b]) => ({ a, b, ageH: 100 })));
  await like(db, ENGAGEMENTS.map(([a, b, ageH, weight]) => ({ a, b, ageH, weight })));
  await relate(db, 'VIEWED', 'Post', [{ a: 'v', b: 'badSeen', ageH: 1 }]);
  await relate(db, 'HID', 'Post', [{ a: 'v', b: 'badHidden', ageH: 1 }]);
  await relate(db, 'BLOCKS', 'User', [{ a: 'v', b: 'b', ageH: 50 }, { a: 'bb', b: 'v', ageH: 50 }]);
  await relate(db, 'MUTES', 'User', [{ a: 'v', b: 'm', ageH: 50 }]);
}

/** Records LIKED edges {at, weight}; `ageH` is hours before NOW. */
export async function like(
  db: Database,
  rows: Array<{ a: string; b: string; ageH: number; weight?: number }>,
): Promise<void> {
  await db.writeText(
    `UNWIND $rows AS row
     MATCH (u:User {id: row.a}), (p:Post {id: row.b})
     MERGE (u)-[r:LIKED]->(p)
     SET r.at = row.at, r.weight = row.weight`,
    {
      rows: rows.map((r) => ({
        a: r.a,
        b: r.b,
        at: int(NOW - r.ageH * HOUR),
        weight: r.weight ?? 1,
      })),
    },
  );
}

async function relate(
  db: Database,
  type: 'FOLLOWS' | 'VIEWED' | 'HID' | 'BLOCKS' | 'MUTES',
  target: 'User' | 'Post',
  rows: Array<{ a: string; b: string; ageH: number }>,
): Promise<void> {
  // Types and labels come from the closed unions above, never from input.
  await db.writeText(
    `UNWIND $rows AS row
     MATCH (a:User {id: row.a}), (b:${target} {id: row.b})
     MERGE (a)-[r:${type}]->(b)
     SET r.at = row.at`,
    { rows: rows.map((r) => ({ a: r.a, b: r.b, at: int(NOW - r.ageH * HOUR) })) },
  );
}

/**
 * An engine over `db` at the fixed clock NOW, projection loaded. Sources get
 * a generous time budget: these tests are about answers, not speed, and a
 * busy machine must not drop a source.
 */
export async function worldEngine(db: Database): Promise<Engine> {
  const feed = { ...FEED_DEFAULTS, sourceBudgetMs: 60_000 };
  const engine = createEngine({ db, log: silentLogger, clock: () => NOW, config: { feed } });
  await engine.projection.load();
  return engine;
}
