/**
 * Damaged copies of the real datasets, built in a temporary folder: a
 * truncated line, the wrong encoding, unknown ids. Each import reports the
 * bad rows by file and line and leaves only whole, consistent data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase, wipeData } from '../support/database.js';
import { datasetDir, graphCounts, runImport, skipped, useTempDir } from './support.js';

const LATIN1_E_ACUTE = Buffer.from([0xe9]);

/** The first `count` lines of a dataset file (header included). */
function head(dataset: string, file: string, count: number): string[] {
  const text = fs.readFileSync(path.join(datasetDir(dataset), file), 'utf8');
  return text.split('\n').slice(0, count).map((line) => line.replace(/\r$/, ''));
}

function write(dir: string, file: string, ...parts: Array<string | Buffer>): void {
  fs.writeFileSync(path.join(dir, file), Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)),
  ));
}

/** Places listed for a reason, as `file:line` (details cut off). */
function places(report: Awaited<ReturnType<typeof runImport>>, reason: string): string[] {
  const entry = report.skipReasons().find((skip) => skip.reason === reason);
  return (entry?.lines ?? []).map((place) => place.split(' ')[0]!);
}

async function count(db: ReturnType<typeof useTestDatabase>['db'], cypher: string) {
  const [row] = await db.readText<{ n: number }>(cypher);
  return row!.n;
}

describe('importing damaged files', () => {
  const t = useTestDatabase();
  const tempDir = useTempDir();

  it('reports Last.fm rows with a bad encoding, a cut line or unknown ids', async () => {
    const dir = path.join(tempDir(), 'lastfm');
    fs.mkdirSync(dir);
    const source = datasetDir('lastfm-hetrec2011-2k');
    // tags.dat saved as UTF-8 instead of Latin-1 still reads correctly.
    write(dir, 'tags.dat', fs.readFileSync(path.join(source, 'tags.dat'), 'latin1'));
    const artists = head('lastfm-hetrec2011-2k', 'artists.dat', 101);
    write(dir, 'artists.dat', `${artists.join('\n')}\n99999\tCaf`, LATIN1_E_ACUTE, '\tx\t\n');
    write(dir, 'user_taggedartists.dat',
      `${head('lastfm-hetrec2011-2k', 'user_taggedartists.dat', 201).join('\n')}\n`);
    const friends = head('lastfm-hetrec2011-2k', 'user_friends.dat', 51);
    write(dir, 'user_friends.dat', `${friends.join('\n')}\n`);
    const listening = head('lastfm-hetrec2011-2k', 'user_artists.dat', 101);
    write(dir, 'user_artists.dat', `${listening.join('\n')}\n2\t99998\t10\n3\t5`);

    const report = await runImport(t.db, { format: 'lastfm', path: dir });

    expect(places(report, 'not valid UTF-8')).toEqual(['artists.dat:102']);
    expect(places(report, 'expected 3 tab-separated fields, got 2'))
      .toEqual(['user_artists.dat:103']);
    const knownArtists = new Set(artists.slice(1).map((line) => line.split('\t')[0]));
    const known = listening.slice(1).filter((line) => knownArtists.has(line.split('\t')[1]));
    expect(skipped(report, 'unknown id')).toBe(listening.length - 1 - known.length + 1);
    expect(await count(t.db, 'MATCH ()-[l:LIKED]->() RETURN count(l) AS n')).toBe(known.length);
    expect(await count(t.db, "MATCH (t:Tag {name: 'tropicália'}) RETURN count(t) AS n")).toBe(1);
    expect(await count(t.db, 'MATCH (p:Post) RETURN count(p) AS n')).toBe(100);
  });

  it('reports MovieLens rows with a cut line, an open quote or unknown movies', async () => {
    await wipeData(t.db);
    const dir = path.join(tempDir(), 'movielens');
    fs.mkdirSync(dir);
    const movies = head('movielens-latest-small', 'movies.csv', 51);
    write(dir, 'movies.csv', `${movies.join('\r\n')}\r\n`);
    const ratings = head('movielens-latest-small', 'ratings.csv', 201);
    write(dir, 'ratings.csv', `${ratings.join('\r\n')}\r\n1,1,`);
    const tags = head('movielens-latest-small', 'tags.csv', 21);
    write(dir, 'tags.csv', `${tags.join('\r\n')}\r\n2,60756,"funny`);

    const report = await runImport(t.db, { format: 'movielens', path: dir });

    const movieIds = new Set(movies.slice(1).map((line) => line.split(',')[0]));
    const known = ratings.slice(1).filter((line) => movieIds.has(line.split(',')[1]));
    expect(skipped(report, 'unknown id')).toBe(ratings.length - 1 - known.length);
    const malformed = report.skipReasons().filter((s) => s.reason.startsWith('malformed CSV'));
    expect(malformed.flatMap((s) => s.lines).sort()).toEqual(['ratings.csv:202', 'tags.csv:22']);
    expect(await count(t.db, 'MATCH ()-[l:LIKED]->() RETURN count(l) AS n')).toBe(known.length);
    expect(await count(t.db, 'MATCH (p:Post) RETURN count(p) AS n')).toBe(50);
  });

  it('reports a cut Stack Exchange row and still loads the rows after it', async () => {
    await wipeData(t.db);
    const dir = path.join(tempDir(), 'se-beer');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(datasetDir('se-beer'), 'Users.xml'), path.join(dir, 'Users.xml'));
    const posts = head('se-beer', 'Posts.xml', 202);
    const cut = posts[49]!;
    posts[49] = cut.slice(0, Math.floor(cut.length / 2));
    write(dir, 'Posts.xml', `${posts.join('\r\n')}\r\n</posts>\r\n`);
    const comments = head('se-beer', 'Comments.xml', 102);
    write(dir, 'Comments.xml', `${comments.join('\r\n')}\r\n</comments>`);
    write(dir, 'Votes.xml', head('se-beer', 'Votes.xml', 302).join('\r\n'));

    const report = await runImport(t.db, { format: 'stackexchange', path: dir });

    const malformed = report.skipReasons().filter((s) => s.reason.startsWith('malformed XML'));
    expect(malformed.flatMap((s) => s.lines)).toEqual(['Posts.xml:50']);
    const qa = posts.slice(2).filter((line) => / PostTypeId="[12]"/.test(line)).length;
    expect(await count(t.db, "MATCH (p:Post) WHERE p.kind <> 'comment' RETURN count(p) AS n"))
      .toBe(qa - (/ PostTypeId="[12]"/.test(cut) ? 1 : 0));
    expect(await count(t.db, 'MATCH (p:Post) WHERE NOT ()-[:AUTHORED]->(p) RETURN count(p) AS n'))
      .toBe(0);
    expect(await count(t.db,
      "MATCH (p:Post {kind: 'comment'}) WHERE NOT (p)-[:REPLY_TO]->() RETURN count(p) AS n"))
      .toBe(0);
    expect(skipped(report, 'comment on a post that is not imported')).toBeGreaterThan(0);
  });

  it('leaves the counts unchanged when a damaged import runs again', async () => {
    const before = await graphCounts(t.db);
    const again = await runImport(t.db, {
      format: 'stackexchange', path: path.join(tempDir(), 'se-beer'),
    });
    expect(again.created).toBe(0);
    expect(await graphCounts(t.db)).toEqual(before);
  });
});
