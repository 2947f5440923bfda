/**
 * Small corpora and graphs with known answers for the content tests:
 * three topic clusters of posts (beer, wine, coffee) whose texts share
 * their topic's words and little else.
 */
import { int, type Database } from '../../src/db/database.js';
import { createRandom, randomInt, type Random } from '../../src/math/random.js';

export const TOPICS = {
  beer: 'beer ale lager stout porter hops hoppy malt brewery brewing ipa pilsner ' +
    'yeast barley pint keg bitter wheat',
  wine: 'wine vineyard grape grapes merlot riesling tannin vintage cellar sommelier ' +
    'chardonnay cabernet pinot bottle winery decanter oak',
  coffee: 'coffee espresso roast roasted arabica barista latte cappuccino grinder ' +
    'brew beans crema filter aeropress caffeine mug',
} as const;
export type Topic = keyof typeof TOPICS;

const GENERIC = 'today really good great think like enjoyed tried friends evening ' +
  'weekend new favourite taste recommend';

function pick(random: Random, words: string[], count: number): string[] {
  return Array.from({ length: count }, () => words[randomInt(random, words.length)]!);
}

/** A post text about `topic`: eight topic words among four generic ones. */
export function topicText(topic: Topic, random: Random): string {
  const words = [
    ...pick(random, TOPICS[topic].split(' '), 8),
    ...pick(random, GENERIC.split(' '), 4),
  ];
  return words.join(' ');
}

/** `perTopic` posts per topic, ids `beer-0` … `coffee-N`, seeded. */
export function clusterPosts(perTopic: number, seed = 11): Array<{ id: string; text: string }> {
  const random = createRandom(seed);
  return (Object.keys(TOPICS) as Topic[]).flatMap((topic) =>
    Array.from({ length: perTopic }, (_, i) => ({
      id: `${topic}-${i}`,
      text: topicText(topic, random),
    })),
  );
}

export interface PostSpec {
  id: string;
  text?: string;
  author?: string | null;
  visibility?: 'PUBLIC' | 'FOLLOWERS';
  deleted?: boolean;
  tags?: string[];
  embedding?: number[] | null;
}

/** Creates users (by id) and posts; every post has createdAt 1000. */
export async function createPosts(db: Database, posts: PostSpec[]): Promise<void> {
  const users = [...new Set(posts.flatMap((p) => (p.author ? [p.author] : [])))];
  await createUsers(db, users);
  await db.writeText(
    `UNWIND $posts AS row
     CREATE (p:Post {id: row.id, text: row.text, kind: 'post', createdAt: 1000,
                     visibility: row.visibility})
     SET p.deletedAt = row.deletedAt, p.embedding = row.embedding
     WITH p, row
     CALL (p, row) {
       MATCH (u:User {id: row.author}) CREATE (u)-[:AUTHORED]->(p)
     }
     WITH p, row
     UNWIND row.tags AS name
     MERGE (t:Tag {name: name})
     CREATE (p)-[:TAGGED]->(t)`,
    {
      posts: posts.map((p) => ({
        id: p.id,
        text: p.text ?? '',
        author: p.author ?? null,
        visibility: p.visibility ?? 'PUBLIC',
        deletedAt: p.deleted ? int(2000) : null,
        tags: p.tags ?? [],
        embedding: p.embedding ?? null,
      })),
    },
  );
}

/** Creates users that do not exist yet, with handles from their ids. */
export async function createUsers(db: Database, ids: string[]): Promise<void> {
  await db.writeText(
    `UNWIND $ids AS id
     MERGE (u:User {id: id})
     ON CREATE SET u.handle = replace(id, '-', '_'), u.displayName = id, u.createdAt = 1000`,
    { ids },
  );
}

/** `(user)-[:<type> {at, weight: 1.0}]->(post)` for each pair. */
export async function engage(
  db: Database,
  type: 'LIKED' | 'REPOSTED' | 'REPLIED',
  pairs: Array<[user: string, post: string]>,
): Promise<void> {
  await createUsers(db, [...new Set(pairs.map(([user]) => user))]);
  await db.writeText(
    `UNWIND $pairs AS pair
     MATCH (u:User {id: pair[0]}), (p:Post {id: pair[1]})
     MERGE (u)-[r:${type}]->(p)
     SET r.at = 1000, r.weight = 1.0`,
    { pairs },
  );
}

/** `(from)-[:<type> {at}]->(to)` between users. */
export async function relate(
  db: Database,
  type: 'FOLLOWS' | 'BLOCKS' | 'MUTES',
  from: string,
  to: string,
): Promise<void> {
  await createUsers(db, [from, to]);
  await db.writeText(
    `MATCH (a:User {id: $from}), (b:User {id: $to}) MERGE (a)-[r:${type}]->(b) SET r.at = 1000`,
    { from, to },
  );
}
