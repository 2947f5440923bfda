/**
 * Imports a Stack Exchange data dump folder (Users, Posts, Comments and
 * Votes XML). Ids are `<prefix>:user:<Id>`, `<prefix>:post:<Id>` and
 * `<prefix>:comment:<Id>`, the prefix being the folder name (`se-beer`).
 *
 * - Users: every account. Authors whose account was deleted (no
 *   OwnerUserId / UserId) are AUTHORED by one `<prefix>:user:deleted`
 *   user; the post keeps their display name as `authorName`.
 * - Questions and answers (PostTypeId 1, 2) and comments become Posts of
 *   kind question, answer, comment. HTML bodies are stripped to plain text
 *   (a question's text starts with its title). Every post carries the
 *   attribution CC BY-SA requires: `sourceUrl` (`<site>/q/<Id>`,
 *   `<site>/a/<Id>`, `<site>/posts/comments/<Id>`), `authorName`, `license`.
 *   Question tags become Tags.
 * - Answers and comments: REPLY_TO their post, and the writer REPLIED to
 *   it (weight 1, at = when written).
 * - Favourites (votes of type 5, the only votes that name their voter):
 *   LIKED, weight 1, at = the vote's day. Other vote types are ignored.
 * - The dump has no follows, so user A FOLLOWS user B when A answered,
 *   commented on, favourited or accepted B's post (at = the first time).
 */
import path from 'node:path';
import type { ImportContext } from './context.js';
import { htmlToPlainText } from './html.js';
import {
  distinctBy,
  parseInteger,
  parseUtcTime,
  tagName,
  type EdgeRow,
  type NodeRow,
  type TagRow,
} from './rows.js';
import type { Parsed } from './writer.js';
import { readXmlRows } from './xmlRows.js';

/** Sites whose dump folder name differs from their current address. */
const SITE_URLS: Record<string, string> = {
  'se-beer': 'https://alcohol.stackexchange.com',
};

const POST_KINDS: Record<string, 'question' | 'answer'> = { 1: 'question', 2: 'answer' };
const FAVOURITE_VOTE = '5';
const DELETED = 'deleted';

export interface StackExchangeOptions {
  prefix?: string;
  siteUrl?: string;
}

/** An imported question, answer or comment, as later passes need it. */
interface Item {
  id: string;
  line: number;
  file: string;
  /** The author's account id, or undefined for a deleted account. */
  owner: number | undefined;
  createdAt: number;
  /** The post an answer or comment replies to. */
  parent?: number;
  tags: string[];
  acceptedAnswer?: number;
}

interface Interaction {
  from: number;
  to: number;
  at: number;
  line: number;
}

/** Imports the dump folder `dir`. */
export async function importStackExchange(
  dir: string,
  ctx: ImportContext,
  options: StackExchangeOptions = {},
): Promise<void> {
  const site = new Site(dir, options);
  const file = (name: string) => path.join(dir, name);
  const names = new Map<number, string>();
  const posts = new Map<number, Item>();
  const comments: Item[] = [];
  const favourites: Interaction[] = [];

  await ctx.writer.run<NodeRow>({
    label: 'users', file: 'Users.xml', query: 'import/mergeUsers',
    rows: site.userRows(file('Users.xml'), names),
  });
  await ctx.writer.run<NodeRow>({
    label: 'deleted user', file: 'Users.xml', query: 'import/mergeUsers',
    rows: [{ line: 0, row: site.deletedUser() }], countsAsRead: false,
  });
  await ctx.writer.run<NodeRow>({
    label: 'posts', file: 'Posts.xml', query: 'import/mergePosts',
    rows: site.postRows(file('Posts.xml'), names, posts, ctx),
  });
  await ctx.writer.run<NodeRow>({
    label: 'comments', file: 'Comments.xml', query: 'import/mergePosts',
    rows: site.commentRows(file('Comments.xml'), names, posts, comments),
  });
  await ctx.writer.run<EdgeRow>({
    label: 'favourites', file: 'Votes.xml', query: 'import/mergeLiked',
    rows: site.favouriteRows(file('Votes.xml'), posts, favourites, ctx),
  });
  await writeLinks(site, ctx, [...posts.values()], comments);
  await ctx.writer.run<EdgeRow>({
    label: 'interactions', file: 'Posts.xml', query: 'import/mergeFollows',
    rows: site.followRows(interactions(posts, comments, favourites)),
    countsAsRead: false,
  });
}

/** AUTHORED, REPLY_TO, REPLIED and TAGGED for the imported items. */
async function writeLinks(
  site: Site,
  ctx: ImportContext,
  posts: Item[],
  comments: Item[],
): Promise<void> {
  const items = [...posts, ...comments];
  const derived = (item: Item, row: EdgeRow) => ({ line: item.line, row });
  const stages: Array<[string, string, Array<Parsed<EdgeRow>>]> = [
    ['authors', 'import/mergeAuthored', items.map((item) =>
      derived(item, { from: site.userId(item.owner), to: item.id }))],
    ['reply links', 'import/mergeReplyTo', items.filter(hasParent).map((item) =>
      derived(item, { from: item.id, to: site.postId(item.parent!) }))],
    ['replies', 'import/mergeReplied', items.filter(hasParent).map((item) =>
      derived(item, {
        from: site.userId(item.owner), to: site.postId(item.parent!),
        at: item.createdAt, weight: 1,
      }))],
    ['post tags', 'import/mergeTagged', posts.flatMap((item) =>
      item.tags.map((tag) => derived(item, { from: item.id, to: tag, weight: 1 })))],
  ];
  const tags = distinctBy(posts.flatMap((item) => item.tags), (tag) => tag);
  await ctx.writer.run<TagRow>({
    label: 'tags', file: 'Posts.xml', query: 'import/mergeTags',
    rows: tags.map((name) => ({ line: 0, row: { name } })), countsAsRead: false,
  });
  for (const [label, query, rows] of stages) {
    await ctx.writer.run<EdgeRow>({ label, file: 'Posts.xml', query, rows, countsAsRead: false });
  }
}

const hasParent = (item: Item) => item.parent !== undefined;

/** Who answered, commented on, favourited or accepted whose post. */
function interactions(
  posts: Map<number, Item>,
  comments: Item[],
  favourites: Interaction[],
): Interaction[] {
  const found: Interaction[] = [...favourites];
  const onPost = (item: Item, postKey: number | undefined, from = item.owner) => {
    const target = postKey === undefined ? undefined : posts.get(postKey);
    if (from === undefined || target?.owner === undefined) return;
    found.push({ from, to: target.owner, at: item.createdAt, line: item.line });
  };
  for (const post of posts.values()) {
    onPost(post, post.parent);
    const accepted = posts.get(post.acceptedAnswer ?? Number.NaN);
    if (accepted) onPost(accepted, post.acceptedAnswer, post.owner);
  }
  for (const comment of comments) onPost(comment, comment.parent);
  return found;
}

/** Ids, links and row builders for one site. */
class Site {
  readonly prefix: string;
  readonly url: string;
  private readonly handlePrefix: string;

  constructor(dir: string, options: StackExchangeOptions) {
    const base = path.basename(path.resolve(dir));
    this.prefix = options.prefix ?? (base.startsWith('se-') ? base : `se-${base}`);
    const name = this.prefix.replace(/^se-/, '');
    this.url = (options.siteUrl ?? SITE_URLS[this.prefix] ??
      `https://${name}.stackexchange.com`).replace(/\/$/, '');
    this.handlePrefix = this.prefix.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 20);
  }

  userId(account: number | undefined): string {
    return `${this.prefix}:user:${account ?? DELETED}`;
  }

  postId(key: number): string {
    return `${this.prefix}:post:${key}`;
  }

  deletedUser(): NodeRow {
    return {
      id: this.userId(undefined),
      props: {
        handle: `${this.handlePrefix}_${DELETED}`,
        displayName: 'Deleted user',
        createdAt: 0,
        source: 'stackexchange',
      },
    };
  }

  async *userRows(
    file: string,
    names: Map<number, string>,
  ): AsyncGenerator<Parsed<NodeRow>> {
    for await (const xml of readXmlRows(file)) {
      const a = xml.attributes;
      const id = parseInteger(a?.Id);
      const createdAt = parseUtcTime(a?.CreationDate);
      if (xml.error !== undefined || id === undefined || createdAt === undefined) {
        yield { line: xml.line, skip: xml.error ?? 'bad or missing Id or CreationDate' };
        continue;
      }
      const displayName = a!.DisplayName?.trim() || `user ${id}`;
      names.set(id, displayName);
      const handle = `${this.handlePrefix}_${id < 0 ? `m${-id}` : id}`;
      yield {
        line: xml.line,
        row: {
          id: this.userId(id),
          props: {
            handle, displayName, createdAt, source: 'stackexchange',
            sourceUrl: `${this.url}/users/${id}`,
          },
        },
      };
    }
  }

  async *postRows(
    file: string,
    names: Map<number, string>,
    posts: Map<number, Item>,
    ctx: ImportContext,
  ): AsyncGenerator<Parsed<NodeRow>> {
    for await (const xml of readXmlRows(file)) {
      const a = xml.attributes ?? {};
      const kind = POST_KINDS[a.PostTypeId ?? ''];
      if (xml.error === undefined && kind === undefined) {
        ctx.report.ignore(`post type ${a.PostTypeId} (not a question or answer)`);
        continue;
      }
      const key = parseInteger(a.Id);
      const createdAt = parseUtcTime(a.CreationDate);
      const parent = parseInteger(a.ParentId);
      const problem = xml.error ??
        (key === undefined || createdAt === undefined ? 'bad or missing Id or CreationDate'
          : kind === 'answer' && parent === undefined ? 'answer without ParentId'
          : undefined);
      if (problem !== undefined) {
        yield { line: xml.line, skip: problem };
        continue;
      }
      const owner = parseInteger(a.OwnerUserId);
      const item: Item = {
        id: this.postId(key!), line: xml.line, file: 'Posts.xml', owner,
        createdAt: createdAt!, tags: parseTags(a.Tags),
        ...(kind === 'answer' ? { parent: parent! } : {}),
        ...(a.AcceptedAnswerId ? { acceptedAnswer: parseInteger(a.AcceptedAnswerId) } : {}),
      };
      posts.set(key!, item);
      const title = a.Title?.trim();
      const body = htmlToPlainText(a.Body ?? '');
      yield {
        line: xml.line,
        row: {
          id: item.id,
          props: {
            ...(title ? { title } : {}),
            text: title ? `${title}\n\n${body}` : body,
            kind: kind!,
            createdAt: createdAt!,
            sourceUrl: `${this.url}/${kind === 'question' ? 'q' : 'a'}/${key}`,
            ...this.attribution(a, owner, names, a.OwnerDisplayName),
          },
        },
      };
    }
  }

  async *commentRows(
    file: string,
    names: Map<number, string>,
    posts: Map<number, Item>,
    comments: Item[],
  ): AsyncGenerator<Parsed<NodeRow>> {
    for await (const xml of readXmlRows(file)) {
      const a = xml.attributes ?? {};
      const key = parseInteger(a.Id);
      const parent = parseInteger(a.PostId);
      const createdAt = parseUtcTime(a.CreationDate);
      const problem = xml.error ??
        (key === undefined || parent === undefined || createdAt === undefined
          ? 'bad or missing Id, PostId or CreationDate'
          : !posts.has(parent) ? 'comment on a post that is not imported'
          : undefined);
      if (problem !== undefined) {
        yield { line: xml.line, skip: problem, detail: `post ${a.PostId}` };
        continue;
      }
      const owner = parseInteger(a.UserId);
      const id = `${this.prefix}:comment:${key}`;
      comments.push({
        id, line: xml.line, file: 'Comments.xml', owner,
        createdAt: createdAt!, parent: parent!, tags: [],
      });
      yield {
        line: xml.line,
        row: {
          id,
          props: {
            text: (a.Text ?? '').trim(),
            kind: 'comment',
            createdAt: createdAt!,
            sourceUrl: `${this.url}/posts/comments/${key}`,
            ...this.attribution(a, owner, names, a.UserDisplayName),
          },
        },
      };
    }
  }

  private attribution(
    a: Record<string, string>,
    owner: number | undefined,
    names: Map<number, string>,
    fallbackName: string | undefined,
  ) {
    const authorName = (owner === undefined ? undefined : names.get(owner)) ??
      fallbackName?.trim() ?? 'deleted user';
    return {
      visibility: 'PUBLIC',
      source: 'stackexchange',
      authorName,
      license: a.ContentLicense ?? 'CC BY-SA',
    };
  }

  async *favouriteRows(
    file: string,
    posts: Map<number, Item>,
    favourites: Interaction[],
    ctx: ImportContext,
  ): AsyncGenerator<Parsed<EdgeRow>> {
    for await (const xml of readXmlRows(file)) {
      const a = xml.attributes ?? {};
      if (xml.error === undefined && a.VoteTypeId !== FAVOURITE_VOTE) {
        ctx.report.ignore(`vote type ${a.VoteTypeId} (not a favourite)`);
        continue;
      }
      const user = parseInteger(a.UserId);
      const key = parseInteger(a.PostId);
      const at = parseUtcTime(a.CreationDate);
      const problem = xml.error ??
        (user === undefined || key === undefined || at === undefined
          ? 'bad or missing UserId, PostId or CreationDate'
          : !posts.has(key) ? 'favourite of a deleted post'
          : undefined);
      if (problem !== undefined) {
        yield { line: xml.line, skip: problem, detail: `post ${a.PostId}` };
        continue;
      }
      const owner = posts.get(key!)!.owner;
      if (owner !== undefined) favourites.push({ from: user!, to: owner, at: at!, line: xml.line });
      yield {
        line: xml.line,
        row: { from: this.userId(user), to: this.postId(key!), at: at!, weight: 1 },
      };
    }
  }

  /** One FOLLOWS per ordered pair, at its first interaction; no self-follows. */
  followRows(found: Interaction[]): Array<Parsed<EdgeRow>> {
    const pairs = new Map<string, Interaction>();
    for (const interaction of found) {
      if (interaction.from === interaction.to) continue;
      const key = `${interaction.from}>${interaction.to}`;
      const known = pairs.get(key);
      if (!known || interaction.at < known.at) pairs.set(key, interaction);
    }
    return [...pairs.values()].map(({ from, to, at, line }) => ({
      line,
      row: { from: this.userId(from), to: this.userId(to), at },
    }));
  }
}

/** `<wine><storage>` or `|wine|storage|` as tag names. */
function parseTags(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[<>|]/)
    .map(tagName)
    .filter((name) => name !== '');
}
