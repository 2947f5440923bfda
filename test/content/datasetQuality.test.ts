/**
 * Dataset-level quality of similar posts, on the shared datasets (skipped
 * when ../shared/datasets is absent): results share their source's subject
 * far more often than random posts do. The measured lift is printed.
 *
 * Subject = the top 5 tags (by TAGGED weight) of the post's thread root:
 * the question for Stack Exchange answers and comments, the artist itself
 * for Last.fm. A pair "shares its subject" when the two tag sets meet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { trainContent } from '../../src/content/trainContent.js';
import type { Database } from '../../src/db/database.js';
import { importDataset } from '../../src/import/importDataset.js';
import { silentLogger } from '../../src/log.js';
import { createRandom, randomInt, shuffle } from '../../src/math/random.js';
import { findSimilarPosts } from '../../src/recommend/similarPosts.js';
import { testConfig, useTestDatabase } from '../support/database.js';

const DATASETS = path.resolve(projectRoot, '..', 'shared', 'datasets');
const SOURCES = 60;
const PER_SOURCE = 5;
const SLOW = 900_000;

/** Top-5 tags of each post's thread root. */
async function subjects(db: Database, ids: string[]): Promise<Map<string, string[]>> {
  const rows = await db.readText<{ id: string; tags: string[] }>(
    `UNWIND $ids AS id
     MATCH (p:Post {id: id})
     OPTIONAL MATCH (p)-[:REPLY_TO*0..4]->(root:Post) WHERE NOT (root)-[:REPLY_TO]->()
     WITH id, head(collect(root)) AS root
     RETURN id, COLLECT {
       MATCH (root)-[r:TAGGED]->(t:Tag)
       RETURN t.name ORDER BY r.weight DESC, t.name LIMIT 5
     } AS tags`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.tags]));
}

interface Lift {
  similarShare: number;
  randomShare: number;
  lift: number;
  pairs: number;
}

/** Shares the subject with `first` similar posts vs as many random posts. */
async function measureLift(db: Database, sources: string[], pool: string[]): Promise<Lift> {
  const random = createRandom(17);
  const pairs: Array<[string, string, 'similar' | 'random']> = [];
  for (const postId of sources) {
    const page = await findSimilarPosts({ db }, { postId, first: PER_SOURCE });
    for (const item of page.items) {
      pairs.push([postId, item.postId, 'similar']);
      let other = postId;
      while (other === postId) other = pool[randomInt(random, pool.length)]!;
      pairs.push([postId, other, 'random']);
    }
  }
  const tags = await subjects(db, [...new Set(pairs.flatMap(([a, b]) => [a, b]))]);
  const share = (kind: string) => {
    const chosen = pairs.filter((pair) => pair[2] === kind);
    const hits = chosen.filter(([a, b]) => tags.get(a)!.some((t) => tags.get(b)!.includes(t)));
    return hits.length / chosen.length;
  };
  const similarShare = share('similar');
  const randomShare = share('random');
  return { similarShare, randomShare, lift: similarShare / randomShare, pairs: pairs.length / 2 };
}

async function sample(db: Database, query: string): Promise<string[]> {
  const rows = await db.readText<{ id: string }>(query);
  return shuffle(createRandom(5), rows.map((row) => row.id));
}

describe.skipIf(!fs.existsSync(path.join(DATASETS, 'se-beer')))('similar posts on se-beer', () => {
  const t = useTestDatabase();

  beforeAll(async () => {
    await importDataset(t.db, { format: 'stackexchange', path: path.join(DATASETS, 'se-beer') });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grapevine-quality-'));
    const config = testConfig({ CONTENT_MODEL_DIR: dir });
    await trainContent({ config, db: t.db, log: silentLogger });
    fs.rmSync(dir, { recursive: true, force: true });
  }, SLOW);

  it('share the subject of a question far more often than random posts', async () => {
    const questions = await sample(t.db,
      `MATCH (p:Post {kind: 'question'}) WHERE EXISTS { (p)-[:TAGGED]->() }
       RETURN p.id AS id ORDER BY id`);
    const pool = await sample(t.db, 'MATCH (p:Post) RETURN p.id AS id ORDER BY id');
    const lift = await measureLift(t.db, questions.slice(0, SOURCES), pool);
    console.info('se-beer similar posts', JSON.stringify(lift));
    expect(lift.pairs).toBeGreaterThanOrEqual(SOURCES * PER_SOURCE * 0.9);
    expect(lift.lift).toBeGreaterThan(3);
  }, SLOW);
});

describe.skipIf(!fs.existsSync(path.join(DATASETS, 'lastfm-hetrec2011-2k')))(
  'similar artists on Last.fm, from listening alone',
  () => {
    const t = useTestDatabase();

    // No content training: artists' text lists their tags, so content
    // neighbours would share tags by construction. This measures what
    // co-engagement (shared listeners) alone finds.
    beforeAll(async () => {
      await importDataset(t.db, {
        format: 'lastfm', path: path.join(DATASETS, 'lastfm-hetrec2011-2k'),
      });
    }, SLOW);

    it('share tags with their artist far more often than random artists', async () => {
      const artists = await sample(t.db,
        `MATCH (p:Post {kind: 'artist'})
         WHERE COUNT { (p)<-[:LIKED]-() } >= 5 AND EXISTS { (p)-[:TAGGED]->() }
         RETURN p.id AS id ORDER BY id`);
      const pool = await sample(t.db,
        `MATCH (p:Post {kind: 'artist'}) WHERE EXISTS { (p)-[:TAGGED]->() }
         RETURN p.id AS id ORDER BY id`);
      const lift = await measureLift(t.db, artists.slice(0, SOURCES), pool);
      console.info('lastfm similar artists', JSON.stringify(lift));
      expect(lift.lift).toBeGreaterThan(2);
    }, SLOW);
  },
);
