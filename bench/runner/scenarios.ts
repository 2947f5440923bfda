/**
 * What the benchmark sends: one scenario per API field, each making
 * requests for seeded random users, posts and pairs of users.
 */
import { signToken } from '../../src/auth/tokens.js';
import type { Database } from '../../src/db/database.js';
import { createRandom, randomInt, shuffle } from '../../src/math/random.js';
import { benchConfig } from './stack.js';
import type { PlannedRequest } from './drive.js';

/** Users (with their tokens) and posts the requests pick from. */
export interface BenchData {
  users: Array<{ id: string; token: string }>;
  postIds: string[];
}

export interface Scenario {
  name: string;
  /** True for mutations (reported against the writes target). */
  write: boolean;
  /** A request maker; each call gives the next request. */
  requests(data: BenchData, seed: number): () => PlannedRequest;
}

/**
 * Reads 300 viewers (users with likes, in a seeded order) with tokens, and
 * every liked post, from the bench database.
 */
export async function loadBenchData(db: Database, seed: number): Promise<BenchData> {
  const random = createRandom(seed);
  const users = await db.readText<{ id: string }>(
    'MATCH (u:User) WHERE EXISTS { (u)-[:LIKED]->() } RETURN u.id AS id ORDER BY id');
  const posts = await db.readText<{ id: string }>(
    'MATCH (p:Post) WHERE EXISTS { (p)<-[:LIKED]-() } RETURN p.id AS id ORDER BY id');
  const viewers = shuffle(random, users.map((u) => u.id)).slice(0, 300);
  const config = benchConfig();
  return {
    users: await Promise.all(viewers.map(async (id) =>
      ({ id, token: await signToken(config, { userId: id, ttlSeconds: 6 * 3600 }) }))),
    postIds: posts.map((p) => p.id),
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[randomInt(random, items.length)]!;
}

/** A read of one field for a random viewer, with `postId` when asked. */
function readScenario(name: string, query: string, withPost = false): Scenario {
  return {
    name,
    write: false,
    requests: (data, seed) => {
      const random = createRandom(seed);
      return () => {
        const viewer = pick(data.users, random);
        const variables = withPost ? { postId: pick(data.postIds, random) } : {};
        return { query, variables, token: viewer.token };
      };
    },
  };
}

export const SCENARIOS: Scenario[] = [
  readScenario('feed', 'query Feed { feed(first: 20) { edges { cursor } } }'),
  readScenario('similarPosts',
    'query SimilarPosts($postId: ID!) { similarPosts(postId: $postId, first: 10) ' +
      '{ edges { cursor } } }', true),
  readScenario('whoToFollow', 'query WhoToFollow { whoToFollow(first: 10) { __typename } }'),
  {
    name: 'like',
    write: true,
    requests: (data, seed) => {
      const random = createRandom(seed);
      return () => ({
        query: 'mutation Like($postId: ID!) { like(postId: $postId) { id } }',
        variables: { postId: pick(data.postIds, random) },
        token: pick(data.users, random).token,
      });
    },
  },
  {
    name: 'follow',
    write: true,
    requests: (data, seed) => {
      const random = createRandom(seed);
      return () => {
        const [viewer, other] = [pick(data.users, random), pick(data.users, random)];
        const target = other.id === viewer.id ? data.users[0]!.id === viewer.id
          ? data.users[1]! : data.users[0]! : other;
        return {
          query: 'mutation Follow($userId: ID!) { follow(userId: $userId) { id } }',
          variables: { userId: target.id },
          token: viewer.token,
        };
      };
    },
  },
];
