/**
 * Grapevine's own import format: JSON Lines, one record a line, each with
 * a `type` (see "Importing data" in README.md for the fields):
 *
 *   {"type":"user","id":"ada","handle":"ada","displayName":"Ada","createdAt":...}
 *   {"type":"post","id":"p1","author":"ada","text":"...","createdAt":...}
 *   {"type":"follow","from":"ada","to":"bob","at":...}
 *   {"type":"engagement","user":"bob","post":"p1","kind":"like","at":...}
 *
 * Times are epoch milliseconds or ISO-8601 strings. Ids in the file are the
 * dataset's own; stored ids are `<prefix>:user:<id>` and
 * `<prefix>:post:<id>`. Records may come in any order: a first pass writes
 * users, posts and tags, a second the relationships between them.
 */
import path from 'node:path';
import { z } from 'zod';
import type { ImportContext } from './context.js';
import { readLines } from './lines.js';
import { tagName } from './rows.js';
import type { Parsed, Routed } from './writer.js';

const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const time = z.union([
  z.number().int().nonnegative(),
  z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO-8601 time'),
]).transform((value) => (typeof value === 'number' ? value : Date.parse(value)));
const weight = z.number().gt(0).lte(1);

const userRecord = z.object({
  type: z.literal('user'),
  id,
  handle: z.string().regex(/^[A-Za-z0-9_]{1,30}$/, 'letters, digits, _ (1-30)').optional(),
  displayName: z.string().min(1).optional(),
  bio: z.string().optional(),
  createdAt: time,
});
const postRecord = z.object({
  type: z.literal('post'),
  id,
  author: id.optional(),
  text: z.string(),
  title: z.string().optional(),
  kind: z.enum(['post', 'question', 'answer', 'comment', 'artist', 'movie']).default('post'),
  createdAt: time,
  visibility: z.enum(['PUBLIC', 'FOLLOWERS']).default('PUBLIC'),
  tags: z.array(z.string()).default([]),
  replyTo: id.optional(),
  sourceUrl: z.string().optional(),
  authorName: z.string().optional(),
  license: z.string().optional(),
});
const followRecord = z.object({ type: z.literal('follow'), from: id, to: id, at: time });
const engagementRecord = z.object({
  type: z.literal('engagement'),
  user: id,
  post: id,
  kind: z.enum(['like', 'repost', 'reply', 'view', 'hide']),
  at: time,
  weight: weight.default(1),
  count: z.number().int().positive().default(1),
});

/** One line of the format. */
export const jsonlRecord = z.discriminatedUnion('type', [
  userRecord, postRecord, followRecord, engagementRecord,
]);
export type JsonlRecord = z.input<typeof jsonlRecord>;
type Record_ = z.output<typeof jsonlRecord>;

const ENGAGEMENT_QUERIES = {
  like: 'import/mergeLiked',
  repost: 'import/mergeReposted',
  reply: 'import/mergeReplied',
  view: 'import/mergeViewed',
  hide: 'import/mergeHid',
} as const;

/** A record with the line it came from (before validation). */
export interface SourceRecord {
  line: number;
  value: unknown;
  /** Why the line is no record at all (bad JSON, bad encoding). */
  error?: string;
}

/** Imports a `.jsonl` file. */
export async function importJsonl(
  file: string,
  ctx: ImportContext,
  prefix: string,
): Promise<void> {
  await importRecords(() => readJsonl(file), path.basename(file), ctx, prefix);
}

/**
 * Imports records from a source that can be read twice (nodes first,
 * then relationships). The seed loader uses this too, with origin `seed`.
 */
export async function importRecords(
  source: () => AsyncIterable<SourceRecord> | Iterable<SourceRecord>,
  file: string,
  ctx: ImportContext,
  prefix: string,
  origin: 'jsonl' | 'seed' = 'jsonl',
): Promise<void> {
  const ids = {
    user: (key: string) => `${prefix}:user:${key}`,
    post: (key: string) => `${prefix}:post:${key}`,
    origin,
  };
  await ctx.writer.runRouted({
    label: 'users and posts', file, countsAsRead: false,
    rows: routeRecords(source(), (record, line) => nodeRows(record, line, ids), ctx),
  });
  await ctx.writer.runRouted({
    label: 'relationships', file, countsAsRead: false,
    rows: routeRecords(source(), (record, line) => edgeRows(record, line, ids)),
  });
}

interface Ids {
  user: (key: string) => string;
  post: (key: string) => string;
  /** The `source` property written on users and posts. */
  origin: string;
}

async function* routeRecords(
  records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>,
  route: (record: Record_, line: number) => Routed[],
  reporting?: ImportContext,
): AsyncGenerator<Routed> {
  for await (const { line, value, error } of records) {
    reporting?.report.read();
    const parsed = error === undefined ? jsonlRecord.safeParse(value) : undefined;
    if (parsed?.success) {
      yield* route(parsed.data, line);
    } else if (reporting) {
      yield { query: '', item: { line, skip: error ?? describeIssue(parsed!.error) } };
    }
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `invalid record: ${where}${issue.message}`;
}

function nodeRows(record: Record_, line: number, ids: Ids): Routed[] {
  const row = (query: string, value: object): Routed => ({ query, item: { line, row: value } });
  if (record.type === 'user') {
    const handle = record.handle ?? record.id.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30);
    return [row('import/mergeUsers', {
      id: ids.user(record.id),
      props: compact({
        handle,
        displayName: record.displayName ?? handle,
        bio: record.bio,
        createdAt: record.createdAt,
        source: ids.origin,
      }),
    })];
  }
  if (record.type !== 'post') return [];
  const { type: _type, id: key, author: _a, tags, replyTo: _r, ...props } = record;
  return [
    row('import/mergePosts', {
      id: ids.post(key),
      props: compact({ ...props, source: ids.origin }),
    }),
    ...tags.map(tagName).filter(Boolean).map((name) => row('import/mergeTags', { name })),
  ];
}

function edgeRows(record: Record_, line: number, ids: Ids): Routed[] {
  const row = (query: string, value: object): Routed => ({ query, item: { line, row: value } });
  switch (record.type) {
    case 'user':
      return [];
    case 'post': {
      const post = ids.post(record.id);
      return [
        ...(record.author === undefined ? [] : [row('import/mergeAuthored',
          { from: ids.user(record.author), to: post })]),
        ...(record.replyTo === undefined ? [] : [row('import/mergeReplyTo',
          { from: post, to: ids.post(record.replyTo) })]),
        ...record.tags.map(tagName).filter(Boolean).map((name) =>
          row('import/mergeTagged', { from: post, to: name, weight: 1 })),
      ];
    }
    case 'follow':
      return [row('import/mergeFollows',
        { from: ids.user(record.from), to: ids.user(record.to), at: record.at })];
    case 'engagement':
      return [row(ENGAGEMENT_QUERIES[record.kind], {
        from: ids.user(record.user), to: ids.post(record.post),
        at: record.at, weight: record.weight, count: record.count,
      })];
  }
}

/** Drops undefined values (Neo4j properties cannot hold them). */
function compact(props: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(props).filter(([, value]) => value !== undefined),
  ) as Record<string, string | number>;
}

/** Reads a JSONL file as records; blank lines are skipped. */
export async function* readJsonl(file: string): AsyncGenerator<SourceRecord> {
  for await (const line of readLines(file, 'utf8')) {
    if (line.text.trim() === '') continue;
    if (!line.valid) {
      yield { line: line.number, value: undefined, error: 'not valid UTF-8' };
      continue;
    }
    try {
      yield { line: line.number, value: JSON.parse(line.text) };
    } catch (error) {
      yield { line: line.number, value: undefined, error: `bad JSON: ${(error as Error).message}` };
    }
  }
}
