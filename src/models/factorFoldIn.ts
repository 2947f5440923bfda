/**
 * Fold-in of posts created after training into a stored factor model
 * (ALS, PureSVD) without retraining: a post with no stored vector that at
 * least `minEngagers` users with stored vectors engaged with gets
 *
 *   ALS      y = (XᵀX + λI + Xᵀ(C − I)X)⁻¹ XᵀCp   (Hu et al. 2008)
 *   PureSVD  q = Σ_u r_u·x_u·Σ⁻²
 *
 * over those users' stored vectors x_u (src/models/factorModel.ts), and is
 * stored like a trained post, [y, √(M² − ‖y‖²)], with the M of the stored
 * version. M cannot grow without rewriting every post vector (each one's
 * last number depends on it), so a post with ‖y‖ > M is scaled down to
 * norm M: its direction, and so its similar posts, are kept; its dot
 * products shrink by M/‖y‖, so the feed ranks it below where the model
 * would (it can tie, never beat, the best post along its direction). The
 * next retrain, which fits M to every post, removes the difference.
 *
 * A folded-in post keeps its vector, even as more users engage with it,
 * until the next retrain replaces every vector.
 *
 * Runs from `npm run train -- fold-in` and every FACTOR_FOLD_IN_INTERVAL_MS
 * in each API process. Safe to run concurrently: the write transaction
 * first write-locks the model's node (as storeFactors does), then writes
 * only posts that still have no vector, and only when the model's version
 * is the one the vectors were computed with; every number is checked
 * finite before anything is written.
 */
import { cypher } from '../db/cypher.js';
import { int, type Database } from '../db/database.js';
import type { Logger } from '../log.js';
import {
  checkVectors,
  FACTOR_MODELS,
  foldedItemVector,
  foldInItemFromFactors,
  type FactorModelName,
  type ItemFoldInRule,
} from './factorModel.js';

export const FACTOR_FOLD_IN_DEFAULTS = {
  /** Engagers with stored vectors a post needs before it is folded in (users). */
  minEngagers: 2,
  /** Most posts folded in per run and model (posts); the rest wait a run. */
  maxPosts: 1000,
};

export type FactorFoldInOptions = typeof FACTOR_FOLD_IN_DEFAULTS;

/** What one fold-in run did for one model. */
export interface FoldInReport {
  model: FactorModelName;
  /**
   * 'done'; 'not-stored' when the model was never trained; 'needs-retrain'
   * when it was stored before post fold-in existed (no item rule).
   */
  status: 'done' | 'not-stored' | 'needs-retrain';
  /** The stored version folded into; null when the model is not stored. */
  version: number | null;
  /** Posts found without a vector and with enough engagers. */
  candidates: number;
  /** Posts whose vector this run wrote. */
  written: number;
  /** Candidates whose norm exceeded M, scaled down to it. */
  clipped: number;
}

/** One row of cypher/models/factorFoldInModel.cypher. */
interface ModelRow {
  version: number;
  factors: number;
  alpha: number | null;
  binary: boolean | null;
  itemFoldIn: 'als' | 'svd' | null;
  itemGram: number[] | null;
  singularValues: number[] | null;
  maxNorm: number | null;
  [key: string]: unknown;
}

/** One row of cypher/models/postsToFoldIn.cypher. */
interface PostRow {
  postId: string;
  engagers: Array<{ factors: number[]; weight: number }>;
  [key: string]: unknown;
}

/**
 * Folds the posts created since `model` was trained into it (see the
 * header) and returns what was written. A model never stored, or stored
 * before post fold-in existed (no item rule on its node), writes nothing.
 * Throws ModelError, having written nothing, when the stored rule or a
 * vector is not finite (DIVERGED) or the rule has the wrong size.
 */
export async function foldInNewPosts(
  db: Database,
  model: FactorModelName,
  log?: Logger,
  options: FactorFoldInOptions = FACTOR_FOLD_IN_DEFAULTS,
): Promise<FoldInReport> {
  const report: FoldInReport = {
    model, status: 'not-stored', version: null, candidates: 0, written: 0, clipped: 0,
  };
  const [stored] = await db.read<ModelRow>('models/factorFoldInModel', { model });
  if (stored === undefined) return report;
  report.version = Number(stored.version);
  const rule = itemRule(stored);
  if (rule === undefined || stored.maxNorm === null) {
    report.status = 'needs-retrain';
    return report;
  }
  report.status = 'done';

  const { property } = FACTOR_MODELS[model];
  const posts = await db.read<PostRow>('models/postsToFoldIn', {
    property,
    minEngagers: int(options.minEngagers),
    limit: int(options.maxPosts),
  });
  report.candidates = posts.length;
  if (posts.length === 0) return report;

  const f = Number(stored.factors);
  checkItemRule(model, rule, f);
  const ids = posts.map((post) => post.postId);
  const factors = posts.map((post) => foldInItemFromFactors(rule, f, post.engagers));
  checkVectors(`${model} folded-in post`, ids, factors, f);
  const folded = factors.map((y) => foldedItemVector(y, stored.maxNorm!));
  checkVectors(`${model} folded-in post`, ids, folded.map((v) => v.vector), f + 1);

  const rows = folded.map(({ vector }, row) => ({ id: ids[row]!, props: { [property]: vector } }));
  report.written = await writeFoldedIn(db, model, report.version, rows);
  report.clipped = folded.filter((v) => v.clipped).length;
  log?.[report.written > 0 ? 'info' : 'debug']({ ...report }, 'posts folded into factor model');
  return report;
}

/** Runs foldInNewPosts for every factor model in turn (ALS, then PureSVD). */
export async function foldInAllModels(
  db: Database,
  log?: Logger,
  options: FactorFoldInOptions = FACTOR_FOLD_IN_DEFAULTS,
): Promise<FoldInReport[]> {
  const reports: FoldInReport[] = [];
  for (const model of Object.keys(FACTOR_MODELS) as FactorModelName[]) {
    reports.push(await foldInNewPosts(db, model, log, options));
  }
  return reports;
}

/** A periodic fold-in in the background; see startPostFoldIn. */
export interface PostFoldInTimer {
  /** Runs one fold-in of every model now (shared with a run in progress). */
  run(): Promise<FoldInReport[]>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs foldInNewPosts for every factor model every `intervalMs`
 * (FACTOR_FOLD_IN_INTERVAL_MS; 0 never) in the background of an API
 * process. A model's failure is logged and retried at the next tick
 * without holding up the other; a model stored before post fold-in
 * existed is warned about once per version. Runs never overlap in one
 * process, and are safe across processes (see the header).
 */
export function startPostFoldIn(db: Database, log: Logger, intervalMs: number): PostFoldInTimer {
  let running: Promise<FoldInReport[]> | undefined;
  const warned = new Set<string>();
  const foldIn = async (model: FactorModelName) => {
    try {
      const report = await foldInNewPosts(db, model, log);
      const key = `${model}@${report.version}`;
      if (report.status === 'needs-retrain' && !warned.has(key)) {
        warned.add(key);
        log.warn(
          { model, version: report.version },
          `stored factor model has no post fold-in rule; retrain it (npm run train -- ${model})`,
        );
      }
      return [report];
    } catch (error) {
      log.error({ err: error, model }, 'post fold-in failed; retrying at the next interval');
      return [];
    }
  };
  const run = () =>
    (running ??= (async () => {
      const reports: FoldInReport[] = [];
      for (const model of Object.keys(FACTOR_MODELS) as FactorModelName[]) {
        reports.push(...(await foldIn(model)));
      }
      return reports;
    })().finally(() => {
      running = undefined;
    }));
  const timer = intervalMs > 0 ? setInterval(() => void run(), intervalMs) : undefined;
  timer?.unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** The item fold-in rule stored on the model's node, if it has one. */
function itemRule(row: ModelRow): ItemFoldInRule | undefined {
  if (row.itemFoldIn === 'als' && row.itemGram !== null) {
    return { kind: 'als', gram: Float64Array.from(row.itemGram), alpha: row.alpha ?? 0 };
  }
  if (row.itemFoldIn === 'svd' && row.singularValues !== null) {
    const singularValues = Float64Array.from(row.singularValues);
    return { kind: 'svd', singularValues, binary: row.binary === true };
  }
  return undefined;
}

/** Throws ModelError unless the stored rule has f × f (ALS) or f finite numbers. */
function checkItemRule(model: FactorModelName, rule: ItemFoldInRule, f: number): void {
  if (rule.kind === 'als') {
    checkVectors(`${model} item fold-in`, ['XᵀX + λI'], [rule.gram], f * f);
    checkVectors(`${model} item fold-in`, ['alpha'], [[rule.alpha]], 1);
  } else {
    checkVectors(`${model} item fold-in`, ['singular values'], [rule.singularValues], f);
  }
}

/**
 * In one transaction: locks the model's node, then writes `rows` onto the
 * posts still without a vector, unless a retrain changed the version
 * since they were computed. Returns how many posts were written.
 */
async function writeFoldedIn(
  db: Database,
  model: FactorModelName,
  version: number,
  rows: ReadonlyArray<{ id: string; props: Record<string, number[]> }>,
): Promise<number> {
  const { property } = FACTOR_MODELS[model];
  return db.writeTransaction(async (tx) => {
    const locked = await tx.run(cypher('models/lockFactorModel'), {
      model, now: int(Date.now()),
    });
    if (Number(locked.records[0]?.get('version')) !== version) return 0;
    const result = await tx.run(cypher('models/setFoldedInPosts'), { property, rows });
    return Number(result.records[0]?.get('written') ?? 0);
  });
}
