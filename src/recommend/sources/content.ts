/**
 * Content: the vector-index neighbours of the viewer's taste vector, the
 * recency-weighted mean of the unit embeddings of recently engaged posts:
 *   taste = sum_i w_i * 2^(-age_i / halfLifeMs) * e_i / |e_i|
 * Returns nothing when the viewer engaged with no embedded post.
 */
import { int } from '../../db/database.js';
import { findNearest } from '../../db/vectorSearch.js';
import type { Candidate } from '../types.js';
import { decay, type CandidateSource, type SourceContext } from './source.js';

export const CONTENT_DEFAULTS = {
  /** Recent embedded engagements averaged into the taste vector. */
  seedLimit: 30,
  /** Age at which an engagement's pull halves, in milliseconds. */
  halfLifeMs: 14 * 24 * 3600 * 1000,
  /** Name of the vector index over Post.embedding. */
  indexName: 'post_embedding',
};

interface SeedRow {
  postId: string;
  embedding: number[];
  at: number;
  weight: number;
}

/** Creates the content source with the given options. */
export function createContentSource(options = CONTENT_DEFAULTS): CandidateSource {
  return {
    name: 'content',
    async generate({ engine, viewer, limit, now, read }: SourceContext) {
      if (viewer.recent.length === 0) return [];
      const seeds = await read<SeedRow & Record<string, unknown>>(
        'recommend/engagedEmbeddings',
        { viewerId: viewer.id, limit: int(options.seedLimit) },
      );
      const taste = tasteVector(seeds, now, options.halfLifeMs);
      if (taste === undefined) return [];
      const seen = new Set(seeds.map((seed) => seed.postId));
      const hits = await findNearest(engine.db, options.indexName, taste, limit + seen.size);
      const found = hits.filter((hit) => hit.id !== null && !seen.has(hit.id)).slice(0, limit);
      const closest = await closestSeeds(read, found.map((hit) => hit.id!), seeds);
      return found.map((hit): Candidate => ({
        postId: hit.id!,
        score: hit.score,
        reasons: [{ kind: 'SIMILAR_TO_ENGAGED', postId: closest.get(hit.id!) ?? seeds[0]!.postId }],
      }));
    },
  };
}

/** The recency-weighted mean of unit embeddings; undefined when none. */
export function tasteVector(
  seeds: readonly SeedRow[],
  now: number,
  halfLifeMs: number,
): number[] | undefined {
  const first = seeds[0];
  if (first === undefined) return undefined;
  const taste = new Array<number>(first.embedding.length).fill(0);
  for (const seed of seeds) {
    const norm = Math.hypot(...seed.embedding);
    if (norm === 0 || seed.embedding.length !== taste.length) continue;
    const w = seed.weight * decay(now - seed.at, halfLifeMs) / norm;
    seed.embedding.forEach((value, i) => (taste[i]! += w * value));
  }
  return taste.some((value) => value !== 0) ? taste : undefined;
}

/** Cosine similarity of two vectors of equal length (0 for a zero one). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

async function closestSeeds(
  read: SourceContext['read'],
  postIds: string[],
  seeds: readonly SeedRow[],
): Promise<Map<string, string>> {
  const rows = await read<{ postId: string; embedding: number[] }>(
    'recommend/postEmbeddings',
    { postIds },
  );
  const closest = new Map<string, string>();
  for (const row of rows) {
    let best = -Infinity;
    for (const seed of seeds) {
      const similarity = cosine(row.embedding, seed.embedding);
      if (similarity > best) {
        best = similarity;
        closest.set(row.postId, seed.postId);
      }
    }
  }
  return closest;
}
