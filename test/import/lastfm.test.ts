import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/import/report.js';
import { useTestDatabase } from '../support/database.js';
import {
  dataLines,
  datasetDir,
  graphCounts,
  IMPORT_TIMEOUT_MS,
  nonIntegerTimes,
  runImport,
  skipped,
  type GraphCounts,
} from './support.js';

const dir = datasetDir('lastfm-hetrec2011-2k');

/** Figures from SOURCE.md, and from the files where it gives none. */
function expectedFigures() {
  const artists = new Set(dataLines(path.join(dir, 'artists.dat')).map((l) => l.split('\t')[0]));
  const tagged = dataLines(path.join(dir, 'user_taggedartists.dat')).map((l) => l.split('\t'));
  const known = tagged.filter((fields) => artists.has(fields[1]));
  return {
    taggedPairs: new Set(known.map((fields) => `${fields[1]}|${fields[2]}`)).size,
    unknownArtistRows: tagged.length - known.length,
  };
}

describe('Last.fm import (HetRec 2011, full dataset)', () => {
  const t = useTestDatabase();
  let first: GraphCounts;

  it('imports every user, artist, tag, friendship and play count', async () => {
    const report = await runImport(t.db, { format: 'lastfm', path: dir });
    first = await graphCounts(t.db);
    const figures = expectedFigures();

    expect(first.nodes).toEqual({ User: 1_892, Post: 17_632, Tag: 11_946 });
    expect(first.relationships).toEqual({
      FOLLOWS: 25_434,
      LIKED: 92_834,
      TAGGED: figures.taggedPairs,
    });
    expect(report.created).toBe(1_892 + 17_632 + 11_946 + 25_434 + 92_834 + figures.taggedPairs);
    expect(report.counts.read).toBe(11_946 + 17_632 + 186_479 + 25_434 + 92_834);
    expect(skipped(report, 'unknown artist id')).toBe(figures.unknownArtistRows);
    expect(report.counts.skipped).toBe(figures.unknownArtistRows);
    expect(report.warningReasons().reduce((n, w) => n + w.count, 0)).toBe(5);
  }, IMPORT_TIMEOUT_MS);

  it('reads the Latin-1 tags and the UTF-8 artist names correctly', async () => {
    const tags = await t.db.readText<{ name: string }>(
      "MATCH (t:Tag) WHERE t.name IN ['tropicália', 'fußball'] RETURN t.name AS name",
    );
    expect(tags.map((row) => row.name).sort()).toEqual(['fußball', 'tropicália']);
    const [artist] = await t.db.readText<{ title: string; kind: string; text: string }>(
      `MATCH (p:Post {id: 'lastfm:artist:289'})
       RETURN p.title AS title, p.kind AS kind, p.text AS text`,
    );
    expect(artist).toMatchObject({ title: 'Britney Spears', kind: 'artist' });
    expect(artist!.text).toMatch(/^Britney Spears: pop, /);
  });

  it('maps friendships both ways and play counts to weights in (0, 1]', async () => {
    const [row] = await t.db.readText<{ oneWay: number; minW: number; maxW: number }>(
      `MATCH (a:User)-[:FOLLOWS]->(b:User) WHERE NOT (b)-[:FOLLOWS]->(a)
       WITH count(*) AS oneWay
       MATCH (:User)-[l:LIKED]->(:Post)
       RETURN oneWay, min(l.weight) AS minW, max(l.weight) AS maxW`,
    );
    expect(row!.oneWay).toBe(0);
    expect(row!.minW).toBeGreaterThan(0);
    expect(row!.maxW).toBe(1);
    expect(await nonIntegerTimes(t.db, 'LIKED')).toBe(0);
    const [heavy] = await t.db.readText<{ w: number }>(
      `MATCH (:User {id: 'lastfm:user:2'})-[l:LIKED]->(:Post {id: 'lastfm:artist:51'})
       RETURN l.weight AS w`,
    );
    expect(heavy!.w).toBeCloseTo(Math.log1p(13_883) / Math.log1p(352_698), 10);
  });

  it('creates nothing on a second run', async () => {
    const again = await runImport(t.db, { format: 'lastfm', path: dir });
    expect(again.created).toBe(0);
    expect(await graphCounts(t.db)).toEqual(first);
    expect(formatSummary(again, 'lastfm')).toMatch(/created: 0 \(0 nodes, 0 relationships\)/);
  }, IMPORT_TIMEOUT_MS);
});
