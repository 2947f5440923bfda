/**
 * Empties a database but keeps its schema and migration records: for the
 * test suite, the evaluation and benchmarks, which own their instances.
 */
import { cypher } from './cypher.js';
import type { Database } from './database.js';

/**
 * Deletes every node and relationship except `_Migration` nodes:
 * relationships first, then nodes, each in batches, so a graph of any size
 * fits the transaction memory pool. Runs as implicit transactions, which
 * `CALL … IN TRANSACTIONS` requires.
 */
export async function wipeData(db: Database): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    await session.run(cypher('wipeRelationships'));
    await session.run(cypher('wipeData'));
  } finally {
    await session.close();
  }
}
