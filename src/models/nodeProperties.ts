/**
 * Writing a stored model's properties on posts and users inside one write
 * transaction: clear the previous version's, then set the new ones in
 * UNWIND batches. Factor vectors (factorStore.ts) and neighbour lists
 * (neighbourStore.ts) are written this way.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

/** One node's new property values, by node id. */
export interface PropertyRow {
  readonly id: string;
  readonly props: Readonly<Record<string, unknown>>;
}

const QUERIES = {
  Post: { clear: 'models/clearPostProperties', set: 'models/setPostProperties' },
  User: { clear: 'models/clearUserProperties', set: 'models/setUserProperties' },
} as const;

/** Removes `properties` from every `label` node that has the first of them. */
export async function clearNodeProperties(
  tx: ManagedTransaction,
  label: keyof typeof QUERIES,
  properties: readonly [string, ...string[]],
): Promise<void> {
  const clear = Object.fromEntries(properties.map((key) => [key, null]));
  await tx.run(cypher(QUERIES[label].clear), { property: properties[0], clear });
}

/**
 * Sets each row's props on the `label` node with its id, `batchSize` rows
 * per query; returns how many nodes matched (ids no longer in the graph
 * are skipped).
 */
export async function writeNodeProperties(
  tx: ManagedTransaction,
  label: keyof typeof QUERIES,
  rows: readonly PropertyRow[],
  batchSize: number,
): Promise<number> {
  let written = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const result = await tx.run(cypher(QUERIES[label].set), { rows: batch });
    written += Number(result.records[0]?.get('written') ?? 0);
  }
  return written;
}
