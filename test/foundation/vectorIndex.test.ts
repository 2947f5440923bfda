/**
 * The Neo4j vector index answers nearest-neighbour queries like a
 * brute-force cosine scan over the same vectors.
 */
import { describe, expect, it } from 'vitest';
import { int } from '../../src/db/database.js';
import { findNearest } from '../../src/db/vectorSearch.js';
import { createRandom } from '../../src/math/random.js';
import { useTestDatabase } from '../support/database.js';

const COUNT = 10_000;
const DIMENSIONS = 64;
const K = 10;
const QUERIES = 25;

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

describe('the Neo4j vector index', () => {
  const t = useTestDatabase();
  const random = createRandom(42);
  const vectors = Array.from({ length: COUNT }, () =>
    Array.from({ length: DIMENSIONS }, () => random() * 2 - 1),
  );

  it('comes ONLINE over 10,000 random 64-dimensional vectors', async () => {
    await t.db.writeText('DROP INDEX probe_vectors IF EXISTS');
    for (let start = 0; start < COUNT; start += 2000) {
      await t.db.writeText(
        `UNWIND $rows AS row
         CREATE (:VectorProbe {i: row.i, v: row.v})`,
        {
          rows: vectors.slice(start, start + 2000).map((v, j) => ({ i: int(start + j), v })),
        },
      );
    }
    await t.db.writeText(
      `CREATE VECTOR INDEX probe_vectors FOR (n:VectorProbe) ON n.v
       OPTIONS {indexConfig: {
         \`vector.dimensions\`: $dimensions,
         \`vector.similarity_function\`: 'cosine',
         \`vector.quantization.enabled\`: false
       }}`,
      { dimensions: int(DIMENSIONS) },
    );
    await t.db.writeText('CALL db.awaitIndex("probe_vectors", 300)');
    const rows = await t.db.readText<{ state: string; populationPercent: number }>(
      `SHOW VECTOR INDEXES YIELD name, state, populationPercent
       WHERE name = 'probe_vectors' RETURN state, populationPercent`,
    );
    expect(rows).toEqual([{ state: 'ONLINE', populationPercent: 100 }]);
  });

  it('finds the brute-force nearest neighbours through findNearest', async () => {
    let overlap = 0;
    let topOneMatches = 0;
    for (let q = 0; q < QUERIES; q++) {
      const query = Array.from({ length: DIMENSIONS }, () => random() * 2 - 1);
      const exact = vectors
        .map((v, i) => ({ i, score: cosine(query, v) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, K)
        .map((hit) => hit.i);
      const found = await findNearest(t.db, 'probe_vectors', query, K);
      const ids = await indexesOf(found.map((hit) => hit.elementId));
      overlap += ids.filter((i) => exact.includes(i)).length;
      if (ids[0] === exact[0]) topOneMatches += 1;
    }
    // HNSW is approximate; with oversampling nearly all of the exact top 10
    // come back (asking Neo4j for exactly 10 found about 40% here).
    expect(overlap / (QUERIES * K)).toBeGreaterThanOrEqual(0.9);
    expect(topOneMatches).toBeGreaterThanOrEqual(QUERIES - 2);
  });

  async function indexesOf(elementIds: string[]): Promise<number[]> {
    const rows = await t.db.readText<{ i: number }>(
      `UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id RETURN n.i AS i`,
      { ids: elementIds },
    );
    return rows.map((row) => row.i);
  }

  it('refuses a zero vector instead of returning arbitrary neighbours', async () => {
    await expect(
      findNearest(t.db, 'probe_vectors', new Array(DIMENSIONS).fill(0), K),
    ).rejects.toThrow(/zero vector/);
  });

  it('finds a stored vector itself first, with a score of 1', async () => {
    const [hit] = await findNearest(t.db, 'probe_vectors', vectors[7]!, 1);
    expect(await indexesOf([hit!.elementId])).toEqual([7]);
    expect(hit!.score).toBeCloseTo(1, 3);
    await t.db.writeText('DROP INDEX probe_vectors');
  });
});
