/**
 * Loads Cypher from `cypher/*.cypher`: one query per file, named for what it
 * returns. Files are read once and cached; parameters are always passed as
 * parameters, never spliced into the text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

export const cypherDir = path.join(projectRoot, 'cypher');
const cache = new Map<string, string>();

/**
 * Returns the text of `cypher/<name>.cypher` (name may contain a folder,
 * such as `feed/inNetwork`). Throws when the file does not exist.
 */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(cypherDir, `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/**
 * Splits a file of several statements on semicolons at the end of a line,
 * dropping `//` comment lines. Used for migrations only.
 */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
