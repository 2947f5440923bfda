/**
 * Writes bench/results.md from one run's measurements.
 */
import fs from 'node:fs';
import type { ClassicCFResult } from './classicCF.js';
import type { DriveResult } from './drive.js';
import { mib } from './measure.js';
import type { GeneratedLoad, ImportTiming } from './stack.js';

/** A like's trip from the API to the walk graph, in milliseconds. */
export interface PropagationResult {
  samples: number[];
  p50: number;
  max: number;
  loadBefore: number;
}

/** The generated graph's load and the API's start on it. */
export interface GeneratedReport extends GeneratedLoad {
  /** --max-old-space-size given to the API. */
  apiHeapMb: number;
  /** From spawning the API to /readyz 200: mostly loading the walk graph. */
  apiReadySeconds: number;
  apiRssBytes: number;
  apiHeapUsedBytes: number;
  projectionEngagementEdges: number;
  projectionFollowEdges: number;
}

export interface RunReport {
  startedAt: string;
  commit: string;
  command: string;
  durationS: number;
  imports: ImportTiming[];
  notes: string[];
  runs: DriveResult[];
  classicCF: ClassicCFResult[];
  propagation?: PropagationResult;
  generated?: GeneratedReport;
  targets: Array<{ target: string; measured: string; met: boolean | undefined }>;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : 'n/a');
const rate = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'n/a');
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const verdict = (met: boolean | undefined) =>
  (met === undefined ? 'not measured' : met ? 'yes' : 'no');

/** Heading of the soak section, which `npm run bench:soak` writes and keeps. */
export const SOAK_HEADING = '## Memory soak';

/**
 * Writes `text` to `file`, keeping the soak section already there (the
 * soak is a separate, longer command).
 */
export function writeKeepingSoak(file: string, text: string): void {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const at = old.indexOf(SOAK_HEADING);
  fs.writeFileSync(file, at >= 0 ? `${text.trimEnd()}\n\n${old.slice(at)}` : text);
}

/** Replaces (or appends) the soak section of `file`. */
export function writeSoakSection(file: string, section: string): void {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const at = old.indexOf(SOAK_HEADING);
  const head = at >= 0 ? old.slice(0, at) : `${old.trimEnd()}\n\n`;
  fs.writeFileSync(file, `${head}${section.trimEnd()}\n`);
}

function runRow(run: DriveResult): string {
  return `| ${run.name} | ${run.connections} | ${run.rate ?? '-'} | ${run.requests} | ` +
    `${rate(run.perSecond)} | ${ms(run.p50)} | ${ms(run.p95)} | ${ms(run.p99)} | ` +
    `${percent(run.errorRate)} | ${mib(run.peakRss.api)} | ${mib(run.peakRss.neo4j)} | ` +
    `${run.loadBefore.toFixed(1)} / ${run.loadAfter.toFixed(1)} |`;
}

function importSection(imports: ImportTiming[]): string[] {
  if (imports.length === 0) return ['No import in this run (`--skip-import`).', ''];
  return [
    '| command | rows read | seconds | rows/s |',
    '| --- | --- | --- | --- |',
    ...imports.map((i) =>
      `| \`${i.command}\` | ${i.rowsRead} | ${i.seconds} | ${rate(i.rowsPerSecond)} |`),
    '',
  ];
}

/** The whole markdown file. */
export function renderReport(report: RunReport): string {
  const errors = report.runs.filter((run) => run.firstError)
    .map((run) => `- ${run.name} × ${run.connections}: \`${run.firstError}\``);
  return [
    '# Benchmark results',
    '',
    `Written by \`${report.command}\` (\`bench/run.ts\`) at ${report.startedAt}, ` +
      `commit ${report.commit}; ${report.durationS} s per load step.`,
    '',
    'The machine has 2 cores shared with other engineers\' builds and tests while this ' +
      'ran: figures are noisy and low. The 1-minute load average is printed next to ' +
      'every figure (before / after a step).',
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...report.targets.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t.met)} |`),
    '',
    '## Import',
    '',
    ...(report.generated ? generatedSection(report.generated) : importSection(report.imports)),
    '## Load through the API',
    '',
    'autocannon in the runner process, the API in its own process, both on 127.0.0.1. ' +
      'Latencies in ms over every request; errors are non-2xx answers, GraphQL ' +
      'errors and timeouts. Memory is the peak RSS (MiB) sampled every 500 ms.',
    '',
    '| scenario | connections | rate cap/s | requests | req/s | p50 | p95 | p99 | errors | ' +
      'API RSS | Neo4j RSS | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.runs.map(runRow),
    '',
    ...(errors.length ? ['First error of each step that had one:', '', ...errors, ''] : []),
    '## Classic Cypher collaborative filtering',
    '',
    '`bench/classicCollaborativeFiltering.cypher` ("people who liked what you liked also ' +
      'liked", 20 posts) through the driver from the runner, on the same Neo4j and viewers.',
    '',
    '| concurrency | queries | per s | p50 | p95 | p99 | load |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.classicCF.map((c) => `| ${c.concurrency} | ${c.queries} | ` +
      `${rate(c.perSecond)} | ${ms(c.p50)} | ${ms(c.p95)} | ${ms(c.p99)} | ` +
      `${c.loadBefore.toFixed(1)} |`),
    '',
    ...propagationSection(report.propagation),
  ].join('\n');
}

const count = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en') : 'n/a');

function generatedSection(g: GeneratedReport): string[] {
  const rows = g.csv.rows;
  const perEdge = g.apiHeapUsedBytes /
    (g.projectionEngagementEdges + g.projectionFollowEdges);
  return [
    `The generated graph (seed/generateSeed.ts, seed 42): ${count(g.users)} users, ` +
      `${count(rows.posts)} posts, ${count(rows.tags)} tags, ${count(rows.follows)} follows, ` +
      `${count(g.csv.engagements)} engagements (${count(rows.like)} LIKED, ` +
      `${count(rows.repost)} REPOSTED, ${count(rows.reply)} REPLIED, ${count(rows.view)} ` +
      `VIEWED), written as CSV and loaded with \`neo4j-admin database import full\`.`,
    '',
    '| step | seconds | rows | rows/s |',
    '| --- | --- | --- | --- |',
    `| CSV written by the generator | ${g.csv.seconds.toFixed(1)} | ` +
      `${count(g.csv.nodes + g.csv.relationships)} | ` +
      `${rate((g.csv.nodes + g.csv.relationships) / g.csv.seconds)} |`,
    `| offline import (JVM start to end) | ${g.importer.seconds.toFixed(1)} | ` +
      `${count(g.csv.nodes + g.csv.relationships)} | ${rate(g.rowsPerSecond)} |`,
    `| the same, as the importer reports it | ${g.importer.importerSeconds.toFixed(1)} | ` +
      `${count(g.csv.nodes + g.csv.relationships)} | ` +
      `${rate((g.csv.nodes + g.csv.relationships) / g.importer.importerSeconds)} |`,
    `| Neo4j start, migrations, index population | ${g.schemaSeconds.toFixed(1)} | | |`,
    `| API start to ready (walk graph load, warm-up) | ${g.apiReadySeconds.toFixed(1)} | ` +
      `${count(g.projectionEngagementEdges + g.projectionFollowEdges)} edges | |`,
    '',
    `The API ran with \`--max-old-space-size=${g.apiHeapMb}\`; once ready its RSS was ` +
      `${mib(g.apiRssBytes)} MiB and its V8 heap held ${mib(g.apiHeapUsedBytes)} MiB for ` +
      `${count(g.projectionEngagementEdges)} engagement and ${count(g.projectionFollowEdges)} ` +
      `follow edges (${Number.isFinite(perEdge) ? perEdge.toFixed(0) : 'n/a'} bytes per edge, ` +
      'everything in the heap counted).',
    '',
  ];
}

function propagationSection(result: PropagationResult | undefined): string[] {
  if (!result) return ['## Like to walk graph', '', 'Not measured in this run.', ''];
  return [
    '## Like to walk graph',
    '',
    `${result.samples.length} likes of posts the user had not liked, each through the ` +
      'API, then /metrics polled every 20 ms until the projection\'s engagement edge ' +
      `count grew: p50 ${ms(result.p50)} ms, worst ${ms(result.max)} ms ` +
      `(load ${result.loadBefore.toFixed(1)}).`,
    '',
  ];
}
