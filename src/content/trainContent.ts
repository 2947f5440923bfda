/**
 * The `content` training job: reads every non-deleted post, fits the
 * TF-IDF + LSA model (unless an HTTP provider is configured), saves it for
 * fold-in, and writes a unit-normalised embedding on every post in batches
 * (removing it where the vector would be zero).
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { int, type Database } from '../db/database.js';
import { createEmbedder } from './contentEmbedder.js';
import type { Embedder } from './embedder.js';
import { fitLsaModel, LsaEmbedder } from './lsaModel.js';
import { saveContentModel } from './modelStore.js';
import {
  composePostText,
  embedPosts,
  writePostEmbeddings,
  type PostContent,
} from './postEmbeddings.js';

export const CONTENT_TRAINING_DEFAULTS = {
  /** Posts read from Neo4j per query (count). */
  readPageSize: 5000,
  /** Posts embedded and written per transaction (count). */
  writeBatchSize: 1000,
};

/** What a content training run did. */
export interface ContentTrainingSummary {
  posts: number;
  /** Posts that got a vector; the rest had nothing to embed. */
  embedded: number;
  /** Model terms and non-zero dimensions (0 with an HTTP provider). */
  terms: number;
  rank: number;
  dimensions: number;
  fitSeconds: number;
  writeSeconds: number;
}

/** Fits (or asks the provider) and embeds every post; see the header. */
export async function trainContent(
  context: { config: Config; db: Database; log: Logger },
  options = CONTENT_TRAINING_DEFAULTS,
): Promise<ContentTrainingSummary> {
  const { config, db, log } = context;
  const posts = await readAllPosts(db, options.readPageSize);
  const dimensions = config.EMBEDDING_DIMENSIONS;

  const fitStart = performance.now();
  let embedder: Embedder = createEmbedder(config);
  let terms = 0;
  let rank = 0;
  if (!config.EMBEDDING_PROVIDER_URL && posts.length > 0) {
    const model = fitLsaModel(posts.map(composePostText), dimensions);
    await saveContentModel(config.CONTENT_MODEL_DIR, model);
    embedder = new LsaEmbedder(model);
    ({ rank } = model);
    terms = model.vocabulary.length;
  }
  const fitSeconds = (performance.now() - fitStart) / 1000;
  log.info({ posts: posts.length, terms, rank, fitSeconds }, 'content model fitted');

  const writeStart = performance.now();
  let embedded = 0;
  for (let start = 0; start < posts.length; start += options.writeBatchSize) {
    const rows = await embedPosts(embedder, posts.slice(start, start + options.writeBatchSize));
    await writePostEmbeddings(db, rows);
    embedded += rows.filter((row) => row.embedding !== null).length;
  }
  const writeSeconds = (performance.now() - writeStart) / 1000;
  log.info({ posts: posts.length, embedded, writeSeconds }, 'post embeddings written');
  return { posts: posts.length, embedded, terms, rank, dimensions, fitSeconds, writeSeconds };
}

async function readAllPosts(db: Database, pageSize: number): Promise<PostContent[]> {
  const posts: PostContent[] = [];
  let after = '';
  for (;;) {
    const page = await db.read<PostContent & Record<string, unknown>>(
      'content/postsToEmbed', { after, limit: int(pageSize) },
    );
    posts.push(...page);
    if (page.length < pageSize) return posts;
    after = page[page.length - 1]!.id;
  }
}
