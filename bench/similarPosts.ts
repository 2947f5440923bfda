/**
 * Latency of findSimilarPosts on the data in the configured database.
 *
 *   npm run bench:similar-posts            # 200 posts, 10 items each
 *   npm run bench:similar-posts -- 500 20  # 500 posts, 20 items each
 *
 * Picks posts with an embedding or engagement (seeded, so runs compare),
 * warms up on 20 of them, then times one request per post, one at a time,
 * and prints p50, p95, p99 and the worst in milliseconds. Run it after
 * importing a dataset and `npm run train -- content`.
 */
import { loadConfig } from '../src/config.js';
import { int } from '../src/db/database.js';
import { connectDatabase } from '../src/grapevine.js';
import { silentLogger } from '../src/log.js';
import { createRandom, shuffle } from '../src/math/random.js';
import { findSimilarPosts } from '../src/recommend/similarPosts.js';

const WARM_UP = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(requests: number, first: number): Promise<void> {
  const db = await connectDatabase(loadConfig(), silentLogger);
  try {
    const rows = await db.readText<{ id: string }>(
      `MATCH (p:Post) WHERE p.deletedAt IS NULL
         AND (p.embedding IS NOT NULL OR EXISTS { (p)<-[:LIKED|REPOSTED|REPLIED]-() })
       RETURN p.id AS id ORDER BY id LIMIT $limit`,
      { limit: int(20_000) },
    );
    if (rows.length === 0) throw new Error('No post has an embedding or engagement to start from.');
    const ids = shuffle(createRandom(7), rows.map((row) => row.id));
    const sample = Array.from({ length: requests + WARM_UP }, (_, i) => ids[i % ids.length]!);

    const timings: number[] = [];
    let items = 0;
    for (const [i, postId] of sample.entries()) {
      const started = performance.now();
      const page = await findSimilarPosts({ db }, { postId, first });
      if (i >= WARM_UP) {
        timings.push(performance.now() - started);
        items += page.items.length;
      }
    }
    timings.sort((a, b) => a - b);
    const ms = (value: number) => Number(value.toFixed(1));
    console.log(JSON.stringify({
      posts: rows.length, requests, first, meanItems: ms(items / requests),
      p50: ms(percentile(timings, 50)), p95: ms(percentile(timings, 95)),
      p99: ms(percentile(timings, 99)), max: ms(timings[timings.length - 1]!),
    }));
  } finally {
    await db.close();
  }
}

const [requests = '200', first = '10'] = process.argv.slice(2);
main(Number(requests), Number(first)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
