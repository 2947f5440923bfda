/**
 * Factor vectors in Neo4j: `npm run train -- als` (or `puresvd`) writes
 * every post's and user's vector (src/models/factorModel.ts, f + 1
 * numbers) as `p.alsFactors` / `u.alsFactors`, behind the cosine vector
 * indexes `post_als_factors` / `user_als_factors`, and records the model
 * on a `(:LearnedModel {name})` node that the feed reads.
 *
 * Nothing is half-written: every vector is checked finite first
 * (checkSnapshot), then the model node is updated (which write-locks it
 * first, so a concurrent post fold-in, factorFoldIn.ts, waits or sees the
 * new version), the old vectors removed and the new ones written in
 * batches of UNWIND rows, all in one write transaction. A failure anywhere
 * leaves the previous version whole.
 */
import { cypher } from '../db/cypher.js';
import { int, type Database } from '../db/database.js';
import type { Logger } from '../log.js';
import {
  checkSnapshot,
  FACTOR_MODELS,
  maxNorm,
  storedItemVector,
  storedUserVector,
  type FactorSnapshot,
} from './factorModel.js';
import { clearNodeProperties, writeNodeProperties } from './nodeProperties.js';

export const FACTOR_STORE_DEFAULTS = {
  /** Vectors per UNWIND query (rows). */
  batchSize: 1000,
  /** Seconds to wait for a rebuilt vector index to come online. */
  indexTimeoutS: 300,
};

/** What `storeFactors` wrote. */
export interface StoredFactors {
  model: string;
  version: number;
  /** Numbers per stored vector (f + 1). */
  dimensions: number;
  posts: number;
  users: number;
}

/**
 * Checks every vector of `snapshot` (ModelError DIVERGED on NaN or
 * infinity, before anything is written), makes sure its two vector indexes
 * have f + 1 dimensions, then replaces the model's vectors and its
 * :LearnedModel node in one transaction.
 */
export async function storeFactors(
  db: Database,
  snapshot: FactorSnapshot,
  log?: Logger,
  options = FACTOR_STORE_DEFAULTS,
): Promise<StoredFactors> {
  checkSnapshot(snapshot);
  const f = snapshot.factors;
  const m = maxNorm(snapshot.items, f);
  const posts = snapshot.itemIds.map((id, row) => ({
    id, vector: storedItemVector(snapshot.items, row, f, m),
  }));
  const users = snapshot.userIds.map((id, row) => ({
    id, vector: storedUserVector(snapshot.users.subarray(row * f, (row + 1) * f)),
  }));

  await ensureFactorIndexes(db, snapshot.model, f + 1, log, options.indexTimeoutS);
  const version = Date.now();
  const { property } = FACTOR_MODELS[snapshot.model];
  const rows = (vectors: typeof posts) =>
    vectors.map((row) => ({ id: row.id, props: { [property]: row.vector } }));
  const written = await db.writeTransaction(async (tx) => {
    await tx.run(cypher('models/setLearnedModel'), modelParams(snapshot, version));
    await tx.run(cypher('models/setFactorFoldIn'), itemFoldInParams(snapshot, m));
    await clearNodeProperties(tx, 'Post', [property]);
    await clearNodeProperties(tx, 'User', [property]);
    const counts = {
      posts: await writeNodeProperties(tx, 'Post', rows(posts), options.batchSize),
      users: await writeNodeProperties(tx, 'User', rows(users), options.batchSize),
    };
    return counts;
  });
  log?.info(
    { model: snapshot.model, version, posts: written.posts, users: written.users },
    'factors stored',
  );
  return {
    model: snapshot.model, version, dimensions: f + 1, posts: written.posts, users: written.users,
  };
}

function modelParams(snapshot: FactorSnapshot, version: number) {
  const rule = snapshot.foldIn;
  return {
    name: snapshot.model,
    version: int(version),
    trainedAt: int(version),
    factors: int(snapshot.factors),
    users: int(snapshot.userIds.length),
    items: int(snapshot.itemIds.length),
    foldIn: rule.kind,
    alpha: rule.kind === 'als' ? rule.alpha : null,
    binary: rule.kind === 'sum' ? rule.binary : null,
    gram: rule.kind === 'als' ? Array.from(rule.gram) : null,
    neighbours: null,
    listSize: null,
  };
}

function itemFoldInParams(snapshot: FactorSnapshot, maxNorm: number) {
  const rule = snapshot.itemFoldIn;
  return {
    name: snapshot.model,
    itemFoldIn: rule.kind,
    itemGram: rule.kind === 'als' ? Array.from(rule.gram) : null,
    singularValues: rule.kind === 'svd' ? Array.from(rule.singularValues) : null,
    maxNorm,
  };
}

/**
 * Creates the model's post and user vector indexes with `dimensions`
 * (migration 0500 creates them at the default sizes); an index of another
 * size is dropped and rebuilt, with a warning. Index names and property
 * keys come from FACTOR_MODELS: Cypher takes neither as a parameter.
 */
export async function ensureFactorIndexes(
  db: Database,
  model: keyof typeof FACTOR_MODELS,
  dimensions: number,
  log?: Logger,
  timeoutS = FACTOR_STORE_DEFAULTS.indexTimeoutS,
): Promise<void> {
  const { property, postIndex, userIndex } = FACTOR_MODELS[model];
  const rows = await db.readText<{ name: string; dimensions: number }>(
    `SHOW VECTOR INDEXES YIELD name, options WHERE name IN $names
     RETURN name, options.indexConfig['vector.dimensions'] AS dimensions`,
    { names: [postIndex, userIndex] },
  );
  const sizes = new Map(rows.map((row) => [row.name, Number(row.dimensions)]));
  for (const [name, label] of [[postIndex, 'Post'], [userIndex, 'User']] as const) {
    const size = sizes.get(name);
    if (size === dimensions) continue;
    if (size !== undefined) {
      log?.warn({ index: name, was: size, now: dimensions }, 'rebuilding factor vector index');
      await db.writeText(`DROP INDEX ${name} IF EXISTS`);
    }
    await db.writeText(
      `CREATE VECTOR INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON n.${property}
       OPTIONS {indexConfig: {\`vector.dimensions\`: $dimensions,
         \`vector.similarity_function\`: 'cosine', \`vector.quantization.enabled\`: false}}`,
      { dimensions: int(dimensions) },
    );
  }
  await db.writeText(`CALL db.awaitIndexes(${Math.trunc(timeoutS)})`);
}
