/**
 * Streams the `<row .../>` elements of a Stack Exchange dump file as
 * attribute maps. The dumps put one row on each line (newlines inside
 * values are escaped as `&#xA;`), so each line is parsed on its own with
 * saxes: a damaged line is reported and the rest of the file still loads.
 */
import { SaxesParser } from 'saxes';
import { readLines } from './lines.js';

export type XmlRow =
  | { line: number; attributes: Record<string, string>; error?: undefined }
  | { line: number; attributes?: undefined; error: string };

/** Yields every `<row>` of `file`; other lines (prolog, root) are skipped. */
export async function* readXmlRows(file: string): AsyncGenerator<XmlRow> {
  for await (const line of readLines(file, 'utf8')) {
    const text = line.text.trim();
    if (!text.startsWith('<row')) continue;
    if (!line.valid) {
      yield { line: line.number, error: 'not valid UTF-8' };
      continue;
    }
    yield parseRow(text, line.number);
  }
}

function parseRow(text: string, line: number): XmlRow {
  let attributes: Record<string, string> | undefined;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'row') {
      attributes = tag.attributes as Record<string, string>;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    const message = (error as Error).message.replace(/^undefined:/, '');
    return { line, error: `malformed XML row: ${message}` };
  }
  if (!attributes) return { line, error: 'malformed XML row: no <row> element' };
  return { line, attributes };
}
