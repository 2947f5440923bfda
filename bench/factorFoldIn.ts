/**
 * Post fold-in (src/models/factorFoldIn.ts) on a real dataset: creates
 * `--posts` new posts, each liked by `--likers` users drawn (seeded) from
 * those with stored factors, times one fold-in run, then a second run that
 * finds nothing left to do (what every API process pays per
 * FACTOR_FOLD_IN_INTERVAL_MS), and deletes the posts again.
 *
 *   npm run import -- lastfm ../shared/datasets/lastfm-hetrec2011-2k
 *   npm run train -- als
 *   npx tsx bench/factorFoldIn.ts [--model als] [--posts 200] [--likers 5]
 *
 * Reads whatever Neo4j the settings name (NEO4J_LOCAL_* or NEO4J_URI).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { int, type Database } from '../src/db/database.js';
import { connectDatabase } from '../src/grapevine.js';
import { createLogger } from '../src/log.js';
import { createRandom, shuffle } from '../src/math/random.js';
import { foldInNewPosts } from '../src/models/factorFoldIn.js';
import { FACTOR_MODELS, type FactorModelName } from '../src/models/factorModel.js';

const PREFIX = 'bench-fold-in-';

async function createLikedPosts(
  db: Database,
  model: FactorModelName,
  posts: number,
  likers: number,
): Promise<void> {
  const users = await db.readText<{ id: string }>(
    'MATCH (u:User) WHERE u[$property] IS NOT NULL RETURN u.id AS id ORDER BY id',
    { property: FACTOR_MODELS[model].property },
  );
  const random = createRandom(42);
  const rows = Array.from({ length: posts }, (_, i) => ({
    id: `${PREFIX}${i}`,
    likers: shuffle(random, users.map((u) => u.id)).slice(0, likers),
    weight: 0.2 + 0.8 * random(),
  }));
  await db.writeText(
    `UNWIND $rows AS row
     CREATE (p:Post {id: row.id, text: '', kind: 'post', createdAt: $now,
                     visibility: 'PUBLIC'})
     WITH p, row
     UNWIND row.likers AS userId
     MATCH (u:User {id: userId})
     CREATE (u)-[:LIKED {at: $now, weight: row.weight}]->(p)`,
    { rows, now: int(Date.now()) },
  );
}

async function deleteBenchPosts(db: Database): Promise<void> {
  await db.writeText('MATCH (p:Post) WHERE p.id STARTS WITH $prefix DETACH DELETE p', {
    prefix: PREFIX,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'als' },
      posts: { type: 'string', default: '200' },
      likers: { type: 'string', default: '5' },
    },
  });
  const model = values.model as FactorModelName;
  if (!(model in FACTOR_MODELS)) throw new Error(`--model must be als or puresvd, got ${model}`);
  const config = loadConfig();
  const db = await connectDatabase(config, createLogger(config));
  try {
    await deleteBenchPosts(db);
    await createLikedPosts(db, model, Number(values.posts), Number(values.likers));
    for (const label of ['fold-in', 'again (nothing to do)']) {
      const started = performance.now();
      const report = await foldInNewPosts(db, model);
      const ms = (performance.now() - started).toFixed(0);
      console.log(`${label}: ${ms} ms ${JSON.stringify(report)}`);
    }
  } finally {
    await deleteBenchPosts(db);
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
