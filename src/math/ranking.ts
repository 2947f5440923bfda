/**
 * Deterministic ordering of scored lists: higher score first, equal scores
 * by id in code-unit order, so every list repeats exactly.
 */

/** Orders ids by code unit, the deterministic tie-break used everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `k` best of `items` by score, ties by `idOf`, sorted. Scores alone
 * are sorted first (a typed-array sort) to find the k-th best, so only the
 * items at or above it pay for the comparison by id.
 */
export function topByScore<T extends { score: number }>(
  items: T[],
  k: number,
  idOf: (item: T) => string,
): T[] {
  let kept = items;
  if (Number.isFinite(k) && items.length > k) {
    if (k <= 0) return [];
    const scores = Float64Array.from(items, (item) => item.score).sort();
    const threshold = scores[scores.length - k]!;
    kept = items.filter((item) => item.score >= threshold);
  }
  return kept
    .sort((a, b) => b.score - a.score || compareIds(idOf(a), idOf(b)))
    .slice(0, k);
}
