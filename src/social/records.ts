/**
 * The shapes of users, posts and tags as they leave data access, built from
 * Cypher map projections. Times are epoch milliseconds (JS numbers: the
 * driver converts integers once, in src/db/database.ts).
 */

/** A user as GraphQL resolvers receive it. */
export interface UserRecord {
  __typename: 'User';
  id: string;
  handle: string;
  displayName: string;
  bio: string | null;
  createdAt: number | null;
}

/** A post as GraphQL resolvers receive it; already checked as visible. */
export interface PostRecord {
  __typename: 'Post';
  id: string;
  text: string;
  title: string | null;
  /** Lower-case kind from the data model: `post`, `comment`, `artist`... */
  kind: string;
  visibility: 'PUBLIC' | 'FOLLOWERS';
  createdAt: number | null;
  authorId: string | null;
  replyToId: string | null;
  attribution: AttributionRecord | null;
}

/** Credit for imported text. */
export interface AttributionRecord {
  source: string;
  sourceUrl: string | null;
  authorName: string | null;
  license: string | null;
}

/** A tag. */
export interface TagRecord {
  __typename: 'Tag';
  name: string;
}

/** One element of a page, with its opaque cursor. */
export interface Edge<T> {
  cursor: string;
  node: T;
  /** When the relationship behind the edge was made (ms), if it has one. */
  since: number | null;
}

/** One page of a list (a Relay connection). */
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

export type UserPage = Page<UserRecord>;
export type PostPage = Page<PostRecord>;
export type TagPage = Page<TagRecord>;
export type UserEdgeRecord = Edge<UserRecord>;
export type PostEdgeRecord = Edge<PostRecord>;
export type TagEdgeRecord = Edge<TagRecord>;

type Row = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function time(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Builds a UserRecord from a `user {.*}` projection. */
export function toUserRecord(row: Row): UserRecord {
  return {
    __typename: 'User',
    id: String(row.id),
    handle: text(row.handle) ?? String(row.id),
    displayName: text(row.displayName) ?? text(row.handle) ?? String(row.id),
    bio: text(row.bio),
    createdAt: time(row.createdAt),
  };
}

/**
 * Builds a PostRecord from a `post {.*, authorId, replyToId}` projection.
 * Posts made through the API (source `api`) carry no attribution.
 */
export function toPostRecord(row: Row): PostRecord {
  const source = text(row.source);
  return {
    __typename: 'Post',
    id: String(row.id),
    text: text(row.text) ?? '',
    title: text(row.title),
    kind: text(row.kind) ?? 'post',
    visibility: row.visibility === 'FOLLOWERS' ? 'FOLLOWERS' : 'PUBLIC',
    createdAt: time(row.createdAt),
    authorId: text(row.authorId),
    replyToId: text(row.replyToId),
    attribution: source === null || source === 'api' ? null : {
      source,
      sourceUrl: text(row.sourceUrl),
      authorName: text(row.authorName),
      license: text(row.license),
    },
  };
}

/** Builds a TagRecord from its name. */
export function toTagRecord(row: Row): TagRecord {
  return { __typename: 'Tag', name: String(row.name) };
}
