/**
 * Blend: each source's scores are divided by that source's best score in
 * the request (so every source lies in (0, 1]), then combined:
 *   score(p) = sum_s weight_s * score_s(p) / max_q score_s(q)
 * Reasons of every source are kept, with the per-source breakdown.
 */
import { compareIds } from '../math/ranking.js';
import type { BlendWeights } from './engine.js';
import type { Candidate, Reason, ScoreShare } from './types.js';

export interface BlendedCandidate {
  postId: string;
  score: number;
  reasons: Reason[];
  breakdown: ScoreShare[];
}

/**
 * Blends the candidates of several sources (only posts in `allowed`), best
 * first, equal scores ordered by post id.
 */
export function blendCandidates(
  bySource: ReadonlyMap<string, readonly Candidate[]>,
  weights: BlendWeights,
  allowed: ReadonlySet<string>,
): BlendedCandidate[] {
  const blended = new Map<string, BlendedCandidate>();
  for (const [source, all] of bySource) {
    const candidates = all.filter((c) => allowed.has(c.postId) && c.score > 0);
    const best = Math.max(0, ...candidates.map((c) => c.score));
    const weight = weights[source] ?? 0;
    if (best === 0) continue;
    for (const candidate of candidates) {
      const entry = blended.get(candidate.postId)
        ?? { postId: candidate.postId, score: 0, reasons: [], breakdown: [] };
      const normalized = candidate.score / best;
      const contribution = normalized * weight;
      entry.score += contribution;
      entry.breakdown.push({ source, raw: candidate.score, normalized, weight, contribution });
      entry.reasons.push(...candidate.reasons);
      blended.set(candidate.postId, entry);
    }
  }
  return [...blended.values()]
    .map((entry) => ({ ...entry, reasons: distinctReasons(entry.reasons) }))
    .sort((a, b) => b.score - a.score || compareIds(a.postId, b.postId));
}

/** Keeps the first reason of each kind (sources are run in a fixed order). */
function distinctReasons(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    if (seen.has(reason.kind)) return false;
    seen.add(reason.kind);
    return true;
  });
}
