import { describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError, readMigrations } from '../../src/db/migrations.js';
import { int } from '../../src/db/database.js';
import { useTestDatabase } from '../support/database.js';

const params = { embeddingDimensions: 128 };

describe('applyMigrations', () => {
  const t = useTestDatabase();

  it('records every migration file and applies none twice', async () => {
    await applyMigrations(t.db, params);
    const again = await applyMigrations(t.db, params);
    expect(again).toEqual([]);

    const rows = await t.db.readText<{ id: string }>(
      'MATCH (m:_Migration) RETURN m.id AS id ORDER BY id',
    );
    // Every file is recorded (a shared server may also hold newer ones).
    expect(rows.map((row) => row.id)).toEqual(
      expect.arrayContaining(readMigrations().map((m) => m.id)),
    );
  });

  it('creates the uniqueness constraints and the post vector index', async () => {
    const constraints = await t.db.readText<{ name: string }>(
      'SHOW CONSTRAINTS YIELD name RETURN name',
    );
    expect(constraints.map((row) => row.name)).toEqual(
      expect.arrayContaining(['user_id', 'user_handle', 'post_id', 'tag_name']),
    );
    const vector = await t.db.readText<{ state: string; dimensions: number }>(
      `SHOW VECTOR INDEXES YIELD name, state, options WHERE name = 'post_embedding'
       RETURN state, options.indexConfig['vector.dimensions'] AS dimensions`,
    );
    expect(vector).toEqual([{ state: 'ONLINE', dimensions: 128 }]);
  });

  it('refuses duplicate user ids through the database constraint', async () => {
    await t.db.writeText("CREATE (:User {id: 'dup', handle: 'dup1'})");
    await expect(
      t.db.writeText("CREATE (:User {id: 'dup', handle: 'dup2'})"),
    ).rejects.toThrow(/already exists/);
  });

  it('stops when an applied migration file has changed', async () => {
    const first = readMigrations()[0]!;
    await t.db.writeText('MATCH (m:_Migration {id: $id}) SET m.checksum = "changed"', {
      id: first.id,
    });
    try {
      await expect(applyMigrations(t.db, params)).rejects.toThrow(MigrationError);
    } finally {
      await t.db.writeText('MATCH (m:_Migration {id: $id}) SET m.checksum = $checksum', {
        id: first.id,
        checksum: first.checksum,
      });
    }
  });

  it('refuses an embedding size other than the index was built for', async () => {
    await expect(applyMigrations(t.db, { embeddingDimensions: 64 })).rejects.toThrow(
      /EMBEDDING_DIMENSIONS is 64, but the post_embedding vector index was built for 128/,
    );
  });
});

describe('Database', () => {
  const t = useTestDatabase();

  it('round-trips a user and a post with integers as JS numbers', async () => {
    await t.db.writeText(
      `CREATE (u:User {id: 'u1', handle: 'ada', createdAt: $at})
       CREATE (u)-[:AUTHORED]->(:Post {id: 'p1', text: $text, createdAt: $at})`,
      { at: int(1_700_000_000_123), text: 'Grüße, 世界 👋' },
    );
    const rows = await t.db.readText<{ handle: string; text: string; at: unknown; n: unknown }>(
      `MATCH (u:User {id: 'u1'})-[:AUTHORED]->(p:Post)
       RETURN u.handle AS handle, p.text AS text, p.createdAt AS at, count(*) AS n`,
    );
    expect(rows).toEqual([
      { handle: 'ada', text: 'Grüße, 世界 👋', at: 1_700_000_000_123, n: 1 },
    ]);
    expect(typeof rows[0]!.n).toBe('number');
  });

  it('counts one round trip per query', async () => {
    const before = t.db.roundTrips;
    await t.db.readText('RETURN 1');
    await t.db.readText('RETURN 2');
    expect(t.db.roundTrips - before).toBe(2);
  });

  it('rejects int() of a value that is not finite', () => {
    expect(() => int(Number.NaN)).toThrow(/finite number/);
  });
});
