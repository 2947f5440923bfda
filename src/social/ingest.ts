/**
 * Batch ingestion of users, posts and edges (the admin `ingest` mutation).
 *
 * All or nothing: every item is checked first, in code (shapes, text,
 * duplicates) and then against the database inside the write transaction
 * (references, id and handle collisions). Any problem aborts the
 * transaction before it writes and is reported with its item's path;
 * otherwise the whole batch is written in that one transaction. Writes
 * use MERGE, so ingesting the same batch twice changes nothing.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { int, type Database } from '../db/database.js';
import { ErrorCode, userError } from '../graphql/errors.js';
import { run } from './guards.js';
import {
  checkHandle,
  checkTags,
  checkText,
  TEXT_RULES,
  type Checked,
  type TextRule,
} from './text.js';

/** Most items (users + posts + edges) in one batch. */
export const MAX_INGEST_ITEMS = 1000;
/** Most tags on one imported post. */
const MAX_IMPORTED_TAGS = 50;

const USER_EDGES = new Set(['FOLLOWS', 'BLOCKS', 'MUTES']);
const WEIGHTED_EDGES = new Set(['LIKED', 'REPOSTED', 'REPLIED']);

export interface IngestUser {
  id: string;
  handle: string;
  displayName: string;
  bio?: string | null;
  createdAt?: number | null;
}

export interface IngestPost {
  id: string;
  authorId?: string | null;
  text: string;
  title?: string | null;
  kind?: string | null;
  visibility?: 'PUBLIC' | 'FOLLOWERS' | null;
  createdAt?: number | null;
  tags?: readonly string[] | null;
  replyToId?: string | null;
  source?: string | null;
  sourceUrl?: string | null;
  authorName?: string | null;
  license?: string | null;
}

export interface IngestEdge {
  type: string;
  fromId: string;
  toId: string;
  at?: number | null;
  weight?: number | null;
  count?: number | null;
}

export interface IngestBatch {
  users?: readonly IngestUser[] | null;
  posts?: readonly IngestPost[] | null;
  edges?: readonly IngestEdge[] | null;
}

/** What is wrong with one item, and where it is in the batch. */
export interface IngestProblem {
  path: string;
  message: string;
}

/** How many items of each kind were written. */
export interface IngestCounts {
  users: number;
  posts: number;
  edges: number;
}

type Row = Record<string, unknown>;

/** The batch as it will be written, with the references it makes. */
interface CleanBatch {
  users: Row[];
  posts: Row[];
  links: Row[];
  userEdges: Row[];
  postEdges: Row[];
  userRefs: Map<string, string[]>;
  postRefs: Map<string, string[]>;
}

/** Collects problems while items are checked. */
class Problems {
  readonly list: IngestProblem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** The value when it passed, else null with the problem recorded. */
  take<T>(path: string, checked: Checked<T>): T | null {
    if (checked.ok) return checked.value;
    this.add(path, checked.problem);
    return null;
  }

  /** Optional text: null stays null. */
  optional(
    path: string,
    value: string | null | undefined,
    rule: TextRule = TEXT_RULES.attribution,
  ) {
    return value == null ? null : this.take(path, checkText(value, { ...rule, field: path }));
  }
}

function refer(refs: Map<string, string[]>, id: string, path: string): void {
  refs.set(id, [...(refs.get(id) ?? []), path]);
}

function checkTime(problems: Problems, path: string, value: number | null | undefined) {
  if (value == null) return null;
  if (!Number.isSafeInteger(value) || value < 0) {
    problems.add(path, `${path} must be a time after 1970, but got ${value}`);
    return null;
  }
  return int(value);
}

function checkUsers(batch: IngestBatch, problems: Problems, clean: CleanBatch): void {
  const seen = new Set<string>();
  const handles = new Set<string>();
  (batch.users ?? []).forEach((user, i) => {
    const path = `users[${i}]`;
    const id = problems.take(`${path}.id`, checkText(user.id, TEXT_RULES.id));
    const handle = problems.take(`${path}.handle`, checkHandle(user.handle));
    if (id !== null && seen.has(id)) problems.add(`${path}.id`, `id ${id} appears twice`);
    if (handle !== null && handles.has(handle)) {
      problems.add(`${path}.handle`, `handle ${handle} appears twice`);
    }
    if (id !== null) seen.add(id);
    if (handle !== null) handles.add(handle);
    clean.users.push({
      id,
      handle,
      displayName: problems.take(`${path}.displayName`,
        checkText(user.displayName, TEXT_RULES.displayName)),
      bio: problems.optional(`${path}.bio`, user.bio, TEXT_RULES.bio) || null,
      createdAt: checkTime(problems, `${path}.createdAt`, user.createdAt),
    });
  });
}

function checkPosts(batch: IngestBatch, problems: Problems, clean: CleanBatch): void {
  const seen = new Set<string>();
  (batch.posts ?? []).forEach((post, i) => {
    const path = `posts[${i}]`;
    const id = problems.take(`${path}.id`, checkText(post.id, TEXT_RULES.id));
    if (id !== null && seen.has(id)) problems.add(`${path}.id`, `id ${id} appears twice`);
    if (id !== null) seen.add(id);
    if (post.authorId != null) refer(clean.userRefs, post.authorId, `${path}.authorId`);
    if (post.replyToId != null) {
      refer(clean.postRefs, post.replyToId, `${path}.replyToId`);
      clean.links.push({ id, replyToId: post.replyToId });
    }
    clean.posts.push({
      id,
      authorId: post.authorId ?? null,
      createdAt: checkTime(problems, `${path}.createdAt`, post.createdAt),
      tags: problems.take(`${path}.tags`, checkTags(post.tags ?? [], MAX_IMPORTED_TAGS)),
      properties: {
        text: problems.take(`${path}.text`, checkText(post.text, TEXT_RULES.importedText)),
        title: problems.optional(`${path}.title`, post.title, TEXT_RULES.title),
        kind: (post.kind ?? 'POST').toLowerCase(),
        visibility: post.visibility ?? 'PUBLIC',
        source: problems.optional(`${path}.source`, post.source),
        sourceUrl: problems.optional(`${path}.sourceUrl`, post.sourceUrl),
        authorName: problems.optional(`${path}.authorName`, post.authorName),
        license: problems.optional(`${path}.license`, post.license),
      },
    });
  });
}

function checkEdges(batch: IngestBatch, problems: Problems, clean: CleanBatch): void {
  const now = Date.now();
  (batch.edges ?? []).forEach((edge, i) => {
    const path = `edges[${i}]`;
    const toUser = USER_EDGES.has(edge.type);
    refer(clean.userRefs, edge.fromId, `${path}.fromId`);
    refer(toUser ? clean.userRefs : clean.postRefs, edge.toId, `${path}.toId`);
    if (toUser && edge.fromId === edge.toId) {
      problems.add(path, `a ${edge.type} edge must join two different users`);
    }
    const properties: Row = {
      at: checkTime(problems, `${path}.at`, edge.at) ?? int(now),
    };
    if (WEIGHTED_EDGES.has(edge.type)) {
      const weight = edge.weight ?? 1.0;
      if (!(weight > 0 && weight <= 1)) {
        problems.add(`${path}.weight`, `weight must be in (0, 1], but got ${weight}`);
      }
      properties.weight = weight;
    } else if (edge.weight != null) {
      problems.add(`${path}.weight`, `a ${edge.type} edge has no weight`);
    }
    if (edge.type === 'VIEWED') {
      const count = edge.count ?? 1;
      if (!Number.isSafeInteger(count) || count < 1) {
        problems.add(`${path}.count`,
          `count must be a whole number of at least 1, but got ${count}`);
      }
      properties.count = int(Math.max(1, count));
    } else if (edge.count != null) {
      problems.add(`${path}.count`, `a ${edge.type} edge has no count`);
    }
    const row = { type: edge.type, fromId: edge.fromId, toId: edge.toId, properties, index: i };
    (toUser ? clean.userEdges : clean.postEdges).push(row);
  });
}

/** Checks the batch in code; returns it ready to write, and any problems. */
export function checkBatch(batch: IngestBatch): { clean: CleanBatch; problems: IngestProblem[] } {
  const problems = new Problems();
  const clean: CleanBatch = {
    users: [], posts: [], links: [], userEdges: [], postEdges: [],
    userRefs: new Map(), postRefs: new Map(),
  };
  checkUsers(batch, problems, clean);
  checkPosts(batch, problems, clean);
  checkEdges(batch, problems, clean);
  checkFollowsAcrossBlocks(clean, problems);
  return { clean, problems: problems.list };
}

/** Checks references and collisions against the database, in `tx`. */
async function checkAgainstDatabase(
  tx: ManagedTransaction,
  clean: CleanBatch,
): Promise<IngestProblem[]> {
  const batchUserIds = clean.users.map((user) => String(user.id));
  const batchPostIds = clean.posts.map((post) => String(post.id));
  const outside = (refs: Map<string, string[]>, inBatch: string[]) =>
    [...refs.keys()].filter((id) => !inBatch.includes(id));
  const [row] = await run(tx, 'ingestCheck', {
    userRefs: outside(clean.userRefs, batchUserIds),
    postRefs: outside(clean.postRefs, batchPostIds),
    batchUserIds,
    batchPostIds,
    handles: clean.users.map((user) => ({ id: user.id, handle: user.handle })),
    follows: followRows(clean),
  });
  const problems: IngestProblem[] = [];
  const report = (ids: unknown, paths: (id: string) => string[], message: string) => {
    for (const id of ids as string[]) {
      for (const path of paths(id)) problems.push({ path, message: `${message}: ${id}` });
    }
  };
  const indexOf = (list: string[], prefix: string) => (id: string) =>
    list.flatMap((item, i) => (item === id ? [`${prefix}[${i}].id`] : []));
  report(row?.missingUsers, (id) => clean.userRefs.get(id) ?? [], 'no such user');
  report(row?.missingPosts, (id) => clean.postRefs.get(id) ?? [], 'no such post');
  report(row?.userIdsOfPosts, indexOf(batchUserIds, 'users'), 'a post already has this id');
  report(row?.postIdsOfUsers, indexOf(batchPostIds, 'posts'), 'a user already has this id');
  const handleOwners = (id: string) =>
    indexOf(batchUserIds, 'users')(id).map((path) => path.replace(/\.id$/, '.handle'));
  report(row?.takenHandles, handleOwners, 'another user has the handle of user');
  for (const index of (row?.followsAcrossBlocks ?? []) as number[]) {
    problems.push({ path: `edges[${index}]`, message: FOLLOW_ACROSS_BLOCK });
  }
  return problems;
}

const FOLLOW_ACROSS_BLOCK = 'a FOLLOWS edge cannot join two users one of whom blocks the other';

/** The batch's FOLLOWS edges with their index in `edges`. */
function followRows(clean: CleanBatch): Array<{ index: number; fromId: string; toId: string }> {
  return clean.userEdges.flatMap((edge) => edge.type === 'FOLLOWS'
    ? [{ index: Number(edge.index), fromId: String(edge.fromId), toId: String(edge.toId) }]
    : []);
}

/** FOLLOWS edges of the batch across a BLOCKS edge of the same batch. */
function checkFollowsAcrossBlocks(clean: CleanBatch, problems: Problems): void {
  const pair = (a: unknown, b: unknown) => [String(a), String(b)].sort().join('\n');
  const blocked = new Set(clean.userEdges
    .filter((edge) => edge.type === 'BLOCKS')
    .map((edge) => pair(edge.fromId, edge.toId)));
  for (const edge of clean.userEdges) {
    if (edge.type === 'FOLLOWS' && blocked.has(pair(edge.fromId, edge.toId))) {
      problems.add(`edges[${String(edge.index)}]`, FOLLOW_ACROSS_BLOCK);
    }
  }
}

function refuse(problems: IngestProblem[]): Error {
  const first = problems[0]!;
  return userError(
    ErrorCode.BAD_USER_INPUT,
    `The batch has ${problems.length} problem(s) and nothing was written; ` +
      `first, ${first.path}: ${first.message}.`,
    { problems },
  );
}

/**
 * Writes a batch in one transaction, or nothing with BAD_USER_INPUT listing
 * every problem in `extensions.problems`. Returns how many items it wrote.
 */
export async function ingestBatch(db: Database, batch: IngestBatch): Promise<IngestCounts> {
  const size = (batch.users?.length ?? 0) + (batch.posts?.length ?? 0) +
    (batch.edges?.length ?? 0);
  if (size === 0 || size > MAX_INGEST_ITEMS) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `A batch must hold 1 to ${MAX_INGEST_ITEMS} items, but got ${size}.`,
    );
  }
  const { clean, problems } = checkBatch(batch);
  if (problems.length > 0) throw refuse(problems);

  return db.writeTransaction(async (tx) => {
    const found = await checkAgainstDatabase(tx, clean);
    if (found.length > 0) throw refuse(found);
    const written = async (name: string, params: Row) =>
      Number((await run(tx, name, params))[0]?.written ?? 0);
    const users = await written('ingestUsers', { users: clean.users });
    const posts = await written('ingestPosts', { posts: clean.posts });
    await written('ingestReplyLinks', { links: clean.links });
    const edges = await written('ingestUserEdges', { edges: clean.userEdges }) +
      await written('ingestPostEdges', { edges: clean.postEdges });
    return { users, posts, edges };
  });
}
