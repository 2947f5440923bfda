/**
 * A deterministic generator of a social network, as records of our JSONL
 * import format: the same options give the same records, every time.
 *
 * - Users belong to communities; each community has a main topic.
 * - Follows are power-law: out-degrees are Pareto distributed (alpha 1.5,
 *   at least 3, at most 200) and targets are drawn in proportion to a Zipf
 *   popularity (1 / rank^0.9), 80% inside the follower's community.
 * - Posts are topic-driven: mostly the author's community topic, with text
 *   built from the topic's words and the topic as a tag.
 * - Engagement is timestamped after the post (hours to days later) and
 *   goes 60% to posts of followed authors, 40% to posts on the user's
 *   topic; kinds are like (70%), view (15%), repost (8%), reply (7%).
 */
import { createRandom, randomInt, shuffle, type Random } from '../src/math/random.js';
import type { JsonlRecord, SourceRecord } from '../src/import/jsonl.js';
import { TOPICS, FIRST_NAMES } from './vocabulary.js';

export interface SeedOptions {
  /** Number of users. */
  users: number;
  /** Seed of the random generator (default 42). */
  seed?: number;
  /** Mean posts per user (default 4). */
  postsPerUser?: number;
  /** Engagements in total (default 20 per user). */
  engagements?: number;
  /** Users per community (default 50). */
  communitySize?: number;
}

/** Defaults of SeedOptions. */
export const SEED_DEFAULTS = {
  seed: 42,
  postsPerUser: 4,
  engagementsPerUser: 20,
  communitySize: 50,
};

/** Seed time zero: users join in the 365 days before, posts follow. */
export const SEED_EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ENGAGEMENT_KINDS = [
  ['like', 0.7], ['view', 0.85], ['repost', 0.93], ['reply', 1],
] as const;

interface SeedPost {
  author: number;
  topic: number;
  createdAt: number;
}

/** Yields every record of the network: users, posts, follows, engagements. */
export function* generateSeed(options: SeedOptions): Generator<SourceRecord> {
  const world = buildWorld(options);
  let line = 0;
  const emit = (value: JsonlRecord): SourceRecord => ({ line: ++line, value });
  for (let u = 0; u < world.users; u++) {
    const name = FIRST_NAMES[u % FIRST_NAMES.length]!;
    yield emit({
      type: 'user', id: String(u), handle: `seed_${u}`,
      displayName: `${name} ${u}`, createdAt: world.joinedAt[u]!,
      bio: `Into ${TOPICS[world.topicOf(u)]!.name}.`,
    });
  }
  for (const [p, post] of world.posts.entries()) {
    yield emit(postRecord(world.random, p, post));
  }
  for (const [from, targets] of world.follows.entries()) {
    for (const to of targets) {
      yield emit({ type: 'follow', from: String(from), to: String(to),
        at: Math.max(world.joinedAt[from]!, world.joinedAt[to]!) + DAY });
    }
  }
  yield* generateEngagements(world, emit, options);
}

type World = ReturnType<typeof buildWorld>;

function buildWorld(options: SeedOptions) {
  const users = Math.max(0, Math.floor(options.users));
  const random = createRandom(options.seed ?? SEED_DEFAULTS.seed);
  const communitySize = options.communitySize ?? SEED_DEFAULTS.communitySize;
  const communities = Math.max(1, Math.round(users / communitySize));
  const community = Array.from({ length: users }, () => randomInt(random, communities));
  const topicOf = (u: number) => community[u]! % TOPICS.length;
  const joinedAt = Array.from({ length: users }, () =>
    SEED_EPOCH - randomInt(random, 365) * DAY - randomInt(random, DAY));
  const popularity = zipfPopularity(random, users);

  const posts: SeedPost[] = [];
  const postsBy: number[][] = Array.from({ length: users }, () => []);
  const postsOn: number[][] = TOPICS.map(() => []);
  const meanPosts = options.postsPerUser ?? SEED_DEFAULTS.postsPerUser;
  for (let u = 0; u < users; u++) {
    const count = Math.floor(-Math.log(1 - random()) * meanPosts);
    for (let k = 0; k < count; k++) {
      const topic = random() < 0.8 ? topicOf(u) : randomInt(random, TOPICS.length);
      postsBy[u]!.push(posts.length);
      postsOn[topic]!.push(posts.length);
      posts.push({ author: u, topic, createdAt: SEED_EPOCH + randomInt(random, 60 * DAY) });
    }
  }
  const follows = drawFollows(random, community, communities, popularity);
  return { users, random, topicOf, joinedAt, popularity, posts, postsBy, postsOn, follows };
}

/** Zipf weights 1 / rank^0.9 over a random ranking of users. */
function zipfPopularity(random: Random, users: number): Float64Array {
  const ranks = shuffle(random, Array.from({ length: users }, (_, i) => i));
  const weights = new Float64Array(users);
  ranks.forEach((rank, u) => (weights[u] = 1 / Math.pow(rank + 1, 0.9)));
  return weights;
}

/** Cumulative weights, for drawing with a binary search. */
class WeightedPicker {
  private readonly cumulative: Float64Array;

  constructor(readonly items: number[], weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    items.forEach((item, i) => (this.cumulative[i] = total += weights[item]!));
  }

  pick(random: Random): number | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const target = random() * this.cumulative[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

function drawFollows(
  random: Random,
  community: number[],
  communities: number,
  popularity: Float64Array,
): number[][] {
  const users = community.length;
  const members: number[][] = Array.from({ length: communities }, () => []);
  community.forEach((c, u) => members[c]!.push(u));
  const local = members.map((list) => new WeightedPicker(list, popularity));
  const global = new WeightedPicker(Array.from({ length: users }, (_, u) => u), popularity);
  return community.map((c, u) => {
    const degree = Math.min(users - 1, 200, Math.floor(3 * Math.pow(1 - random(), -1 / 1.5)));
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < degree && tries < degree * 4; tries++) {
      const target = (random() < 0.8 ? local[c]! : global).pick(random);
      if (target !== undefined && target !== u) chosen.add(target);
    }
    return [...chosen];
  });
}

function postRecord(random: Random, p: number, post: SeedPost): JsonlRecord {
  const topic = TOPICS[post.topic]!;
  const words = shuffle(random, [...topic.words]).slice(0, 4);
  const opener = topic.openers[randomInt(random, topic.openers.length)]!;
  return {
    type: 'post', id: String(p), author: String(post.author),
    text: `${opener} ${words.slice(0, 2).join(' and ')}: ${words.slice(2).join(', ')}.`,
    createdAt: post.createdAt, tags: [topic.name, words[0]!],
  };
}

function* generateEngagements(
  world: World,
  emit: (value: JsonlRecord) => SourceRecord,
  options: SeedOptions,
): Generator<SourceRecord> {
  const { random, users, posts } = world;
  if (users === 0 || posts.length === 0) return;
  const total = options.engagements ?? users * SEED_DEFAULTS.engagementsPerUser;
  const activity = new WeightedPicker(
    Array.from({ length: users }, (_, u) => u),
    Float64Array.from({ length: users }, (_, u) => 1 + world.follows[u]!.length),
  );
  const perUser = new Uint32Array(users);
  for (let e = 0; e < total; e++) perUser[activity.pick(random)!]! += 1;

  for (let u = 0; u < users; u++) {
    const seen = new Set<number>();
    const want = Math.min(perUser[u]!, posts.length);
    for (let tries = 0; seen.size < want && tries < want * 4 + 10; tries++) {
      const p = pickPost(world, u);
      if (p === undefined || seen.has(p) || posts[p]!.author === u) continue;
      seen.add(p);
      const roll = random();
      const kind = ENGAGEMENT_KINDS.find(([, upTo]) => roll < upTo)![0];
      yield emit({
        type: 'engagement', user: String(u), post: String(p), kind,
        at: posts[p]!.createdAt + Math.floor(-Math.log(1 - random()) * 12 * HOUR),
        weight: kind === 'view' ? 1 : Math.round((0.5 + random() / 2) * 100) / 100,
      });
    }
  }
}

/** A post by someone `u` follows (60%) or on `u`'s topic (40%). */
function pickPost(world: World, u: number): number | undefined {
  const { random, follows, postsBy, postsOn } = world;
  const followed = follows[u]!;
  if (followed.length > 0 && random() < 0.6) {
    const author = followed[randomInt(random, followed.length)]!;
    const list = postsBy[author]!;
    if (list.length > 0) return list[randomInt(random, list.length)];
  }
  const list = random() < 0.9
    ? postsOn[world.topicOf(u)]!
    : postsBy[randomInt(random, world.users)]!;
  return list.length > 0
    ? list[randomInt(random, list.length)]
    : randomInt(random, world.posts.length);
}
