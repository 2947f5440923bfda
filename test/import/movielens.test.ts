import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import { useTestDatabase } from '../support/database.js';
import {
  datasetDir,
  graphCounts,
  IMPORT_TIMEOUT_MS,
  nonIntegerTimes,
  runImport,
  type GraphCounts,
} from './support.js';

const dir = datasetDir('movielens-latest-small');

/** Genre figures from movies.csv (SOURCE.md gives none). */
function genreFigures() {
  const movies = parse(fs.readFileSync(path.join(dir, 'movies.csv')), {
    columns: true,
  }) as Array<{ genres: string }>;
  const genres = movies.flatMap((movie) =>
    movie.genres.split('|').filter((genre) => genre !== '(no genres listed)'));
  return { tagged: genres.length, distinct: new Set(genres).size };
}

describe('MovieLens import (ml-latest-small, full dataset)', () => {
  const t = useTestDatabase();
  let first: GraphCounts;

  it('imports every user, movie and rating', async () => {
    const report = await runImport(t.db, { format: 'movielens', path: dir });
    first = await graphCounts(t.db);
    const genres = genreFigures();

    expect(first.nodes).toEqual({ User: 610, Post: 9_742, Tag: genres.distinct });
    expect(first.relationships).toEqual({ LIKED: 100_836, TAGGED: genres.tagged });
    expect(report.counts.read).toBe(100_836 + 3_683 + 9_742);
    expect(report.counts.skipped).toBe(0);
  }, IMPORT_TIMEOUT_MS);

  it('weights a rating as rating / 5 at its time in epoch milliseconds', async () => {
    const [rating] = await t.db.readText<{ weight: number; at: number }>(
      `MATCH (:User {id: 'ml:user:1'})-[r:LIKED]->(:Post {id: 'ml:movie:1'})
       RETURN r.weight AS weight, r.at AS at`,
    );
    expect(rating).toEqual({ weight: 0.8, at: 964_982_703_000 });
    expect(await nonIntegerTimes(t.db, 'LIKED')).toBe(0);
  });

  it('puts title, genres and user tags in the movie text', async () => {
    const [movie] = await t.db.readText<{ title: string; text: string; kind: string }>(
      `MATCH (p:Post {id: 'ml:movie:1'})
       RETURN p.title AS title, p.text AS text, p.kind AS kind`,
    );
    expect(movie).toMatchObject({ title: 'Toy Story (1995)', kind: 'movie' });
    expect(movie!.text).toContain('Genres: Adventure, Animation, Children, Comedy, Fantasy.');
    expect(movie!.text).toMatch(/Tags: .*pixar/);
  });

  it('creates nothing on a second run', async () => {
    const again = await runImport(t.db, { format: 'movielens', path: dir });
    expect(again.created).toBe(0);
    expect(await graphCounts(t.db)).toEqual(first);
  }, IMPORT_TIMEOUT_MS);
});
