/**
 * Arguments of list fields: `first` must be 1 to 100 (BAD_USER_INPUT
 * otherwise) and `after` must be a cursor this API gave out.
 */
import { decodeCursor } from '../social/cursor.js';
import type { PageRequest } from '../social/pages.js';
import { ErrorCode, userError } from './errors.js';

/** Largest page any list returns. */
export const MAX_PAGE_SIZE = 100;
/** Page size when `first` is left out. */
export const DEFAULT_PAGE_SIZE = 20;

/** The arguments every connection field takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Checks connection arguments and returns the page to read. */
export function readPageArgs(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `first must be between 1 and ${MAX_PAGE_SIZE}, but got ${first}.`,
      { argument: 'first' },
    );
  }
  if (args.after == null) return { first, after: null };
  const after = decodeCursor(args.after);
  if (after === null) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      'after must be an endCursor this API returned, but it is not one.',
      { argument: 'after' },
    );
  }
  return { first, after };
}
