/**
 * Serving the stored ALS / PureSVD factors (src/models/factorStore.ts) on
 * a real dataset: latency of the factor feed sources (stored user vector,
 * and fold-in of the same users as if they had none), and of similar posts
 * with and without the model signal, plus how often similar artists share
 * one of their source artist's top-5 tags (as test/content/
 * datasetQuality.test.ts measures it).
 *
 *   npm run import -- lastfm ../shared/datasets/lastfm-hetrec2011-2k
 *   npm run train -- als puresvd
 *   npx tsx bench/factorServing.ts [--samples 60]
 *
 * Reads whatever Neo4j the settings name (NEO4J_LOCAL_* or NEO4J_URI).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { connectDatabase } from '../src/grapevine.js';
import { createLogger } from '../src/log.js';
import { createRandom, randomInt, shuffle } from '../src/math/random.js';
import { generate, loadViewer } from '../src/recommend/candidates.js';
import { createEngine } from '../src/recommend/engine.js';
import {
  findSimilarPosts,
  SIMILAR_POSTS_DEFAULTS,
  type SimilarPostsOptions,
} from '../src/recommend/similarPosts.js';
import { createFactorModelSource } from '../src/recommend/sources/learnedModel.js';
import { SourceRegistry } from '../src/recommend/sources/source.js';

/** The defaults without the neighbour models, so only ALS is measured. */
const FACTORS_ONLY: SimilarPostsOptions = {
  ...SIMILAR_POSTS_DEFAULTS,
  neighbourModelWeights: { ease: 0, multvae: 0, multdae: 0, gru4rec: 0 },
};

const SIMILAR_VARIANTS: Record<string, SimilarPostsOptions> = {
  'without model': { ...FACTORS_ONLY, factorModel: null },
  'with ALS (default)': FACTORS_ONLY,
  'ALS alone': {
    ...FACTORS_ONLY, contentWeight: 0, coEngagementWeight: 0, sharedTagWeight: 0,
  },
};

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function timed<T>(ms: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  ms.push(performance.now() - started);
  return result;
}

function report(label: string, ms: number[], extra = ''): void {
  const p50 = quantile(ms, 0.5).toFixed(1);
  const p95 = quantile(ms, 0.95).toFixed(1);
  console.log(`${label}: p50 ${p50} ms, p95 ${p95} ms over ${ms.length}${extra}`);
}

async function ids(db: Database, query: string): Promise<string[]> {
  const rows = await db.readText<{ id: string }>(query);
  return shuffle(createRandom(5), rows.map((row) => row.id));
}

async function topTags(db: Database, postIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db.readText<{ id: string; tags: string[] }>(
    `UNWIND $ids AS id MATCH (p:Post {id: id})
     RETURN id, COLLECT {
       MATCH (p)-[r:TAGGED]->(t:Tag) RETURN t.name ORDER BY r.weight DESC, t.name LIMIT 5
     } AS tags`,
    { ids: postIds },
  );
  return new Map(rows.map((row) => [row.id, row.tags]));
}

async function benchSimilar(db: Database, artists: string[], pool: string[]) {
  for (const [label, options] of Object.entries(SIMILAR_VARIANTS)) {
    const ms: number[] = [];
    const pairs: Array<[string, string]> = [];
    for (const postId of artists) {
      const page = await timed(ms, () => findSimilarPosts({ db }, { postId, first: 5 }, options));
      for (const item of page.items) pairs.push([postId, item.postId]);
    }
    const random = createRandom(17);
    const randomPairs = pairs.map(
      ([a]): [string, string] => [a, pool[randomInt(random, pool.length)]!],
    );
    const tags = await topTags(db, [...new Set([...pairs, ...randomPairs].flat())]);
    const share = (list: Array<[string, string]>) => list.filter(([a, b]) =>
      tags.get(a)!.some((tag) => tags.get(b)!.includes(tag))).length / list.length;
    const lift = `; share of tag-sharing results ${share(pairs).toFixed(2)} ` +
      `(random ${share(randomPairs).toFixed(2)})`;
    report(`similarPosts ${label}`, ms, lift);
  }
}

async function benchFeedSources(db: Database, users: string[]) {
  const log = createLogger(loadConfig());
  const engine = createEngine({
    db, log, sources: new SourceRegistry([createFactorModelSource('als')]),
  });
  for (const model of ['als', 'puresvd'] as const) {
    const source = createFactorModelSource(model);
    const stored: number[] = [];
    const foldIn: number[] = [];
    for (const userId of users) {
      const viewer = await loadViewer(engine, userId);
      await timed(stored, () => generate(engine, source, viewer, 200));
      const stranger = { ...viewer, id: `${userId}:not-stored` };
      await timed(foldIn, () => generate(engine, source, stranger, 200));
    }
    report(`feed source ${model}, stored user vector`, stored);
    report(`feed source ${model}, fold-in from 50 engagements`, foldIn);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { samples: { type: 'string', default: '60' } } });
  const samples = Number(values.samples);
  const config = loadConfig();
  const db = await connectDatabase(config, createLogger(config));
  try {
    const artists = await ids(db,
      `MATCH (p:Post {kind: 'artist'}) WHERE COUNT { (p)<-[:LIKED]-() } >= 5
         AND EXISTS { (p)-[:TAGGED]->() } RETURN p.id AS id ORDER BY id`);
    const pool = await ids(db,
      `MATCH (p:Post {kind: 'artist'}) WHERE EXISTS { (p)-[:TAGGED]->() }
       RETURN p.id AS id ORDER BY id`);
    const users = await ids(db,
      `MATCH (u:User) WHERE u.alsFactors IS NOT NULL RETURN u.id AS id ORDER BY id`);
    await benchSimilar(db, artists.slice(0, samples), pool);
    await benchFeedSources(db, users.slice(0, samples));
  } finally {
    await db.close();
  }
}

await main();
