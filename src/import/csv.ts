/**
 * Streams an RFC-4180 CSV file (quoted fields, CRLF or LF, optional BOM)
 * as records keyed by the header, with the line each record starts on.
 * A record that cannot be parsed (an unclosed quote, a wrong number of
 * fields) is yielded as an error instead of stopping the stream.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse';

export type CsvRecord =
  | { line: number; fields: Record<string, string>; error?: undefined }
  | { line: number; fields?: undefined; error: string };

/** Yields every data record of `file`. */
export async function* readCsv(file: string): AsyncGenerator<CsvRecord> {
  const errors: CsvRecord[] = [];
  const parser = fs.createReadStream(file).pipe(
    parse({
      bom: true,
      columns: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const line = (error as { lines?: number } | undefined)?.lines ?? 0;
        errors.push({ line, error: csvErrorMessage(error) });
      },
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield* errors.splice(0);
      yield { line: item.info.lines, fields: item.record };
    }
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    errors.push({ line, error: csvErrorMessage(error) });
  }
  yield* errors.splice(0);
}

function csvErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `malformed CSV: ${message.replace(/^Invalid Record Length: /, '')}`;
}
