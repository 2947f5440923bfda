/**
 * The generated graph of the benchmark as CSV files for Neo4j's offline
 * importer (`neo4j-admin database import full`).
 *
 * The records are those of the seed generator (seed/generateSeed.ts:
 * seeded, communities, Zipf popularity, Pareto follows, timestamped
 * engagement), written exactly as the JSONL import path would store them
 * (docs/data-model.md): ids `seed:user:<n>` and `seed:post:<n>`, `source`
 * `seed`, posts PUBLIC of kind `post`, tags lower-cased and TAGGED with
 * weight 1.0, FOLLOWS with `at`, LIKED / REPOSTED / REPLIED with `at` and
 * `weight`, VIEWED with `at` and `count`. The generator makes each pair at
 * most once, so every relationship is unique as MERGE would leave it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSeed, type SeedOptions } from '../../seed/generateSeed.js';
import type { JsonlRecord } from '../../src/import/jsonl.js';
import { tagName } from '../../src/import/rows.js';

/** One CSV file: its header, and the label or type the importer gives its rows. */
interface CsvFile {
  kind: 'nodes' | 'relationships';
  /** Label (nodes) or relationship type. */
  name: string;
  header: string;
}

/** The columns of a positive engagement (LIKED, REPOSTED, REPLIED). */
const ENGAGED = ':START_ID(User),:END_ID(Post),at:long,weight:double';

const FILES = {
  users: { kind: 'nodes', name: 'User',
    header: 'id:ID(User),handle,displayName,bio,createdAt:long,source' },
  posts: { kind: 'nodes', name: 'Post',
    header: 'id:ID(Post),text,kind,createdAt:long,visibility,source' },
  tags: { kind: 'nodes', name: 'Tag', header: 'name:ID(Tag)' },
  authored: { kind: 'relationships', name: 'AUTHORED', header: ':START_ID(User),:END_ID(Post)' },
  tagged: { kind: 'relationships', name: 'TAGGED',
    header: ':START_ID(Post),:END_ID(Tag),weight:double' },
  follows: { kind: 'relationships', name: 'FOLLOWS',
    header: ':START_ID(User),:END_ID(User),at:long' },
  like: { kind: 'relationships', name: 'LIKED', header: ENGAGED },
  repost: { kind: 'relationships', name: 'REPOSTED', header: ENGAGED },
  reply: { kind: 'relationships', name: 'REPLIED', header: ENGAGED },
  view: { kind: 'relationships', name: 'VIEWED',
    header: ':START_ID(User),:END_ID(Post),at:long,count:long' },
} satisfies Record<string, CsvFile>;

type FileName = keyof typeof FILES;

/** What was written: the folder, the importer's arguments, and row counts. */
export interface GeneratedCsv {
  dir: string;
  /** `--nodes=User=<file>` and `--relationships=LIKED=<file>` arguments. */
  importArgs: string[];
  rows: Record<FileName, number>;
  nodes: number;
  relationships: number;
  /** Engagement rows (LIKED, REPOSTED, REPLIED, VIEWED). */
  engagements: number;
  seconds: number;
}

/** A CSV field: quoted text (quotes doubled), or a number as it is. */
function field(value: string | number): string {
  return typeof value === 'number' ? String(value) : `"${value.replaceAll('"', '""')}"`;
}

/** Buffers lines per file and writes them in large chunks, waiting when the disk lags. */
class CsvWriter {
  private buffer = '';
  count = 0;

  constructor(private readonly stream: fs.WriteStream) {}

  async line(values: ReadonlyArray<string | number>): Promise<void> {
    this.buffer += `${values.map(field).join(',')}\n`;
    this.count += 1;
    if (this.buffer.length > 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
  }
}

/**
 * Writes the generated graph of `options` as CSV files into `dir` (made
 * afresh) and returns how to import them.
 */
export async function writeGeneratedCsv(dir: string, options: SeedOptions): Promise<GeneratedCsv> {
  const started = performance.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const writers = Object.fromEntries(Object.entries(FILES).map(([name, file]) => {
    const stream = fs.createWriteStream(path.join(dir, `${name}.csv`));
    stream.write(`${file.header}\n`);
    return [name, new CsvWriter(stream)];
  })) as Record<FileName, CsvWriter>;

  const tags = new Set<string>();
  for (const { value } of generateSeed(options)) {
    await writeRecord(value as JsonlRecord, writers, tags);
  }
  for (const name of tags) await writers.tags.line([name]);
  await Promise.all(Object.values(writers).map((writer) => writer.close()));

  const rows = Object.fromEntries(Object.entries(writers)
    .map(([name, writer]) => [name, writer.count])) as Record<FileName, number>;
  const count = (kind: CsvFile['kind']) => (Object.keys(FILES) as FileName[])
    .filter((name) => FILES[name].kind === kind).reduce((sum, name) => sum + rows[name], 0);
  return {
    dir,
    importArgs: (Object.keys(FILES) as FileName[]).map((name) =>
      `--${FILES[name].kind}=${FILES[name].name}=${path.join(dir, `${name}.csv`)}`),
    rows,
    nodes: count('nodes'),
    relationships: count('relationships'),
    engagements: rows.like + rows.repost + rows.reply + rows.view,
    seconds: (performance.now() - started) / 1000,
  };
}

const user = (id: string | number) => `seed:user:${id}`;
const post = (id: string | number) => `seed:post:${id}`;

async function writeRecord(
  record: JsonlRecord,
  writers: Record<FileName, CsvWriter>,
  tags: Set<string>,
): Promise<void> {
  switch (record.type) {
    case 'user':
      await writers.users.line([user(record.id), record.handle!, record.displayName!,
        record.bio!, Number(record.createdAt), 'seed']);
      return;
    case 'post': {
      await writers.posts.line([post(record.id), record.text, 'post', Number(record.createdAt),
        'PUBLIC', 'seed']);
      await writers.authored.line([user(record.author!), post(record.id)]);
      const names = new Set((record.tags ?? []).map(tagName).filter(Boolean));
      for (const name of names) {
        tags.add(name);
        await writers.tagged.line([post(record.id), name, 1.0]);
      }
      return;
    }
    case 'follow':
      await writers.follows.line([user(record.from), user(record.to), Number(record.at)]);
      return;
    case 'engagement': {
      const at = Number(record.at);
      const last = record.kind === 'view' ? record.count ?? 1 : record.weight ?? 1;
      if (record.kind === 'hide') throw new Error('the generator makes no hides');
      await writers[record.kind].line([user(record.user), post(record.post), at, last]);
    }
  }
}
