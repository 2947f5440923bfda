import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { graphCounts, runImport, useTempDir } from './support.js';

/** Lines of a file in our format, in an order that references ahead. */
const LINES = [
  '{"type":"engagement","user":"bob","post":"p1","kind":"like","at":1700000300000,"weight":0.5}',
  '{"type":"follow","from":"bob","to":"ada","at":"2023-11-14T22:13:20Z"}',
  '{"type":"post","id":"p1","author":"ada","text":"Hello",' +
    '"createdAt":1700000100000,"tags":["Intro "]}',
  '{"type":"post","id":"p2","author":"bob","text":"Hi!","createdAt":1700000200000,"replyTo":"p1"}',
  '{"type":"user","id":"ada","handle":"ada","displayName":"Ada","createdAt":1700000000000}',
  '{"type":"user","id":"bob","handle":"bob","createdAt":1700000000000}',
  '{"type":"engagement","user":"ada","post":"p2","kind":"view","at":1700000400000,"count":3}',
  '{"type":"user","id":"eve","handle":"ada","createdAt":1700000000000}',
  '{"type":"follow","from":"ada","to":"nobody","at":1700000000000}',
  '{"type":"engagement","user":"ada","post":"p1","kind":"cheer","at":1700000000000}',
  '{"type":"post","id":"p3","text":"cut in the mid',
  '',
];

describe('JSONL import', () => {
  const t = useTestDatabase();
  const tempDir = useTempDir();
  const file = () => {
    const target = path.join(tempDir(), 'people.jsonl');
    fs.writeFileSync(target, LINES.join('\n'));
    return target;
  };

  it('imports users, posts, follows and engagements in any order', async () => {
    const report = await runImport(t.db, { format: 'jsonl', path: file() });

    expect(await graphCounts(t.db)).toEqual({
      nodes: { User: 2, Post: 2, Tag: 1 },
      relationships: {
        AUTHORED: 2, REPLY_TO: 1, TAGGED: 1, FOLLOWS: 1, LIKED: 1, VIEWED: 1,
      },
    });
    expect(report.counts.read).toBe(11);
    const [row] = await t.db.readText<Record<string, unknown>>(
      `MATCH (b:User {id: 'jsonl:user:bob'})-[f:FOLLOWS]->(:User {id: 'jsonl:user:ada'}),
             (b)-[l:LIKED]->(p:Post {id: 'jsonl:post:p1'})-[:TAGGED]->(tag:Tag),
             (:User {id: 'jsonl:user:ada'})-[v:VIEWED]->(:Post {id: 'jsonl:post:p2'})
       RETURN f.at AS followedAt, l.weight AS weight, tag.name AS tag, v.count AS views,
              b.displayName AS bobName, p.kind AS kind, p.source AS source`,
    );
    expect(row).toEqual({
      followedAt: 1_700_000_000_000, weight: 0.5, tag: 'intro', views: 3,
      bobName: 'bob', kind: 'post', source: 'jsonl',
    });
  });

  it('reports each bad record with its line and reason', async () => {
    const report = await runImport(t.db, { format: 'jsonl', path: file() });
    const reasons = Object.fromEntries(report.skipReasons().map((s) => [s.reason, s.lines]));

    expect(report.created).toBe(0);
    expect(reasons['rejected by Neo4j']).toEqual([
      expect.stringMatching(/^people\.jsonl:8 \(.*already exists/),
    ]);
    expect(reasons['unknown id']).toEqual(['people.jsonl:9 (jsonl:user:nobody)']);
    expect(Object.keys(reasons)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^invalid record: kind: /),
      expect.stringMatching(/^bad JSON: /),
    ]));
    expect(report.counts.skipped).toBe(4);
  });
});
