/**
 * Offline ranking metrics over full-catalogue top-K lists.
 *
 * For one user with ranked list r (length ≤ K) and test set T:
 *   Recall@K  = |r ∩ T| / |T|
 *   HitRate@K = 1 if |r ∩ T| > 0 else 0
 *   NDCG@K    = DCG / IDCG, binary relevance,
 *               DCG = Σ_{i=1..K} rel_i / log2(i + 1),
 *               IDCG = Σ_{i=1..min(K, |T|)} 1 / log2(i + 1)
 *   AP@K      = (1 / min(K, |T|)) Σ_{i=1..K} P@i · rel_i   (MAP = mean AP)
 * Users without test items are skipped. Beyond accuracy, over all users:
 *   coverage     = distinct recommended items / catalogue size
 *   novelty      = mean over shown items of −log2(pop(i)), pop(i) = share of
 *                  training users who engaged with i (unseen items count as
 *                  1 / (users + 1)) — Zhou et al. 2010's self-information
 *   diversity    = intra-list diversity: mean over each list's item pairs of
 *                  1 − cosine(i, j), items as binary vectors of their
 *                  training users (Ziegler et al. 2005)
 *   popularShare = share of shown items among the 1% most popular items
 */

/** A ranked list and the held-out items of one user. */
export interface UserRanking {
  ranked: readonly string[];
  relevant: ReadonlySet<string>;
}

export interface AccuracyAtK {
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
}

/** Accuracy of one ranked list at cut-off k. */
export function accuracyAtK(ranking: UserRanking, k: number): AccuracyAtK {
  const { ranked, relevant } = ranking;
  if (relevant.size === 0) {
    throw new RangeError('accuracyAtK needs at least one relevant item');
  }
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  const depth = Math.min(k, ranked.length);
  for (let i = 0; i < depth; i++) {
    if (!relevant.has(ranked[i]!)) continue;
    hits += 1;
    dcg += 1 / Math.log2(i + 2);
    precisionSum += hits / (i + 1);
  }
  let idcg = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return {
    recall: hits / relevant.size,
    ndcg: dcg / idcg,
    map: precisionSum / Math.min(k, relevant.size),
    hitRate: hits > 0 ? 1 : 0,
  };
}

/** Training data the beyond-accuracy metrics need. */
export interface CatalogueStats {
  /** Every recommendable item id. */
  catalogue: readonly string[];
  /** Training users per item. */
  usersByItem: ReadonlyMap<string, ReadonlySet<string>>;
  /** Number of training users. */
  userCount: number;
}

export interface ListMetrics {
  coverage: number;
  novelty: number;
  diversity: number;
  popularShare: number;
}

/** Coverage, novelty, intra-list diversity and popular share of many lists. */
export function listMetrics(
  lists: readonly (readonly string[])[],
  stats: CatalogueStats,
): ListMetrics {
  const popular = mostPopular(stats, 0.01);
  const shown = new Set<string>();
  let noveltySum = 0;
  let popularCount = 0;
  let itemCount = 0;
  let diversitySum = 0;
  let listsWithPairs = 0;

  for (const list of lists) {
    for (const item of list) {
      shown.add(item);
      const users = stats.usersByItem.get(item)?.size ?? 0;
      const pop = users > 0 ? users / stats.userCount : 1 / (stats.userCount + 1);
      noveltySum += -Math.log2(pop);
      if (popular.has(item)) popularCount += 1;
      itemCount += 1;
    }
    if (list.length >= 2) {
      diversitySum += intraListDiversity(list, stats.usersByItem);
      listsWithPairs += 1;
    }
  }
  return {
    coverage: stats.catalogue.length > 0 ? shown.size / stats.catalogue.length : 0,
    novelty: itemCount > 0 ? noveltySum / itemCount : 0,
    diversity: listsWithPairs > 0 ? diversitySum / listsWithPairs : 0,
    popularShare: itemCount > 0 ? popularCount / itemCount : 0,
  };
}

/** The top `share` of catalogue items by training users (at least one). */
export function mostPopular(stats: CatalogueStats, share: number): Set<string> {
  const count = Math.max(1, Math.ceil(stats.catalogue.length * share));
  const ranked = [...stats.catalogue].sort(
    (a, b) =>
      (stats.usersByItem.get(b)?.size ?? 0) - (stats.usersByItem.get(a)?.size ?? 0) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  return new Set(ranked.slice(0, count));
}

function intraListDiversity(
  list: readonly string[],
  usersByItem: ReadonlyMap<string, ReadonlySet<string>>,
): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      sum += 1 - binaryCosine(usersByItem.get(list[i]!), usersByItem.get(list[j]!));
      pairs += 1;
    }
  }
  return sum / pairs;
}

/** Cosine of two sets seen as binary vectors; 0 when either is empty. */
export function binaryCosine(
  a: ReadonlySet<string> | undefined,
  b: ReadonlySet<string> | undefined,
): number {
  if (!a || !b || a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / Math.sqrt(a.size * b.size);
}

/** Mean of each accuracy metric over users (users without test items skipped). */
export function meanAccuracy(
  rankings: readonly UserRanking[],
  k: number,
): AccuracyAtK & { users: number } {
  const total = { recall: 0, ndcg: 0, map: 0, hitRate: 0 };
  let users = 0;
  for (const ranking of rankings) {
    if (ranking.relevant.size === 0) continue;
    const one = accuracyAtK(ranking, k);
    total.recall += one.recall;
    total.ndcg += one.ndcg;
    total.map += one.map;
    total.hitRate += one.hitRate;
    users += 1;
  }
  const divide = (value: number) => (users > 0 ? value / users : 0);
  return {
    recall: divide(total.recall),
    ndcg: divide(total.ndcg),
    map: divide(total.map),
    hitRate: divide(total.hitRate),
    users,
  };
}
