/**
 * Imports HetRec 2011 Last.fm-2K (tab-separated `.dat` files, one header).
 *
 * - `tags.dat` (Latin-1): Tag nodes.
 * - `artists.dat`: Posts of kind `artist` (`lastfm:artist:<id>`), text =
 *   the name and its most used tags; TAGGED to every tag users gave it,
 *   weight = uses / the artist's most used tag's uses.
 * - `user_taggedartists.dat`: only aggregated into the artists' tags; rows
 *   of unknown artists or tags are skipped; bogus years (before 2005) keep
 *   the tag and lose the date.
 * - `user_friends.dat`: FOLLOWS (the file lists both directions).
 * - `user_artists.dat`: LIKED, weight = ln(1 + plays) / ln(1 + most plays
 *   in the file), so in (0, 1].
 *
 * The data has no listening or friendship times: those `at`, and users'
 * `createdAt`, are the snapshot date (2011-05-31); an artist's `createdAt`
 * is the first date it was tagged.
 */
import path from 'node:path';
import { readDataLines, type Line, type LineEncoding } from './lines.js';
import {
  parseInteger,
  tagName,
  type EdgeRow,
  type NodeRow,
  type TagRow,
} from './rows.js';
import type { ImportContext } from './context.js';
import type { Parsed } from './writer.js';

export const LASTFM_SNAPSHOT_AT = Date.UTC(2011, 4, 31);
const FIRST_TAG_YEAR = 2005;
const LAST_TAG_YEAR = 2011;
/** How many of an artist's tags its text lists. */
const TAGS_IN_TEXT = 10;

interface Artist {
  line: number;
  name: string;
  url: string;
  tags: Map<string, number>;
  firstTaggedAt?: number;
}

type Fields = { fields: string[] } | { error: string };

/** Imports the dataset folder `dir`. */
export async function importLastfm(dir: string, ctx: ImportContext): Promise<void> {
  const file = (name: string) => path.join(dir, name);
  const tags = new Map<number, string>();
  await ctx.writer.run<TagRow>({
    label: 'tags', file: 'tags.dat', query: 'import/mergeTags',
    rows: parseTags(file('tags.dat'), tags),
  });

  const artists = await readArtists(file('artists.dat'), ctx);
  await collectArtistTags(file('user_taggedartists.dat'), artists, tags, ctx);
  const users = await collectUsers(file);
  await ctx.writer.run<NodeRow>({
    label: 'users', file: 'user_friends.dat', query: 'import/mergeUsers',
    rows: userRows(users.ids), countsAsRead: false,
  });
  await ctx.writer.run<NodeRow>({
    label: 'artists', file: 'artists.dat', query: 'import/mergePosts',
    rows: artistRows(artists), countsAsRead: false,
  });
  await ctx.writer.run<EdgeRow>({
    label: 'artist tags', file: 'user_taggedartists.dat',
    query: 'import/mergeTagged', rows: taggedRows(artists), countsAsRead: false,
  });
  await ctx.writer.run<EdgeRow>({
    label: 'friends', file: 'user_friends.dat', query: 'import/mergeFollows',
    rows: friendRows(file('user_friends.dat')),
  });
  await ctx.writer.run<EdgeRow>({
    label: 'listening', file: 'user_artists.dat', query: 'import/mergeLiked',
    rows: listeningRows(file('user_artists.dat'), users.mostPlays),
  });
}

export const userId = (id: number) => `lastfm:user:${id}`;
export const artistId = (id: number) => `lastfm:artist:${id}`;

/** Splits a tab-separated line into exactly `count` fields. */
function splitFields(line: Line, count: number): Fields {
  if (!line.valid) return { error: 'not valid UTF-8' };
  const fields = line.text.split('\t');
  if (fields.length !== count) {
    return { error: `expected ${count} tab-separated fields, got ${fields.length}` };
  }
  return { fields };
}

/** Parses `count` integer columns; an error names the first bad one. */
function integerFields(line: Line, names: string[]): number[] | string {
  const split = splitFields(line, names.length);
  if ('error' in split) return split.error;
  const values: number[] = [];
  for (const [i, name] of names.entries()) {
    const value = parseInteger(split.fields[i]);
    if (value === undefined) {
      return `${name} is not an integer: ${JSON.stringify(split.fields[i])}`;
    }
    values.push(value);
  }
  return values;
}

async function* parseTags(
  file: string,
  tags: Map<number, string>,
): AsyncGenerator<Parsed<TagRow>> {
  const encoding: LineEncoding = 'utf8-or-latin1';
  for await (const line of readDataLines(file, encoding)) {
    const split = splitFields(line, 2);
    if ('error' in split) {
      yield { line: line.number, skip: split.error };
      continue;
    }
    const id = parseInteger(split.fields[0]);
    const name = tagName(split.fields[1]!);
    if (id === undefined || name === '') {
      yield { line: line.number, skip: 'tagID is not an integer or the tag is empty' };
      continue;
    }
    tags.set(id, name);
    yield { line: line.number, row: { name } };
  }
}

async function readArtists(file: string, ctx: ImportContext) {
  const artists = new Map<number, Artist>();
  for await (const line of readDataLines(file)) {
    ctx.report.read();
    const split = splitFields(line, 4);
    const id = 'fields' in split ? parseInteger(split.fields[0]) : undefined;
    const name = 'fields' in split ? split.fields[1]!.trim() : '';
    if ('error' in split || id === undefined || name === '') {
      const reason = 'error' in split ? split.error : 'bad artist id or empty name';
      ctx.report.skip('artists.dat', line.number, reason);
      continue;
    }
    artists.set(id, { line: line.number, name, url: split.fields[2]!, tags: new Map() });
  }
  return artists;
}

async function collectArtistTags(
  file: string,
  artists: Map<number, Artist>,
  tags: Map<number, string>,
  ctx: ImportContext,
): Promise<void> {
  const names = ['userID', 'artistID', 'tagID', 'day', 'month', 'year'];
  for await (const line of readDataLines(file)) {
    ctx.report.read();
    const skip = (reason: string) =>
      ctx.report.skip('user_taggedartists.dat', line.number, reason);
    const values = integerFields(line, names);
    if (typeof values === 'string') {
      skip(values);
      continue;
    }
    const [, artistKey, tagKey, day, month, year] = values as [
      number, number, number, number, number, number,
    ];
    const artist = artists.get(artistKey);
    const tag = tags.get(tagKey);
    if (!artist) skip('unknown artist id');
    else if (tag === undefined) skip('unknown tag id');
    else {
      artist.tags.set(tag, (artist.tags.get(tag) ?? 0) + 1);
      if (year < FIRST_TAG_YEAR || year > LAST_TAG_YEAR) {
        ctx.report.warn('user_taggedartists.dat', line.number,
          `bogus year ${year}: tag kept, date ignored`);
        continue;
      }
      const at = Date.UTC(year, month - 1, day);
      artist.firstTaggedAt = Math.min(artist.firstTaggedAt ?? at, at);
    }
  }
}

/** Users named in friendships or listening, and the largest play count. */
async function collectUsers(file: (name: string) => string) {
  const ids = new Map<number, number>();
  let mostPlays = 1;
  for (const name of ['user_friends.dat', 'user_artists.dat']) {
    const columns = name === 'user_friends.dat'
      ? ['userID', 'friendID']
      : ['userID', 'artistID', 'weight'];
    for await (const line of readDataLines(file(name))) {
      const values = integerFields(line, columns);
      if (typeof values === 'string') continue;
      const named = name === 'user_friends.dat' ? values : values.slice(0, 1);
      for (const id of named) if (!ids.has(id)) ids.set(id, line.number);
      if (name === 'user_artists.dat') mostPlays = Math.max(mostPlays, values[2]!);
    }
  }
  return { ids, mostPlays };
}

function* userRows(ids: Map<number, number>): Generator<Parsed<NodeRow>> {
  for (const [id, line] of ids) {
    yield {
      line,
      row: {
        id: userId(id),
        props: {
          handle: `lastfm_${id}`,
          displayName: `Last.fm user ${id}`,
          createdAt: LASTFM_SNAPSHOT_AT,
          source: 'lastfm',
        },
      },
    };
  }
}

/** An artist's tags, most used first (ties by name). */
function rankedTags(artist: Artist): Array<[string, number]> {
  return [...artist.tags].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function* artistRows(artists: Map<number, Artist>): Generator<Parsed<NodeRow>> {
  for (const [id, artist] of artists) {
    const top = rankedTags(artist).slice(0, TAGS_IN_TEXT).map(([name]) => name);
    const text = top.length > 0 ? `${artist.name}: ${top.join(', ')}` : artist.name;
    yield {
      line: artist.line,
      row: {
        id: artistId(id),
        props: {
          title: artist.name,
          text,
          kind: 'artist',
          createdAt: artist.firstTaggedAt ?? LASTFM_SNAPSHOT_AT,
          visibility: 'PUBLIC',
          source: 'lastfm',
          sourceUrl: artist.url,
        },
      },
    };
  }
}

function* taggedRows(artists: Map<number, Artist>): Generator<Parsed<EdgeRow>> {
  for (const [id, artist] of artists) {
    const ranked = rankedTags(artist);
    const most = ranked[0]?.[1] ?? 1;
    for (const [name, uses] of ranked) {
      yield { line: artist.line, row: { from: artistId(id), to: name, weight: uses / most } };
    }
  }
}

async function* friendRows(file: string): AsyncGenerator<Parsed<EdgeRow>> {
  for await (const line of readDataLines(file)) {
    const values = integerFields(line, ['userID', 'friendID']);
    if (typeof values === 'string') {
      yield { line: line.number, skip: values };
      continue;
    }
    const [from, to] = values as [number, number];
    yield from === to
      ? { line: line.number, skip: 'a user befriends themselves' }
      : {
          line: line.number,
          row: { from: userId(from), to: userId(to), at: LASTFM_SNAPSHOT_AT },
        };
  }
}

async function* listeningRows(
  file: string,
  mostPlays: number,
): AsyncGenerator<Parsed<EdgeRow>> {
  const scale = Math.log1p(mostPlays);
  for await (const line of readDataLines(file)) {
    const values = integerFields(line, ['userID', 'artistID', 'weight']);
    if (typeof values === 'string') {
      yield { line: line.number, skip: values };
      continue;
    }
    const [user, artist, plays] = values as [number, number, number];
    if (plays < 1) {
      yield { line: line.number, skip: `play count ${plays} is below 1` };
      continue;
    }
    yield {
      line: line.number,
      row: {
        from: userId(user),
        to: artistId(artist),
        at: LASTFM_SNAPSHOT_AT,
        weight: Math.min(1, Math.log1p(plays) / scale),
      },
    };
  }
}
