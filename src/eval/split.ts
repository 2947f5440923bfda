/**
 * Reproducible train / validation / test splits.
 *
 * Last.fm (no timestamps): a (user, artist) pair is in the test part when
 * FNV-1a 32-bit of the UTF-8 string `userID:artistID` (the ids as written in
 * user_artists.dat) mod 5 is 0. The validation part is carved out of the
 * rest the same way with the string `userID:artistID:validation`, so anyone
 * can reproduce both from the file alone.
 *
 * Timestamped data (MovieLens, Stack Exchange): per user, the last
 * `testShare` of their engagements by time go to test and the
 * `validationShare` before those to validation; ties break by item id.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a 32-bit hash of the UTF-8 bytes of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

export type SplitPart = 'train' | 'validation' | 'test';

/** Which part a Last.fm (user, artist) pair belongs to. */
export function hashSplitPart(userId: string, itemId: string): SplitPart {
  if (fnv1a32(`${userId}:${itemId}`) % 5 === 0) return 'test';
  if (fnv1a32(`${userId}:${itemId}:validation`) % 5 === 0) return 'validation';
  return 'train';
}

export interface TimedEngagement {
  userId: string;
  itemId: string;
  at: number;
}

/** Shares of each user's timeline held out, from the end. */
export const TEMPORAL_SPLIT_DEFAULTS = {
  /** Share of each user's latest engagements in the test part. */
  testShare: 0.2,
  /** Share of each user's engagements just before the test part. */
  validationShare: 0.1,
  /** Users with fewer engagements keep them all in training. */
  minEngagements: 5,
};

/** Splits each user's engagements by time: past trains, future tests. */
export function temporalSplit<T extends TimedEngagement>(
  engagements: readonly T[],
  options = TEMPORAL_SPLIT_DEFAULTS,
): Record<SplitPart, T[]> {
  const byUser = new Map<string, T[]>();
  for (const engagement of engagements) {
    const list = byUser.get(engagement.userId) ?? [];
    list.push(engagement);
    byUser.set(engagement.userId, list);
  }
  const parts: Record<SplitPart, T[]> = { train: [], validation: [], test: [] };
  for (const list of byUser.values()) {
    list.sort((a, b) => a.at - b.at || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
    if (list.length < options.minEngagements) {
      parts.train.push(...list);
      continue;
    }
    const testCount = Math.max(1, Math.round(list.length * options.testShare));
    const validationCount = Math.max(1, Math.round(list.length * options.validationShare));
    const trainEnd = list.length - testCount - validationCount;
    parts.train.push(...list.slice(0, trainEnd));
    parts.validation.push(...list.slice(trainEnd, trainEnd + validationCount));
    parts.test.push(...list.slice(trainEnd + validationCount));
  }
  return parts;
}
