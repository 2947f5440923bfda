/**
 * The row shapes the import queries in `cypher/import/` take, and the
 * small parsers every format shares.
 */

/** A node to MERGE by id: `mergeUsers` and `mergePosts`. */
export interface NodeRow {
  id: string;
  props: Record<string, string | number>;
}

/** A relationship to MERGE between existing endpoints. */
export interface EdgeRow {
  from: string;
  to: string;
  at?: number;
  weight?: number;
  count?: number;
}

/** A Tag to MERGE by name. */
export interface TagRow {
  name: string;
}

/** A tag as the model stores it: trimmed, lower-case; '' when empty. */
export function tagName(text: string): string {
  return text.trim().toLowerCase();
}

/** Parses a whole decimal integer, or returns undefined. */
export function parseInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses a finite decimal number, or returns undefined. */
export function parseDecimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+(\.\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}

/**
 * Parses an ISO-8601 time; one without a zone is taken as UTC (Stack
 * Exchange dumps). Returns epoch milliseconds, or undefined.
 */
export function parseUtcTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Distinct values of `items` by key, keeping the first seen. */
export function distinctBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (!seen.has(k)) seen.set(k, item);
  }
  return [...seen.values()];
}
