import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedCsv, type GeneratedCsv } from '../../bench/runner/generatedGraph.js';
import { loadSeed } from '../../src/import/loadSeed.js';
import { useTestDatabase } from '../support/database.js';

/**
 * The CSV files the bench hands to Neo4j's offline importer must describe
 * the same graph that the seed's own import path (JSONL rows, MERGE) writes
 * into Neo4j: same nodes, same properties, same relationships.
 */
const holder = useTestDatabase();
const OPTIONS = { users: 60, engagements: 900 };
let csv: GeneratedCsv;
const dir = path.join(os.tmpdir(), `grapevine-csv-test-${process.pid}`);

beforeAll(async () => {
  csv = await writeGeneratedCsv(dir, OPTIONS);
  await loadSeed(holder.db, OPTIONS);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, unknown>;

/** A CSV file as rows keyed by header name without its `:type`, values typed. */
function readCsv(name: string): Row[] {
  const [header, ...lines] = parse(fs.readFileSync(path.join(dir, `${name}.csv`))) as string[][];
  return lines.map((line) => Object.fromEntries(header!.map((column, index) => {
    const [key, type] = column.split(':');
    const raw = line[index]!;
    const value = type === 'long' || type === 'double' ? Number(raw) : raw;
    return [key || (column.includes('START') ? 'from' : 'to'), value];
  })));
}

const sorted = (rows: Row[]) => rows.map((row) => JSON.stringify(row, Object.keys(row).sort()))
  .sort();

async function stored(text: string): Promise<Row[]> {
  return holder.db.readText<Row>(text);
}

describe('the generated graph as CSV', () => {
  it('holds the users the seed import writes, with every property', async () => {
    const rows = await stored('MATCH (u:User) RETURN u {.*} AS u');
    expect(sorted(readCsv('users'))).toEqual(sorted(rows.map((row) => row.u as Row)));
    expect(csv.rows.users).toBe(OPTIONS.users);
  });

  it('holds the posts and tags the seed import writes', async () => {
    const posts = await stored('MATCH (p:Post) RETURN p {.*} AS p');
    expect(sorted(readCsv('posts'))).toEqual(sorted(posts.map((row) => row.p as Row)));
    const tags = await stored('MATCH (t:Tag) RETURN t {.*} AS t');
    expect(sorted(readCsv('tags'))).toEqual(sorted(tags.map((row) => row.t as Row)));
  });

  it.each([
    ['authored', 'AUTHORED'], ['tagged', 'TAGGED'], ['follows', 'FOLLOWS'], ['like', 'LIKED'],
    ['repost', 'REPOSTED'], ['reply', 'REPLIED'], ['view', 'VIEWED'],
  ])('holds the %s relationships (%s) with their properties', async (file, type) => {
    const rows = await stored(`MATCH (a)-[r:${type}]->(b)
      RETURN r {.*, from: coalesce(a.id, a.name), to: coalesce(b.id, b.name)} AS r`);
    expect(rows.length).toBeGreaterThan(0);
    expect(sorted(readCsv(file))).toEqual(sorted(rows.map((row) => row.r as Row)));
  });

});
