import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import {
  datasetDir,
  graphCounts,
  IMPORT_TIMEOUT_MS,
  runImport,
  skipped,
  type GraphCounts,
} from './support.js';

const dir = datasetDir('se-beer');

/** The attributes of every `<row>` of a dump file. */
function rows(file: string): Array<Record<string, string>> {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  return text.split('\n').filter((line) => line.trim().startsWith('<row')).map((line) =>
    Object.fromEntries([...line.matchAll(/ (\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])));
}

/** Figures SOURCE.md does not give, from the files. */
function derivedFigures() {
  const posts = rows('Posts.xml').filter((row) => ['1', '2'].includes(row.PostTypeId!));
  const postIds = new Set(posts.map((row) => row.Id));
  const replies = [
    ...posts.filter((row) => row.PostTypeId === '2')
      .map((row) => `${row.OwnerUserId ?? '-'}>${row.ParentId}`),
    ...rows('Comments.xml').map((row) => `${row.UserId ?? '-'}>${row.PostId}`),
  ];
  const favourites = rows('Votes.xml').filter((row) => row.VoteTypeId === '5');
  const tagged = posts.flatMap((row) =>
    (row.Tags ?? '').split(/&lt;|&gt;/).filter(Boolean));
  return {
    replied: new Set(replies).size,
    liked: new Set(favourites.filter((row) => postIds.has(row.PostId))
      .map((row) => `${row.UserId}>${row.PostId}`)).size,
    favouritesOfDeleted: favourites.filter((row) => !postIds.has(row.PostId)).length,
    tagged: tagged.length,
  };
}

describe('Stack Exchange import (se-beer, full dump)', () => {
  const t = useTestDatabase();
  let first: GraphCounts;

  it('imports users, questions, answers, comments and their links', async () => {
    const report = await runImport(t.db, { format: 'stackexchange', path: dir });
    first = await graphCounts(t.db);
    const figures = derivedFigures();

    // 6,863 accounts, plus one user standing for deleted accounts.
    expect(first.nodes).toEqual({ User: 6_863 + 1, Post: 1_029 + 2_277 + 3_509, Tag: 153 });
    expect(first.relationships).toEqual({
      AUTHORED: 1_029 + 2_277 + 3_509,
      REPLY_TO: 2_277 + 3_509,
      REPLIED: figures.replied,
      FOLLOWS: 4_356,
      LIKED: figures.liked,
      TAGGED: figures.tagged,
    });
    expect(report.counts.read).toBe(6_863 + 3_471 + 3_509 + 18_564);
    expect(skipped(report, 'favourite of a deleted post')).toBe(figures.favouritesOfDeleted);
    expect(report.counts.skipped).toBe(figures.favouritesOfDeleted);
  }, IMPORT_TIMEOUT_MS);

  it('keeps the attribution the licence requires on every post', async () => {
    const [question] = await t.db.readText<Record<string, string>>(
      `MATCH (u:User)-[:AUTHORED]->(p:Post {id: 'se-beer:post:1'})
       RETURN p.kind AS kind, p.sourceUrl AS sourceUrl, p.authorName AS authorName,
              p.license AS license, u.displayName AS author, p.title AS title`,
    );
    expect(question).toMatchObject({
      kind: 'question',
      sourceUrl: 'https://alcohol.stackexchange.com/q/1',
      license: 'CC BY-SA 3.0',
      title: 'What is a citra hop, and how does it differ from other hops?',
    });
    expect(question!.authorName).toBe(question!.author);
    const [missing] = await t.db.readText<{ n: number }>(
      `MATCH (p:Post) WHERE p.sourceUrl IS NULL OR p.authorName IS NULL
         OR p.license IS NULL OR p.text CONTAINS '<p>' RETURN count(p) AS n`,
    );
    expect(missing!.n).toBe(0);
  });

  it('gives posts of deleted accounts to one anonymous author', async () => {
    const [row] = await t.db.readText<{ posts: number; named: number }>(
      `MATCH (:User {id: 'se-beer:user:deleted'})-[:AUTHORED]->(p:Post)
       RETURN count(p) AS posts, count(DISTINCT p.authorName) AS named`,
    );
    expect(row!.posts).toBe(25 + 50);
    expect(row!.named).toBeGreaterThan(1);
  });

  it('creates nothing on a second run', async () => {
    const again = await runImport(t.db, { format: 'stackexchange', path: dir });
    expect(again.created).toBe(0);
    expect(await graphCounts(t.db)).toEqual(first);
  }, IMPORT_TIMEOUT_MS);
});
