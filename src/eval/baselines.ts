/**
 * Baseline recommenders the evaluation compares every source against,
 * computed in memory from the training part only:
 *
 * - random: items drawn uniformly (seeded) from the catalogue;
 * - most popular: items by number of training users;
 * - item-KNN (Sarwar et al. 2001): score(u, j) = Σ_{i ∈ I(u)} cos(i, j) over
 *   the `neighbours` most similar items of each i, with cos the cosine of
 *   binary user vectors: |U(i) ∩ U(j)| / sqrt(|U(i)| · |U(j)|).
 *
 * Every baseline excludes the user's training items.
 */
import { createRandom, randomInt } from '../math/random.js';

export interface Interaction {
  userId: string;
  itemId: string;
}

export const ITEM_KNN_DEFAULTS = {
  /** Neighbours kept per item. */
  neighbours: 50,
};

/** Training data indexed both ways. */
export interface TrainingIndex {
  itemsByUser: Map<string, Set<string>>;
  usersByItem: Map<string, Set<string>>;
  catalogue: string[];
}

/** Indexes training interactions; `catalogue` defaults to items seen. */
export function indexTraining(
  interactions: readonly Interaction[],
  catalogue?: readonly string[],
): TrainingIndex {
  const itemsByUser = new Map<string, Set<string>>();
  const usersByItem = new Map<string, Set<string>>();
  for (const { userId, itemId } of interactions) {
    let items = itemsByUser.get(userId);
    if (!items) itemsByUser.set(userId, (items = new Set()));
    items.add(itemId);
    let users = usersByItem.get(itemId);
    if (!users) usersByItem.set(itemId, (users = new Set()));
    users.add(userId);
  }
  return {
    itemsByUser,
    usersByItem,
    catalogue: [...(catalogue ?? usersByItem.keys())].sort(),
  };
}

export type BaselineRecommender = (userId: string, k: number) => string[];

/** Uniformly random unseen items, seeded per user so runs repeat. */
export function randomBaseline(index: TrainingIndex, seed = 7): BaselineRecommender {
  return (userId, k) => {
    const random = createRandom(seed ^ hashUser(userId));
    const seen = index.itemsByUser.get(userId) ?? new Set<string>();
    const picked = new Set<string>();
    const wanted = Math.min(k, index.catalogue.length - seen.size);
    while (picked.size < wanted) {
      const item = index.catalogue[randomInt(random, index.catalogue.length)]!;
      if (!seen.has(item)) picked.add(item);
    }
    return [...picked];
  };
}

/** The most popular unseen items. */
export function popularBaseline(index: TrainingIndex): BaselineRecommender {
  const ranked = [...index.usersByItem.entries()]
    .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
    .map(([item]) => item);
  return (userId, k) => {
    const seen = index.itemsByUser.get(userId) ?? new Set<string>();
    const out: string[] = [];
    for (const item of ranked) {
      if (out.length >= k) break;
      if (!seen.has(item)) out.push(item);
    }
    return out;
  };
}

/** Item-KNN with cosine similarity over binary user vectors. */
export function itemKnnBaseline(
  index: TrainingIndex,
  options = ITEM_KNN_DEFAULTS,
): BaselineRecommender {
  const neighbours = new Map<string, Array<[string, number]>>();
  const neighboursOf = (item: string): Array<[string, number]> => {
    let list = neighbours.get(item);
    if (list) return list;
    const users = index.usersByItem.get(item) ?? new Set<string>();
    const overlap = new Map<string, number>();
    for (const user of users) {
      for (const other of index.itemsByUser.get(user) ?? []) {
        if (other !== item) overlap.set(other, (overlap.get(other) ?? 0) + 1);
      }
    }
    list = [...overlap.entries()]
      .map(([other, shared]): [string, number] => [
        other,
        shared / Math.sqrt(users.size * index.usersByItem.get(other)!.size),
      ])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.neighbours);
    neighbours.set(item, list);
    return list;
  };

  return (userId, k) => {
    const seen = index.itemsByUser.get(userId) ?? new Set<string>();
    const scores = new Map<string, number>();
    for (const item of seen) {
      for (const [other, similarity] of neighboursOf(item)) {
        if (!seen.has(other)) scores.set(other, (scores.get(other) ?? 0) + similarity);
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, k)
      .map(([item]) => item);
  };
}

function hashUser(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 31);
  return hash >>> 0;
}
