/**
 * Checks and normalises text that users send: well-formed Unicode (no lone
 * surrogates), no control characters (tab and newline only where a field
 * is multi-line), no noncharacters, NFC-normalised, trimmed, and a length
 * in code points within the field's bounds.
 */
import { ErrorCode, userError } from '../graphql/errors.js';

/** What one text field allows. */
export interface TextRule {
  /** The field's name, as messages show it. */
  field: string;
  /** Fewest code points after trimming. */
  min: number;
  /** Most code points after normalisation. */
  max: number;
  /** Whether tab and newline are allowed. */
  multiline: boolean;
}

export const TEXT_RULES = {
  postText: { field: 'text', min: 1, max: 5000, multiline: true },
  importedText: { field: 'text', min: 1, max: 20_000, multiline: true },
  title: { field: 'title', min: 1, max: 300, multiline: false },
  displayName: { field: 'displayName', min: 1, max: 50, multiline: false },
  bio: { field: 'bio', min: 0, max: 500, multiline: true },
  attribution: { field: 'attribution', min: 1, max: 500, multiline: false },
  id: { field: 'id', min: 1, max: 200, multiline: false },
} satisfies Record<string, TextRule>;

const HANDLE = /^[A-Za-z0-9_]{1,30}$/;
const TAG = /^[\p{L}\p{N}_-]{1,40}$/u;
/** Most tags on one post. */
export const MAX_TAGS = 10;

/** C0 and C1 controls but tab and newline, and the BMP noncharacters. */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/;
/** The same, tab and newline included. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/;
/** In `u` mode a pair is one code point, so this matches lone halves only. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A checked value, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Checks one text value against a rule; returns the normalised text. */
export function checkText(value: string, rule: TextRule): Checked<string> {
  if (LONE_SURROGATE.test(value)) {
    return fail(`${rule.field} must be well-formed Unicode, but it has a lone surrogate`);
  }
  const normal = value.replace(/\r\n?/g, '\n').normalize('NFC').trim();
  const control = rule.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE;
  const bad = control.exec(normal);
  if (bad) {
    const point = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return fail(`${rule.field} must not contain control characters, but got U+${point}`);
  }
  const length = [...normal].length;
  if (length < rule.min || length > rule.max) {
    return fail(
      `${rule.field} must be ${rule.min} to ${rule.max} characters long, but got ${length}`,
    );
  }
  return { ok: true, value: normal };
}

/** Checks a handle; returns it lower-cased. */
export function checkHandle(value: string): Checked<string> {
  if (!HANDLE.test(value)) {
    return fail(
      'handle must be 1 to 30 letters, digits or underscores, ' +
        `but got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return { ok: true, value: value.toLowerCase() };
}

/** Checks tag names; returns them trimmed, lower-cased and de-duplicated. */
export function checkTags(values: readonly string[], max = MAX_TAGS): Checked<string[]> {
  const names = [...new Set(values.map((v) => v.normalize('NFC').trim().toLowerCase()))];
  const bad = names.find((name) => !TAG.test(name));
  if (bad !== undefined) {
    return fail(
      'tags must be 1 to 40 letters, digits, _ or -, ' +
        `but got ${JSON.stringify(bad.slice(0, 50))}`,
    );
  }
  if (names.length > max) {
    return fail(`at most ${max} tags are allowed, but got ${names.length}`);
  }
  return { ok: true, value: names };
}

/** Returns the checked value or throws BAD_USER_INPUT with the problem. */
export function orThrow<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.value;
  throw userError(ErrorCode.BAD_USER_INPUT, checked.problem);
}

/** Checks an id argument: 1 to 200 characters, well-formed, one line. */
export function cleanId(value: string, field = 'id'): string {
  return orThrow(checkText(value, { ...TEXT_RULES.id, field }));
}

function fail(problem: string): { ok: false; problem: string } {
  return { ok: false, problem };
}
