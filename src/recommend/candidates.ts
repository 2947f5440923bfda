/**
 * From a viewer to filtered candidates: the viewer profile, every source in
 * parallel under a time budget, and the one filter all sources go through.
 */
import { int } from '../db/database.js';
import { compareIds } from '../math/ranking.js';
import type { Engine } from './engine.js';
import { RecommendError } from './errors.js';
import { readWithin } from './query.js';
import { randomFor } from './seed.js';
import type { CandidateSource } from './sources/index.js';
import type { Candidate, ViewerProfile } from './types.js';

/** A post that passed the filters, with what re-ranking needs. */
export interface PostFacts {
  postId: string;
  authorId: string | null;
  createdAt: number;
  text: string | null;
  embedding: number[] | null;
  tags: string[];
}

interface ProfileRow {
  id: string;
  followees: string[];
  recent: Array<{ postId: string; weight: number; at: number }>;
  followeeEngagement: Array<{ userId: string; weight: number }>;
}

/** Reads the viewer's follows and recent engagements; NOT_FOUND if unknown. */
export async function loadViewer(engine: Engine, viewerId: string): Promise<ViewerProfile> {
  const rows = await engine.db.read<ProfileRow & Record<string, unknown>>(
    'recommend/viewerProfile',
    { viewerId, recentLimit: int(engine.config.feed.recentEngagements * 3) },
  );
  const row = rows[0];
  if (row === undefined) {
    throw unknownViewer(viewerId);
  }
  const byPost = new Map<string, { postId: string; weight: number; at: number }>();
  for (const e of row.recent) {
    const old = byPost.get(e.postId);
    byPost.set(e.postId, old === undefined ? e : {
      postId: e.postId,
      weight: Math.max(old.weight, e.weight),
      at: Math.max(old.at, e.at),
    });
  }
  const recent = [...byPost.values()]
    .sort((a, b) => b.at - a.at || compareIds(a.postId, b.postId))
    .slice(0, engine.config.feed.recentEngagements);
  const followeeEngagement = new Map(row.followeeEngagement.map((f) => [f.userId, f.weight]));
  return { id: row.id, followees: row.followees, recent, followeeEngagement };
}

/** The NOT_FOUND error of a viewer id no user has. */
export function unknownViewer(viewerId: string): RecommendError {
  return new RecommendError('NOT_FOUND', `No user has the id ${JSON.stringify(viewerId)}.`);
}

/** Runs one source for `viewer`: its raw candidates, unfiltered. */
export function generate(
  engine: Engine,
  source: CandidateSource,
  viewer: ViewerProfile,
  limit: number,
): Promise<Candidate[]> {
  const now = engine.clock();
  const random = randomFor(engine.config.feed.seed, viewer.id, source.name);
  const budget = engine.config.feed.sourceBudgetMs;
  return source.generate({
    engine,
    viewer,
    limit,
    now,
    random,
    read: (name, params) => readWithin(engine.db, name, params, budget),
  });
}

/**
 * Runs every registered source in parallel. A source that throws or takes
 * longer than `sourceBudgetMs` is dropped with a warning; the rest are
 * returned by source name.
 */
export async function gatherCandidates(
  engine: Engine,
  viewer: ViewerProfile,
): Promise<Map<string, Candidate[]>> {
  const { sourceBudgetMs, candidatesPerSource } = engine.config.feed;
  const sources = engine.sources.list();
  const settled = await Promise.all(sources.map(async (source) => {
    const started = Date.now();
    try {
      const candidates = await withBudget(
        generate(engine, source, viewer, candidatesPerSource),
        sourceBudgetMs,
      );
      engine.log.debug({ source: source.name, ms: Date.now() - started }, 'source done');
      engine.onSourceTimed?.(source.name, 'ok', Date.now() - started);
      return [source.name, candidates] as const;
    } catch (error) {
      const outcome = error instanceof BudgetExceeded ? 'timeout' : 'error';
      engine.onSourceTimed?.(source.name, outcome, Date.now() - started);
      engine.log.warn(
        { source: source.name, viewerId: viewer.id, err: error, ms: Date.now() - started },
        'candidate source dropped from the feed',
      );
      return undefined;
    }
  }));
  return new Map(settled.filter((entry) => entry !== undefined));
}

/**
 * Keeps the posts `viewerId` may be recommended (docs/data-model.md,
 * Visibility, plus engaged/seen/hidden/muted), with their facts.
 */
export async function filterPosts(
  engine: Engine,
  viewerId: string,
  postIds: readonly string[],
): Promise<Map<string, PostFacts>> {
  if (postIds.length === 0) return new Map();
  const rows = await engine.db.read<PostFacts & Record<string, unknown>>(
    'recommend/recommendablePosts',
    { viewerId, postIds: [...new Set(postIds)] },
  );
  return new Map(rows.map((row) => [row.postId, row]));
}

/**
 * Runs the source `name` alone for `viewerId`, filtered like the feed, best
 * first (ties by post id): the evaluation harness's entry point.
 */
export async function runSource(
  engine: Engine,
  name: string,
  viewerId: string,
  limit: number,
): Promise<Candidate[]> {
  const source = engine.sources.get(name);
  if (source === undefined) {
    throw new RecommendError(
      'BAD_USER_INPUT',
      `No candidate source is named ${JSON.stringify(name)}; expected one of ` +
        `${engine.sources.names().join(', ')}.`,
    );
  }
  const viewer = await loadViewer(engine, viewerId);
  const raw = await generate(engine, source, viewer, limit * 2);
  const allowed = await filterPosts(engine, viewerId, raw.map((c) => c.postId));
  return raw
    .filter((candidate) => allowed.has(candidate.postId))
    .sort((a, b) => b.score - a.score || compareIds(a.postId, b.postId))
    .slice(0, limit);
}

/** A source ran past `sourceBudgetMs`. */
class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

function withBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
