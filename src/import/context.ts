/** What every format importer writes through and reports into. */
import type { ImportReport } from './report.js';
import type { ImportWriter } from './writer.js';

export interface ImportContext {
  writer: ImportWriter;
  report: ImportReport;
}
