/**
 * Small interaction matrices whose right answers are known in advance.
 */
import {
  buildInteractionMatrix,
  type InteractionMatrix,
} from '../../src/models/interactionMatrix.js';

export const BLOCK_USERS = 16;
export const BLOCK_ITEMS = 8;

/**
 * Two disjoint communities: users 0–15 engage only with items 0–7 (block
 * A), users 16–31 only with items 8–15 (block B). Each user engages with
 * every item of their block but one, `heldOutItem(user)`, which the other
 * users of the block all have; so it is the one item to recommend.
 * In time, each user walks the block's items as a cycle (item i, then
 * i + 1, wrapping around), one minute apart, starting just after the
 * held-out item: so the held-out item is also the next step of the cycle.
 */
export function twoBlocks(): InteractionMatrix {
  const users: number[] = [];
  const items: number[] = [];
  const weights: number[] = [];
  const at: number[] = [];
  for (let user = 0; user < 2 * BLOCK_USERS; user++) {
    const first = blockOf(user) * BLOCK_ITEMS;
    for (let item = first; item < first + BLOCK_ITEMS; item++) {
      if (item === heldOutItem(user)) continue;
      users.push(user);
      items.push(item);
      weights.push(0.5 + 0.5 * ((user + item) % 2));
      const position = (item - heldOutItem(user) - 1 + BLOCK_ITEMS) % BLOCK_ITEMS;
      at.push(60_000 * position + user);
    }
  }
  return buildInteractionMatrix({
    userIds: Array.from({ length: 2 * BLOCK_USERS }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: 2 * BLOCK_ITEMS }, (_, i) => `i${i}`),
    users,
    items,
    weights,
    at,
  });
}

/** 0 for block A, 1 for block B. */
export function blockOf(user: number): number {
  return user < BLOCK_USERS ? 0 : 1;
}

/** The one item of the user's block they did not engage with. */
export function heldOutItem(user: number): number {
  return blockOf(user) * BLOCK_ITEMS + (user % BLOCK_ITEMS);
}

/** True when `item` belongs to block `block`. */
export function inBlock(item: number, block: number): boolean {
  return Math.floor(item / BLOCK_ITEMS) === block;
}

/** Posts of the community graph: `s`, `t`, then six per community. */
export const A_POSTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
export const B_POSTS = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
export const COMMUNITY_POSTS = ['s', 't', ...A_POSTS, ...B_POSTS];

/** Eight users per community, each liking all its posts but one. */
function community(prefix: string, posts: string[]): Array<[string, string]> {
  return Array.from({ length: 8 }, (_, u) => `${prefix}${u}`).flatMap((user, u) =>
    posts.filter((_, p) => p !== u % posts.length).map((post): [string, string] => [user, post]));
}

/**
 * The likes of the community graph for tests against Neo4j: two
 * communities of eight users (a0–a7, b0–b7), each user liking all of
 * their community's six posts but one; posts `s` and `t` are liked by the
 * same four users of community A (a0–a3) and no one else.
 */
export const COMMUNITY_LIKES: Array<[string, string]> = [
  ...community('a', A_POSTS),
  ...community('b', B_POSTS),
  ...['a0', 'a1', 'a2', 'a3'].flatMap((u): Array<[string, string]> => [[u, 's'], [u, 't']]),
];
