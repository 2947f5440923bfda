import { describe, expect, it } from 'vitest';
import { generateSeed } from '../../seed/generateSeed.js';
import type { JsonlRecord } from '../../src/import/jsonl.js';
import { loadSeed, loadSeedIfEmpty } from '../../src/import/loadSeed.js';
import { silentLogger } from '../../src/log.js';
import { useTestDatabase, wipeData } from '../support/database.js';
import { graphCounts } from './support.js';

function records(users: number, seed?: number): JsonlRecord[] {
  return [...generateSeed({ users, seed })].map((record) => record.value as JsonlRecord);
}

function countByType(list: JsonlRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of list) counts[record.type] = (counts[record.type] ?? 0) + 1;
  return counts;
}

describe('generateSeed', () => {
  it('gives the same network for the same seed and another for another seed', () => {
    expect(records(300)).toEqual(records(300));
    expect(records(300, 7)).not.toEqual(records(300));
  });

  it('makes power-law follows: a few users are followed by many', () => {
    const follows = records(2_000).filter((r) => r.type === 'follow');
    const inDegree = new Map<string, number>();
    for (const f of follows) if (f.type === 'follow') {
      inDegree.set(String(f.to), (inDegree.get(String(f.to)) ?? 0) + 1);
    }
    const degrees = [...inDegree.values()].sort((a, b) => b - a);
    const mean = follows.length / 2_000;
    expect(degrees[0]!).toBeGreaterThan(10 * mean);
    expect(degrees[Math.floor(degrees.length / 2)]!).toBeLessThan(mean);
  });

  it('writes topic posts with text and tags, and engagement after the post', () => {
    const list = records(200);
    const posts = new Map<string, number>();
    for (const r of list) {
      if (r.type !== 'post') continue;
      expect(r.text.length).toBeGreaterThan(10);
      expect(r.tags!.length).toBe(2);
      posts.set(String(r.id), Number(r.createdAt));
    }
    const engagements = list.filter((r) => r.type === 'engagement');
    expect(engagements.length).toBe(200 * 20);
    for (const e of engagements) {
      if (e.type !== 'engagement') continue;
      expect(Number(e.at)).toBeGreaterThanOrEqual(posts.get(String(e.post))!);
    }
  });
});

describe('loadSeed', () => {
  const t = useTestDatabase();

  it('writes every generated record once, and nothing on a second run', async () => {
    const counts = countByType(records(300));
    const report = await loadSeed(t.db, { users: 300 });
    const graph = await graphCounts(t.db);
    expect(graph.nodes.User).toBe(300);
    expect(graph.nodes.Post).toBe(counts.post);
    expect(graph.relationships.FOLLOWS).toBe(counts.follow);
    const engaged = ['LIKED', 'VIEWED', 'REPOSTED', 'REPLIED']
      .reduce((sum, type) => sum + (graph.relationships[type] ?? 0), 0);
    expect(engaged).toBe(counts.engagement);
    expect(report.counts.skipped).toBe(0);

    expect((await loadSeed(t.db, { users: 300 })).created).toBe(0);
  });

  it('loads on start-up only when the database is empty', async () => {
    expect(await loadSeedIfEmpty(t.db, { SEED_USERS: 50 }, silentLogger)).toBeUndefined();
    await wipeData(t.db);
    const report = await loadSeedIfEmpty(t.db, { SEED_USERS: 50 }, silentLogger);
    expect(report?.created).toBeGreaterThan(50);
    expect((await graphCounts(t.db)).nodes.User).toBe(50);
  });
});
