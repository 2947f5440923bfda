/**
 * The candidate-source interface and the registry the feed runs. A new
 * source (a learned model, say) is one object registered here.
 */
import type { RecordShape } from 'neo4j-driver';
import { int, type Params } from '../../db/database.js';
import type { Random } from '../../math/random.js';
export { decay } from '../../math/decay.js';
import type { Engine } from '../engine.js';
import type { Candidate, ViewerProfile } from '../types.js';

/** What a source gets for one request. */
export interface SourceContext {
  engine: Engine;
  viewer: ViewerProfile;
  /** Most candidates wanted (the source may return fewer). */
  limit: number;
  /** Epoch milliseconds of the request (the engine's clock). */
  now: number;
  /** A generator seeded for this viewer and source, so results repeat. */
  random: Random;
  /**
   * Runs `cypher/<name>.cypher` for reading within the source's time
   * budget (Neo4j stops the query when it runs out).
   */
  read<Row extends RecordShape>(name: string, params: Params): Promise<Row[]>;
}

/** A producer of candidate posts for a viewer. */
export interface CandidateSource {
  /** Stable name, used in blend weights and score breakdowns. */
  readonly name: string;
  /** Candidates best first, unfiltered (the engine filters every source). */
  generate(context: SourceContext): Promise<Candidate[]>;
}

/** The sources an engine runs, by name, in registration order. */
export class SourceRegistry {
  private readonly sources = new Map<string, CandidateSource>();

  constructor(sources: readonly CandidateSource[] = []) {
    for (const source of sources) this.register(source);
  }

  /** Adds (or replaces) a source under its name; returns the registry. */
  register(source: CandidateSource): this {
    this.sources.set(source.name, source);
    return this;
  }

  /** Removes a source; true when there was one. */
  unregister(name: string): boolean {
    return this.sources.delete(name);
  }

  get(name: string): CandidateSource | undefined {
    return this.sources.get(name);
  }

  names(): string[] {
    return [...this.sources.keys()];
  }

  list(): CandidateSource[] {
    return [...this.sources.values()];
  }
}

/**
 * The parameters of a time-windowed, decaying query: engagements since
 * `now - windowMs` weighted 2^(-age / halfLifeMs), at most `limit` rows.
 */
export function decayWindowParams(
  now: number,
  windowMs: number,
  halfLifeMs: number,
  limit: number,
): Record<string, unknown> {
  return { since: int(now - windowMs), now: int(now), halfLifeMs, limit: int(limit) };
}
