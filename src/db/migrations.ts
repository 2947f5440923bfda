/**
 * Schema migrations: ordered `cypher/migrations/NNNN_name.cypher` files,
 * applied at start-up and recorded as `(:_Migration {id, checksum})` nodes.
 *
 * Each statement is idempotent (`IF NOT EXISTS`), so a run that stops half
 * way is finished by the next. A recorded migration whose file has changed
 * stops start-up: add a new file instead of editing an applied one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { cypherDir, splitStatements } from './cypher.js';
import { int, type Database } from './database.js';

const MIGRATIONS_DIR = path.join(cypherDir, 'migrations');
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.cypher$/;

export interface Migration {
  id: string;
  checksum: string;
  statements: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Reads the migration files in order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => FILE_PATTERN.test(file))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        id: file.replace(/\.cypher$/, ''),
        checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
        statements: splitStatements(text),
      };
    });
}

/** Options the migration statements may use as parameters. */
export interface MigrationParams {
  embeddingDimensions: number;
}

/**
 * Applies every migration not yet recorded, then waits for indexes to come
 * online. Returns the ids applied by this call.
 */
export async function applyMigrations(
  db: Database,
  params: MigrationParams,
  log?: Logger,
): Promise<string[]> {
  await db.writeText(
    'CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (m:_Migration) REQUIRE m.id IS UNIQUE',
  );
  const applied = new Map(
    (await db.readText<{ id: string; checksum: string }>(
      'MATCH (m:_Migration) RETURN m.id AS id, m.checksum AS checksum',
    )).map((row) => [row.id, row.checksum]),
  );

  const done: string[] = [];
  for (const migration of readMigrations()) {
    const recorded = applied.get(migration.id);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.id} was applied with checksum ${recorded}, ` +
            `but its file now has ${migration.checksum}. Applied migrations ` +
            'must not change: revert the file and add a new migration.',
        );
      }
      continue;
    }
    for (const statement of migration.statements) {
      await db.writeText(statement, {
        embeddingDimensions: int(params.embeddingDimensions),
      });
    }
    await db.writeText(
      'MERGE (m:_Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = timestamp()',
      { id: migration.id, checksum: migration.checksum },
    );
    log?.info({ migration: migration.id }, 'migration applied');
    done.push(migration.id);
  }

  await db.writeText('CALL db.awaitIndexes(300)');
  await checkVectorDimensions(db, params.embeddingDimensions);
  return done;
}

async function checkVectorDimensions(db: Database, expected: number): Promise<void> {
  const rows = await db.readText<{ dimensions: number }>(
    `SHOW VECTOR INDEXES YIELD name, options
     WHERE name = 'post_embedding'
     RETURN options.indexConfig['vector.dimensions'] AS dimensions`,
  );
  const actual = rows[0]?.dimensions;
  if (actual !== undefined && actual !== expected) {
    throw new MigrationError(
      `EMBEDDING_DIMENSIONS is ${expected}, but the post_embedding vector ` +
        `index was built for ${actual}. Set EMBEDDING_DIMENSIONS=${actual}, or ` +
        'drop the index (DROP INDEX post_embedding) and re-embed with `npm run train`.',
    );
  }
}

/** True when every migration file is recorded as applied. */
export async function migrationsApplied(db: Database): Promise<boolean> {
  const rows = await db.readText<{ id: string }>('MATCH (m:_Migration) RETURN m.id AS id');
  const recorded = new Set(rows.map((row) => row.id));
  return readMigrations().every((migration) => recorded.has(migration.id));
}
