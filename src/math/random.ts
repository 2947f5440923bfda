/**
 * Seeded pseudo-random numbers, so recommenders, training and the seed
 * generator repeat exactly for the same seed.
 *
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state advanced by a
 * Weyl sequence and mixed by two multiply-xorshift rounds. Period 2^32,
 * fast, and good enough for sampling and initialisation (not for crypto).
 */

/** A generator of floats in [0, 1). */
export type Random = () => number;

/** Returns a generator seeded with `seed` (any integer). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** A standard normal draw (Box–Muller). */
export function randomNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Shuffles `items` in place (Fisher–Yates) and returns it. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Picks an index with probability proportional to `weights[i]` (all >= 0,
 * sum > 0), by a linear scan; use an alias table for repeated draws.
 */
export function weightedIndex(random: Random, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  return weights.length - 1;
}
