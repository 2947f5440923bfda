/**
 * Reads for candidate sources under a deadline. A source dropped for being
 * late must not leave its query running: these reads carry the budget as
 * the Neo4j transaction timeout, so the server stops the work too (a
 * benchmark under load piled up abandoned item-CF queries without it).
 */
import type { RecordShape } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Database, Params } from '../db/database.js';

/** Runs `cypher/<name>.cypher` for reading, killed by Neo4j after `timeoutMs`. */
export async function readWithin<Row extends RecordShape = RecordShape>(
  db: Database,
  name: string,
  params: Params,
  timeoutMs: number,
): Promise<Row[]> {
  db.roundTrips += 1;
  return db.autoCommitRead<Row>(cypher(name), params, timeoutMs);
}
