/**
 * Imports MovieLens (ml-latest-small layout: RFC-4180 CSV, CRLF).
 *
 * - `movies.csv`: Posts of kind `movie` (`ml:movie:<id>`), title, text =
 *   title, genres and the user tags of `tags.csv`; genres are also Tags
 *   (TAGGED, weight 1). `createdAt` is 1 January of the title's year, or
 *   the dataset's date (2018-09-26) when the title has none.
 * - `ratings.csv`: LIKED with weight = rating / 5 and at = timestamp * 1000.
 * - Users (`ml:user:<id>`) are everyone who rated or tagged; `createdAt` is
 *   their first rating or tag.
 */
import path from 'node:path';
import type { ImportContext } from './context.js';
import { readCsv } from './csv.js';
import {
  distinctBy,
  parseDecimal,
  parseInteger,
  tagName,
  type EdgeRow,
  type NodeRow,
  type TagRow,
} from './rows.js';
import type { Parsed } from './writer.js';

export const MOVIELENS_SNAPSHOT_AT = Date.UTC(2018, 8, 26);
const NO_GENRES = '(no genres listed)';

interface Movie {
  line: number;
  id: number;
  title: string;
  genres: string[];
}

export const userId = (id: number) => `ml:user:${id}`;
export const movieId = (id: number) => `ml:movie:${id}`;

/** Imports the dataset folder `dir`. */
export async function importMovielens(dir: string, ctx: ImportContext): Promise<void> {
  const file = (name: string) => path.join(dir, name);
  const users = new Map<number, { line: number; firstAt: number }>();
  const movieTags = await readTags(file('tags.csv'), users, ctx);
  await collectRaters(file('ratings.csv'), users);
  const movies = await readMovies(file('movies.csv'), ctx);

  await ctx.writer.run<TagRow>({
    label: 'genres', file: 'movies.csv', query: 'import/mergeTags',
    rows: genreTagRows(movies), countsAsRead: false,
  });
  await ctx.writer.run<NodeRow>({
    label: 'movies', file: 'movies.csv', query: 'import/mergePosts',
    rows: movies.map((movie) => movieRow(movie, movieTags.get(movie.id) ?? [])),
    countsAsRead: false,
  });
  await ctx.writer.run<EdgeRow>({
    label: 'movie genres', file: 'movies.csv', query: 'import/mergeTagged',
    rows: movies.flatMap((movie) => movie.genres.map((genre) => ({
      line: movie.line,
      row: { from: movieId(movie.id), to: tagName(genre), weight: 1 },
    }))),
    countsAsRead: false,
  });
  await ctx.writer.run<NodeRow>({
    label: 'users', file: 'ratings.csv', query: 'import/mergeUsers',
    rows: [...users].map(([id, user]) => ({ line: user.line, row: userRow(id, user.firstAt) })),
    countsAsRead: false,
  });
  await ctx.writer.run<EdgeRow>({
    label: 'ratings', file: 'ratings.csv', query: 'import/mergeLiked',
    rows: ratingRows(file('ratings.csv')),
  });
}

/** Per movie, its distinct user tags in file order; notes the taggers. */
async function readTags(
  file: string,
  users: Map<number, { line: number; firstAt: number }>,
  ctx: ImportContext,
): Promise<Map<number, string[]>> {
  const tags = new Map<number, string[]>();
  for await (const record of readCsv(file)) {
    ctx.report.read();
    const user = parseInteger(record.fields?.userId);
    const movie = parseInteger(record.fields?.movieId);
    const seconds = parseInteger(record.fields?.timestamp);
    const tag = tagName(record.fields?.tag ?? '');
    if (record.error !== undefined || user === undefined || movie === undefined ||
        seconds === undefined || tag === '' || tag.includes('\ufffd')) {
      ctx.report.skip('tags.csv', record.line, record.error ?? 'bad or missing field');
      continue;
    }
    noteUser(users, user, record.line, seconds * 1000);
    const list = tags.get(movie) ?? [];
    if (!list.includes(tag)) list.push(tag);
    tags.set(movie, list);
  }
  return tags;
}

function noteUser(
  users: Map<number, { line: number; firstAt: number }>,
  id: number,
  line: number,
  at: number,
): void {
  const known = users.get(id);
  if (!known) users.set(id, { line, firstAt: at });
  else known.firstAt = Math.min(known.firstAt, at);
}

async function collectRaters(
  file: string,
  users: Map<number, { line: number; firstAt: number }>,
): Promise<void> {
  for await (const record of readCsv(file)) {
    const rating = parseRating(record.fields);
    if (typeof rating !== 'string') {
      noteUser(users, rating.user, record.line, rating.at);
    }
  }
}

async function readMovies(file: string, ctx: ImportContext): Promise<Movie[]> {
  const movies: Movie[] = [];
  for await (const record of readCsv(file)) {
    ctx.report.read();
    const id = parseInteger(record.fields?.movieId);
    const title = record.fields?.title?.trim() ?? '';
    if (record.error !== undefined || id === undefined || title === '') {
      ctx.report.skip('movies.csv', record.line, record.error ?? 'bad movieId or empty title');
      continue;
    }
    if (title.includes('\ufffd')) {
      ctx.report.skip('movies.csv', record.line, 'not valid UTF-8');
      continue;
    }
    const genres = (record.fields!.genres ?? '')
      .split('|')
      .filter((genre) => genre !== '' && genre !== NO_GENRES);
    movies.push({ line: record.line, id, title, genres });
  }
  return movies;
}

function genreTagRows(movies: Movie[]): Array<Parsed<TagRow>> {
  const genres = distinctBy(
    movies.flatMap((movie) => movie.genres.map((genre) => ({ line: movie.line, genre }))),
    (item) => tagName(item.genre),
  );
  return genres.map(({ line, genre }) => ({ line, row: { name: tagName(genre) } }));
}

function movieRow(movie: Movie, tags: string[]): Parsed<NodeRow> {
  const year = /\((\d{4})\)\s*$/.exec(movie.title)?.[1];
  const parts = [movie.title];
  if (movie.genres.length > 0) parts.push(`Genres: ${movie.genres.join(', ')}.`);
  if (tags.length > 0) parts.push(`Tags: ${tags.join(', ')}.`);
  return {
    line: movie.line,
    row: {
      id: movieId(movie.id),
      props: {
        title: movie.title,
        text: parts.join('\n'),
        kind: 'movie',
        createdAt: year ? Date.UTC(Number(year), 0, 1) : MOVIELENS_SNAPSHOT_AT,
        visibility: 'PUBLIC',
        source: 'movielens',
        sourceUrl: `https://movielens.org/movies/${movie.id}`,
      },
    },
  };
}

function userRow(id: number, firstAt: number): NodeRow {
  return {
    id: userId(id),
    props: {
      handle: `ml_${id}`,
      displayName: `MovieLens user ${id}`,
      createdAt: firstAt,
      source: 'movielens',
    },
  };
}

interface Rating {
  user: number;
  movie: number;
  rating: number;
  at: number;
}

function parseRating(fields: Record<string, string> | undefined): Rating | string {
  const user = parseInteger(fields?.userId);
  const movie = parseInteger(fields?.movieId);
  const rating = parseDecimal(fields?.rating);
  const seconds = parseInteger(fields?.timestamp);
  if (user === undefined || movie === undefined || seconds === undefined) {
    return 'bad or missing userId, movieId or timestamp';
  }
  if (rating === undefined || rating <= 0 || rating > 5) {
    return `rating must be in (0, 5], but got: ${JSON.stringify(fields?.rating)}`;
  }
  return { user, movie, rating, at: seconds * 1000 };
}

async function* ratingRows(file: string): AsyncGenerator<Parsed<EdgeRow>> {
  for await (const record of readCsv(file)) {
    const rating = record.error ?? parseRating(record.fields);
    if (typeof rating === 'string') {
      yield { line: record.line, skip: rating };
      continue;
    }
    yield {
      line: record.line,
      row: {
        from: userId(rating.user),
        to: movieId(rating.movie),
        at: rating.at,
        weight: rating.rating / 5,
      },
    };
  }
}
