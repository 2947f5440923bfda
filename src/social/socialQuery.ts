/**
 * Loads `cypher/social/<name>.cypher` and splices in the shared fragments
 * of `cypher/social/fragments/` where the query names them as `{{name}}`.
 * This is how one visibility rule (`{{visiblePost}}`) reaches every query
 * that can return a post. Fragments are fixed text of ours; values still
 * travel only as parameters.
 *
 * A batched write checks many viewers in one query, so there the viewer is
 * a variable rather than the parameter `$viewerId`: `{{visiblePost(item.viewerId)}}`
 * splices the fragment with `item.viewerId` in place of `$viewerId`.
 */
import { cypher } from '../db/cypher.js';

const PLACEHOLDER = /\{\{(\w+)(?:\(([\w.]+)\))?\}\}/g;
const expanded = new Map<string, string>();

/** Returns the text of the social query `name` with fragments spliced in. */
export function socialQuery(name: string): string {
  let text = expanded.get(name);
  if (text === undefined) {
    text = cypher(`social/${name}`).replace(PLACEHOLDER, (_match, fragment, viewer) => {
      const spliced = fragmentText(String(fragment));
      return `(${viewer ? spliced.replaceAll('$viewerId', String(viewer)) : spliced})`;
    });
    expanded.set(name, text);
  }
  return text;
}

function fragmentText(name: string): string {
  return cypher(`social/fragments/${name}`)
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n')
    .trim();
}
