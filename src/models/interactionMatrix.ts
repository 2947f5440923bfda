/**
 * The training data every learned model reads: a sparse user × item matrix
 * of engagement weights, with the time of each engagement, stored twice
 * (by user and by item) so both sides of a factorisation read contiguous
 * rows.
 *
 * Rows of the user side are ordered by time (ties by item index), so
 * sequence models read each user's history in the order it happened.
 * Repeated (user, item) pairs (a like and a reply to the same post) merge
 * into one entry: weights add up and the earliest time is kept.
 */
import { ModelError } from './modelError.js';

/** Parallel arrays of engagements, indexed into `userIds` / `itemIds`. */
export interface InteractionArrays {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  /** Index into `userIds` per engagement. */
  readonly users: ArrayLike<number>;
  /** Index into `itemIds` per engagement. */
  readonly items: ArrayLike<number>;
  /** Strength per engagement, > 0 (the graph keeps it in (0, 1]). */
  readonly weights: ArrayLike<number>;
  /** Time per engagement, milliseconds since the Unix epoch. */
  readonly at: ArrayLike<number>;
}

/** One engagement by ids, as a Cypher query returns it. */
export interface InteractionRow {
  readonly userId: string;
  readonly itemId: string;
  readonly weight: number;
  readonly at: number;
}

/** A compressed sparse user × item matrix (both orientations). */
export interface InteractionMatrix {
  readonly userCount: number;
  readonly itemCount: number;
  /** Stored (user, item) entries after merging repeats. */
  readonly entryCount: number;
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly userIndex: ReadonlyMap<string, number>;
  readonly itemIndex: ReadonlyMap<string, number>;
  /** Row u spans `userItems[userStarts[u] .. userStarts[u + 1])`. */
  readonly userStarts: Int32Array;
  readonly userItems: Int32Array;
  readonly userWeights: Float64Array;
  readonly userTimes: Float64Array;
  /** Column i spans `itemUsers[itemStarts[i] .. itemStarts[i + 1])`. */
  readonly itemStarts: Int32Array;
  readonly itemUsers: Int32Array;
  readonly itemWeights: Float64Array;
}

/** Builds the matrix from parallel arrays; throws ModelError on bad input. */
export function buildInteractionMatrix(
  input: InteractionArrays,
): InteractionMatrix {
  const n = checkArrays(input);
  const userCount = input.userIds.length;
  const itemCount = input.itemIds.length;
  const order = Array.from({ length: n }, (_, e) => e).sort(
    (a, b) =>
      input.users[a]! - input.users[b]! ||
      input.at[a]! - input.at[b]! ||
      input.items[a]! - input.items[b]!,
  );

  const merged = mergeRepeats(input, order, userCount);
  const byItem = transpose(merged, itemCount);
  return {
    userCount,
    itemCount,
    entryCount: merged.items.length,
    userIds: input.userIds,
    itemIds: input.itemIds,
    userIndex: indexOf(input.userIds, 'user'),
    itemIndex: indexOf(input.itemIds, 'item'),
    userStarts: merged.starts,
    userItems: merged.items,
    userWeights: merged.weights,
    userTimes: merged.times,
    itemStarts: byItem.starts,
    itemUsers: byItem.users,
    itemWeights: byItem.weights,
  };
}

/** Builds the matrix from rows keyed by id, numbering ids as first seen. */
export function interactionMatrixFromRows(
  rows: readonly InteractionRow[],
): InteractionMatrix {
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const userSeen = new Map<string, number>();
  const itemSeen = new Map<string, number>();
  const number = (seen: Map<string, number>, ids: string[], id: string) => {
    let index = seen.get(id);
    if (index === undefined) {
      index = ids.length;
      seen.set(id, index);
      ids.push(id);
    }
    return index;
  };
  const users = new Int32Array(rows.length);
  const items = new Int32Array(rows.length);
  const weights = new Float64Array(rows.length);
  const at = new Float64Array(rows.length);
  rows.forEach((row, e) => {
    users[e] = number(userSeen, userIds, row.userId);
    items[e] = number(itemSeen, itemIds, row.itemId);
    weights[e] = row.weight;
    at[e] = row.at;
  });
  return buildInteractionMatrix({ userIds, itemIds, users, items, weights, at });
}

/** One user's engagements (views into the matrix, ordered by time). */
export function userRow(data: InteractionMatrix, user: number) {
  const start = data.userStarts[user]!;
  const end = data.userStarts[user + 1]!;
  return {
    items: data.userItems.subarray(start, end),
    weights: data.userWeights.subarray(start, end),
    times: data.userTimes.subarray(start, end),
  };
}

/** How many users engaged with each item. */
export function itemPopularity(data: InteractionMatrix): Int32Array {
  const counts = new Int32Array(data.itemCount);
  for (let i = 0; i < data.itemCount; i++) {
    counts[i] = data.itemStarts[i + 1]! - data.itemStarts[i]!;
  }
  return counts;
}

/**
 * The `top` most popular items (ties by the lower index), in index order
 * (`itemOf`), and the position of each item among them (`columnOf`, −1 for
 * the items left out).
 */
export function mostPopularItems(data: InteractionMatrix, top: number) {
  const popularity = itemPopularity(data);
  const ranked = Array.from({ length: data.itemCount }, (_, i) => i).sort(
    (a, b) => popularity[b]! - popularity[a]! || a - b,
  );
  const itemOf = Int32Array.from(ranked.slice(0, top)).sort();
  const columnOf = new Int32Array(data.itemCount).fill(-1);
  itemOf.forEach((item, column) => {
    columnOf[item] = column;
  });
  return { columnOf, itemOf };
}

/**
 * Throws unless every user and item has at least one engagement: an empty
 * row has nothing to learn from and would get arbitrary factors.
 */
export function assertNoEmptyRows(data: InteractionMatrix): void {
  if (data.entryCount === 0) {
    throw new ModelError('EMPTY_DATA', 'the interaction matrix has no entries');
  }
  const sides = [
    ['user', data.userStarts, data.userIds],
    ['item', data.itemStarts, data.itemIds],
  ] as const;
  for (const [side, starts, ids] of sides) {
    for (let r = 0; r + 1 < starts.length; r++) {
      if (starts[r + 1] === starts[r]) {
        throw new ModelError(
          'EMPTY_ROW',
          `every ${side} needs at least one engagement, but ${side} ` +
            `${r} (${ids[r]}) has none; drop it before training`,
        );
      }
    }
  }
}

function checkArrays(input: InteractionArrays): number {
  const n = input.users.length;
  if ([input.items, input.weights, input.at].some((a) => a.length !== n)) {
    throw new ModelError(
      'BAD_OPTION',
      'users, items, weights and at must have the same length',
    );
  }
  if (n === 0) {
    throw new ModelError('EMPTY_DATA', 'no engagements were given');
  }
  for (let e = 0; e < n; e++) {
    checkIndex(input.users[e]!, input.userIds.length, 'user', e);
    checkIndex(input.items[e]!, input.itemIds.length, 'item', e);
    const weight = input.weights[e]!;
    if (!Number.isFinite(weight) || !Number.isFinite(input.at[e]!)) {
      throw new ModelError(
        'NON_FINITE_INPUT',
        `engagement ${e} must have a finite weight and time, but got ` +
          `weight ${weight}, at ${input.at[e]}`,
      );
    }
    if (weight <= 0) {
      throw new ModelError(
        'BAD_OPTION',
        `engagement ${e} must have a weight > 0, but got: ${weight}`,
      );
    }
  }
  return n;
}

function checkIndex(index: number, count: number, side: string, e: number) {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new ModelError(
      'UNKNOWN_INDEX',
      `engagement ${e} must name a ${side} index in [0, ${count}), ` +
        `but got: ${index}`,
    );
  }
}

interface Rows {
  starts: Int32Array;
  items: Int32Array;
  weights: Float64Array;
  times: Float64Array;
}

function mergeRepeats(
  input: InteractionArrays,
  order: readonly number[],
  userCount: number,
): Rows {
  const starts = new Int32Array(userCount + 1);
  const items: number[] = [];
  const weights: number[] = [];
  const times: number[] = [];
  let user = -1;
  const seen = new Map<number, number>();
  for (const e of order) {
    const u = input.users[e]!;
    if (u !== user) {
      for (let v = user + 1; v <= u; v++) starts[v] = items.length;
      user = u;
      seen.clear();
    }
    const item = input.items[e]!;
    const at = seen.get(item);
    if (at !== undefined) {
      weights[at] = weights[at]! + input.weights[e]!;
      continue;
    }
    seen.set(item, items.length);
    items.push(item);
    weights.push(input.weights[e]!);
    times.push(input.at[e]!);
  }
  for (let v = user + 1; v <= userCount; v++) starts[v] = items.length;
  return {
    starts,
    items: Int32Array.from(items),
    weights: Float64Array.from(weights),
    times: Float64Array.from(times),
  };
}

function transpose(rows: Rows, itemCount: number) {
  const starts = new Int32Array(itemCount + 1);
  for (const item of rows.items) starts[item + 1]! += 1;
  for (let i = 0; i < itemCount; i++) starts[i + 1]! += starts[i]!;
  const fill = starts.slice(0, itemCount);
  const users = new Int32Array(rows.items.length);
  const weights = new Float64Array(rows.items.length);
  for (let u = 0; u + 1 < rows.starts.length; u++) {
    for (let e = rows.starts[u]!; e < rows.starts[u + 1]!; e++) {
      const slot = fill[rows.items[e]!]!++;
      users[slot] = u;
      weights[slot] = rows.weights[e]!;
    }
  }
  return { starts, users, weights };
}

function indexOf(ids: readonly string[], side: string) {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) {
      throw new ModelError('BAD_OPTION', `${side} id ${id} appears twice`);
    }
    index.set(id, i);
  });
  return index;
}
