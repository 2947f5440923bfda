/**
 * The recommendation engine: everything a feed, who-to-follow or analytics
 * request needs, free of GraphQL so the API and the offline evaluation run
 * the same code. Build one per process with `createEngine`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Config } from '../config.js';
import { Database } from '../db/database.js';
import { GraphProjection, PROJECTION_DEFAULTS } from '../graph/projection.js';
import type { Logger } from '../log.js';
import type { FeedSnapshot } from './snapshot.js';
import { ViewerCache } from './viewerCache.js';
import { WorkGate } from './workGate.js';
import type { FollowCandidate } from './whoToFollow.js';
import { createDefaultSources, type SourceRegistry } from './sources/index.js';

/** Blend weight per source name; a source without one weighs 0. */
export type BlendWeights = Record<string, number>;

export const FEED_DEFAULTS = {
  /** Time a source may take before it is dropped, in milliseconds. */
  sourceBudgetMs: 300,
  /** Candidates asked of each source per feed. */
  candidatesPerSource: 200,
  /** Most items kept in a feed snapshot (the feed's length). */
  snapshotSize: 300,
  /** How long a snapshot serves later pages, in milliseconds. */
  snapshotTtlMs: 30 * 60 * 1000,
  /** Largest page a caller may ask for, in items. */
  maxPageSize: 100,
  /** Recent engagements read into the viewer profile. */
  recentEngagements: 50,
  /** Base seed of every random choice (mixed with the viewer id). */
  seed: 20_261_204,
  /**
   * How long a viewer's ranked feed is reused for their next first page
   * while they have done nothing since, in ms (0: rank every time). See
   * src/recommend/viewerCache.ts; who-to-follow lists share the settings.
   */
  cacheTtlMs: 30_000,
  /** Most viewers whose ranked feed one process caches. */
  cacheEntries: 5_000,
  /** Most JSON bytes each per-viewer cache holds (feeds, who-to-follow). */
  cacheMaxBytes: 256 * 1024 * 1024,
  /** Feeds ranked at once by one process (see workGate.ts). */
  maxRankings: 4,
  /** Feeds waiting to be ranked; one more is refused with OVERLOADED. */
  maxQueuedRankings: 32,
};

export const RERANK_DEFAULTS = {
  /** Score multiplier per earlier item by the same author, in (0, 1]. */
  authorPenalty: 0.6,
  /** Embedding cosine at or above which two posts are near-duplicates. */
  duplicateCosine: 0.97,
  /** Share of positions given to exploration, in [0, 1]. */
  explorationShare: 0.1,
  /** Posts younger than this count as fresh for exploration, in ms. */
  freshMs: 24 * 3600 * 1000,
  /**
   * Friends' consensus: a post engaged by every user the viewer follows
   * goes first, when they follow at least this many (0 turns it off).
   */
  consensusMinFollowees: 2,
};

export interface EngineConfig {
  feed: typeof FEED_DEFAULTS;
  rerank: typeof RERANK_DEFAULTS;
  blendWeights: BlendWeights;
}

export interface Engine {
  db: Database;
  projection: GraphProjection;
  sources: SourceRegistry;
  config: EngineConfig;
  /** Ranked feeds reused as first pages (see viewerCache.ts). */
  feedCache: ViewerCache<FeedSnapshot>;
  /**
   * Who-to-follow candidates, blended and explained, reused under the same
   * rules and settings as feeds (blocks and mutes are re-read every time).
   */
  followCache: ViewerCache<FollowCandidate[]>;
  /**
   * Bounds the feeds ranked and who-to-follow lists computed at once; sheds
   * the rest (see workGate.ts).
   */
  rankingGate: WorkGate;
  log: Logger;
  /** Epoch milliseconds now (injectable for tests and offline evaluation). */
  clock: () => number;
  /**
   * Called once per candidate source run of a feed with how it ended and
   * its duration in milliseconds (the API's metrics set it; unset: nothing).
   */
  onSourceTimed?: (source: string, outcome: 'ok' | 'error' | 'timeout', ms: number) => void;
}

export interface EngineOptions {
  db: Database;
  log: Logger;
  projection?: GraphProjection;
  sources?: SourceRegistry;
  config?: Partial<EngineConfig>;
  clock?: () => number;
}

const blendWeightsSchema = z.record(z.string(), z.number().min(0).finite());

/** The checked-in blend weights (fitted by the evaluation harness). */
export const BLEND_WEIGHTS_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'blendWeights.json',
);

/** Reads and validates blend weights from a JSON file of name -> weight. */
export function loadBlendWeights(file = BLEND_WEIGHTS_FILE): BlendWeights {
  const parsed = blendWeightsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new TypeError(
      `${file} must map source names to weights >= 0, but got: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/**
 * Builds an engine. The projection is created but not loaded: call
 * `engine.projection.start()` (serving) or `.load()` (tests, evaluation).
 */
export function createEngine(options: EngineOptions): Engine {
  const config: EngineConfig = {
    feed: { ...FEED_DEFAULTS, ...options.config?.feed },
    rerank: { ...RERANK_DEFAULTS, ...options.config?.rerank },
    blendWeights: options.config?.blendWeights ?? loadBlendWeights(),
  };
  return {
    db: options.db,
    log: options.log,
    config,
    projection: options.projection
      ?? new GraphProjection(options.db, options.log, PROJECTION_DEFAULTS),
    sources: options.sources ?? createDefaultSources(),
    feedCache: new ViewerCache<FeedSnapshot>({
      ttlMs: config.feed.cacheTtlMs,
      maxEntries: config.feed.cacheEntries,
      maxWeight: config.feed.cacheMaxBytes,
      weigh: (snapshot) => snapshot.bytes,
      expiresAt: (snapshot) => snapshot.expiresAt,
    }),
    followCache: new ViewerCache<FollowCandidate[]>({
      ttlMs: config.feed.cacheTtlMs,
      maxEntries: config.feed.cacheEntries,
      maxWeight: config.feed.cacheMaxBytes,
      weigh: (candidates) => JSON.stringify(candidates).length,
    }),
    rankingGate: new WorkGate({
      maxActive: config.feed.maxRankings,
      maxQueued: config.feed.maxQueuedRankings,
    }),
    clock: options.clock ?? Date.now,
  };
}

/**
 * Builds the engine a Grapevine process serves with, from its settings:
 * the tail interval of the projection, the blend-weights file, and a
 * source per learned model, reading what `npm run train` stored in Neo4j
 * (silent until then).
 */
export function createEngineFromConfig(
  settings: Pick<
    Config,
    'GRAPH_TAIL_INTERVAL_MS' | 'FEED_BLEND_WEIGHTS_FILE' | 'FEED_SOURCE_BUDGET_MS'
  > & Partial<Pick<Config, 'FEED_CACHE_TTL_MS' | 'FEED_CACHE_MAX_MB' | 'FEED_MAX_RANKINGS'
    | 'FEED_MAX_QUEUED_RANKINGS'>>,
  db: Database,
  log: Logger,
): Engine {
  // The projection's background tailing gets its own Database view over
  // the same driver, so request-path counters (roundTrips) count requests.
  const background = new Database(db.driver, db.database);
  const projection = new GraphProjection(background, log, {
    ...PROJECTION_DEFAULTS,
    tailIntervalMs: settings.GRAPH_TAIL_INTERVAL_MS,
  });
  const blendWeights = loadBlendWeights(settings.FEED_BLEND_WEIGHTS_FILE ?? BLEND_WEIGHTS_FILE);
  const feed = {
    ...FEED_DEFAULTS,
    sourceBudgetMs: settings.FEED_SOURCE_BUDGET_MS,
    cacheTtlMs: settings.FEED_CACHE_TTL_MS ?? FEED_DEFAULTS.cacheTtlMs,
    cacheMaxBytes: settings.FEED_CACHE_MAX_MB === undefined
      ? FEED_DEFAULTS.cacheMaxBytes
      : settings.FEED_CACHE_MAX_MB * 1024 * 1024,
    maxRankings: settings.FEED_MAX_RANKINGS ?? FEED_DEFAULTS.maxRankings,
    maxQueuedRankings: settings.FEED_MAX_QUEUED_RANKINGS ?? FEED_DEFAULTS.maxQueuedRankings,
  };
  const sources = createDefaultSources({ learnedModels: true });
  return createEngine({ db, log, projection, sources, config: { blendWeights, feed } });
}
