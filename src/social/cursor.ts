/**
 * Opaque page cursors: the sort key and id of an edge, as base64url JSON.
 * Clients pass them back as `after`; nothing else about them is promised.
 */

/** Where a page ends: the sort key (a time or 0) and the id after it. */
export interface Cursor {
  key: number;
  id: string;
}

/** Encodes a cursor. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

/** Decodes a cursor; null when the text is not one of ours. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as unknown[];
    if (typeof key !== 'number' || !Number.isSafeInteger(key)) return null;
    if (typeof id !== 'string' || id.length === 0) return null;
    return { key, id };
  } catch {
    return null;
  }
}
