/**
 * Streams a text file line by line with 1-based line numbers, stripping a
 * UTF-8 byte-order mark and the `\r` of CRLF endings.
 *
 * Encodings: `utf8` marks a line that is not valid UTF-8 (so a file saved
 * in the wrong encoding is reported row by row, never imported garbled);
 * `utf8-or-latin1` decodes a line as UTF-8 when it is valid and as Latin-1
 * (ISO-8859-1) otherwise, for files such as Last.fm's tags.dat.
 */
import fs from 'node:fs';

export type LineEncoding = 'utf8' | 'utf8-or-latin1';

export interface Line {
  number: number;
  text: string;
  /** False when the bytes are not valid in the requested encoding. */
  valid: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
const NEWLINE = 0x0a;

/** Yields every line of `file`, including empty ones. */
export async function* readLines(
  file: string,
  encoding: LineEncoding = 'utf8',
): AsyncGenerator<Line> {
  let pending = Buffer.alloc(0);
  let number = 0;
  for await (const chunk of fs.createReadStream(file)) {
    let buffer = pending.length > 0
      ? Buffer.concat([pending, chunk as Buffer])
      : (chunk as Buffer);
    let start = 0;
    let end = buffer.indexOf(NEWLINE, start);
    while (end !== -1) {
      number += 1;
      yield decodeLine(buffer.subarray(start, end), number, encoding);
      start = end + 1;
      end = buffer.indexOf(NEWLINE, start);
    }
    pending = Buffer.from(buffer.subarray(start));
    buffer = pending;
  }
  if (pending.length > 0) {
    yield decodeLine(pending, number + 1, encoding);
  }
}

function decodeLine(bytes: Buffer, number: number, encoding: LineEncoding): Line {
  let slice = bytes;
  if (number === 1 && slice[0] === 0xef && slice[1] === 0xbb && slice[2] === 0xbf) {
    slice = slice.subarray(3);
  }
  if (slice[slice.length - 1] === 0x0d) slice = slice.subarray(0, -1);
  try {
    return { number, text: strictUtf8.decode(slice), valid: true };
  } catch {
    const text = latin1.decode(slice);
    return { number, text, valid: encoding === 'utf8-or-latin1' };
  }
}

/** Yields the data lines of a headed, delimited file (header skipped). */
export async function* readDataLines(
  file: string,
  encoding: LineEncoding = 'utf8',
): AsyncGenerator<Line> {
  for await (const line of readLines(file, encoding)) {
    if (line.number === 1 || line.text === '') continue;
    yield line;
  }
}
