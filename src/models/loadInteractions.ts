/**
 * Reads the training data of the learned models out of Neo4j.
 */
import type { Database } from '../db/database.js';
import {
  interactionMatrixFromRows,
  type InteractionMatrix,
  type InteractionRow,
} from './interactionMatrix.js';

/**
 * The positive engagements ([:LIKED|REPOSTED|REPLIED]) as an interaction
 * matrix; `source` keeps the posts of one source (e.g. 'lastfm'). Throws
 * ModelError EMPTY_DATA when there is none.
 */
export async function loadInteractionMatrix(
  db: Database,
  source: string | null = null,
): Promise<InteractionMatrix> {
  const rows = await db.read<InteractionRow & Record<string, unknown>>(
    'models/trainingInteractions',
    { source },
  );
  return interactionMatrixFromRows(
    rows.map((row) => ({
      userId: String(row.userId),
      itemId: String(row.itemId),
      weight: Number(row.weight),
      at: Number(row.at),
    })),
  );
}
