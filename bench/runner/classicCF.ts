/**
 * Times the classic Cypher collaborative filter
 * (bench/classicCollaborativeFiltering.cypher) on the bench Neo4j, through
 * the driver from the runner process, at a given concurrency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { int, type Database } from '../../src/db/database.js';
import { loadAverage, percentiles } from './measure.js';

const QUERY = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..',
    'classicCollaborativeFiltering.cypher'),
  'utf8',
);

export interface ClassicCFResult {
  concurrency: number;
  queries: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  loadBefore: number;
}

/** Runs the query for each viewer in turn (round-robin) for `durationS`. */
export async function timeClassicCF(
  db: Database,
  viewers: readonly string[],
  concurrency: number,
  durationS: number,
): Promise<ClassicCFResult> {
  const loadBefore = loadAverage();
  const latencies: number[] = [];
  const started = Date.now();
  const deadline = started + durationS * 1000;
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) {
      const viewerId = viewers[next++ % viewers.length]!;
      const t0 = performance.now();
      await db.readText(QUERY, { viewerId, first: int(20) });
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  return {
    concurrency,
    queries: latencies.length,
    perSecond: latencies.length / seconds,
    ...percentiles(latencies),
    loadBefore,
  };
}
