/**
 * What an import did: rows read, nodes and relationships created, rows
 * skipped (grouped by reason, with the first few line numbers of each) and
 * rows deliberately ignored (kinds of data the importer does not map).
 */

/** How many line numbers a summary lists per reason; the rest are counted. */
export const LISTED_LINES_PER_REASON = 5;

export interface SkipReason {
  reason: string;
  count: number;
  /** The first LISTED_LINES_PER_REASON places, as `file:line`. */
  lines: string[];
}

export interface ImportCounts {
  read: number;
  nodesCreated: number;
  relationshipsCreated: number;
  skipped: number;
  ignored: number;
}

/** Collects the outcome of one import run. */
export class ImportReport {
  readonly counts: ImportCounts = {
    read: 0,
    nodesCreated: 0,
    relationshipsCreated: 0,
    skipped: 0,
    ignored: 0,
  };
  private readonly skips = new Map<string, SkipReason>();
  private readonly warnings = new Map<string, SkipReason>();
  private readonly ignores = new Map<string, number>();
  private readonly startedAt = performance.now();

  /** Nodes plus relationships created. */
  get created(): number {
    return this.counts.nodesCreated + this.counts.relationshipsCreated;
  }

  /** Seconds since the report was created. */
  get seconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** Counts `n` source rows as read. */
  read(n = 1): void {
    this.counts.read += n;
  }

  /** Adds what one committed transaction created. */
  addCreated(nodes: number, relationships: number): void {
    this.counts.nodesCreated += nodes;
    this.counts.relationshipsCreated += relationships;
  }

  /** Records a row that could not be imported, and why. */
  skip(file: string, line: number, reason: string, detail?: string): void {
    this.counts.skipped += 1;
    const place = `${file}:${line}`;
    noteLine(this.skips, detail ? `${place} (${detail})` : place, reason);
  }

  /** Records a row imported with a flaw repaired (such as a bad date). */
  warn(file: string, line: number, reason: string): void {
    noteLine(this.warnings, `${file}:${line}`, reason);
  }

  /** Records a row read, of a kind the importer leaves out on purpose. */
  ignore(reason: string): void {
    this.counts.read += 1;
    this.counts.ignored += 1;
    this.ignores.set(reason, (this.ignores.get(reason) ?? 0) + 1);
  }

  /** Skip reasons, most frequent first. */
  skipReasons(): SkipReason[] {
    return [...this.skips.values()].sort((a, b) => b.count - a.count);
  }

  /** Warnings (rows imported with a repair), most frequent first. */
  warningReasons(): SkipReason[] {
    return [...this.warnings.values()].sort((a, b) => b.count - a.count);
  }

  /** Ignored kinds of row and how many of each. */
  ignoredReasons(): Array<{ reason: string; count: number }> {
    return [...this.ignores]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count);
  }
}

function noteLine(
  entries: Map<string, SkipReason>,
  place: string,
  reason: string,
): void {
  let entry = entries.get(reason);
  if (!entry) {
    entry = { reason, count: 0, lines: [] };
    entries.set(reason, entry);
  }
  entry.count += 1;
  if (entry.lines.length < LISTED_LINES_PER_REASON) entry.lines.push(place);
}

const number = new Intl.NumberFormat('en-US');

/** The human summary printed at the end of an import. */
export function formatSummary(report: ImportReport, title: string): string {
  const { counts } = report;
  const seconds = report.seconds;
  const rate = Math.round(counts.read / Math.max(seconds, 1e-3));
  const lines = [
    `${title}: ${number.format(counts.read)} rows read in ` +
      `${seconds.toFixed(1)} s (${number.format(rate)} rows/s)`,
    `  created: ${number.format(report.created)} ` +
      `(${number.format(counts.nodesCreated)} nodes, ` +
      `${number.format(counts.relationshipsCreated)} relationships)`,
    `  skipped: ${number.format(counts.skipped)}`,
  ];
  lines.push(...report.skipReasons().map(formatReason));
  const warnings = report.warningReasons();
  if (warnings.length > 0) {
    lines.push('  imported with a repair:', ...warnings.map(formatReason));
  }
  if (counts.ignored > 0) {
    lines.push(`  ignored on purpose: ${number.format(counts.ignored)}`);
    for (const { reason, count } of report.ignoredReasons()) {
      lines.push(`    ${reason} (${number.format(count)})`);
    }
  }
  return lines.join('\n');
}

function formatReason(entry: SkipReason): string {
  const more = entry.count - entry.lines.length;
  const tail = more > 0 ? ` and ${number.format(more)} more` : '';
  return (
    `    ${entry.reason} (${number.format(entry.count)}): ` +
    `${entry.lines.join(', ')}${tail}`
  );
}
