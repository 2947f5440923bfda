/**
 * Test access to the real Neo4j test instance.
 *
 * `useTestDatabase()` opens a Database for the file, wipes all data (but
 * not the schema or the migration records) before the file's tests run,
 * and closes the driver afterwards.
 */
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createDriver, Database } from '../../src/db/database.js';
import { wipeData } from '../../src/db/wipeData.js';

export { wipeData };

/** The configuration tests run with (see vitest.config.ts). */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig(), ...overrides };
}

/** A Database for one test file, with the data wiped before it starts. */
export function useTestDatabase(): { readonly db: Database } {
  const holder: { db?: Database } = {};
  beforeAll(async () => {
    const config = testConfig();
    holder.db = new Database(createDriver(config), config.NEO4J_DATABASE);
    await wipeData(holder.db);
  });
  afterAll(async () => {
    await holder.db?.close();
  });
  return {
    get db(): Database {
      if (!holder.db) throw new Error('useTestDatabase: used before beforeAll ran');
      return holder.db;
    },
  };
}
