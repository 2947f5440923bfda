/**
 * Writes evaluation results: a markdown table, JSON, and an SVG bar chart
 * of NDCG@20 and Recall@20 per method.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AccuracyAtK, ListMetrics } from './metrics.js';

/** One method's results on one dataset. */
export interface MethodResult {
  method: string;
  /** 'source', 'blend', 'baseline' or 'model'. */
  family: string;
  at10: AccuracyAtK;
  at20: AccuracyAtK;
  lists: ListMetrics;
  users: number;
  /** Wall-clock seconds spent producing this method's lists. */
  seconds: number;
}

export interface EvaluationReport {
  dataset: string;
  split: string;
  createdAt: string;
  trainInteractions: number;
  testInteractions: number;
  catalogueSize: number;
  results: MethodResult[];
  notes: string[];
}

const f3 = (value: number) => value.toFixed(3);

/** The results as a markdown table, best NDCG@20 first. */
export function renderMarkdown(report: EvaluationReport): string {
  const rows = [...report.results].sort((a, b) => b.at20.ndcg - a.at20.ndcg);
  const lines = [
    `### ${report.dataset}`,
    '',
    `${report.split}; ${report.trainInteractions} training and ` +
      `${report.testInteractions} test interactions; ${report.catalogueSize} items; ` +
      `${rows[0]?.users ?? 0} test users. Full ranking over the catalogue.`,
    '',
    '| method | kind | NDCG@10 | NDCG@20 | Recall@10 | Recall@20 | MAP@20 | HR@20 | ' +
      'coverage | novelty | diversity | top-1% share | s |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) =>
      `| ${r.method} | ${r.family} | ${f3(r.at10.ndcg)} | ${f3(r.at20.ndcg)} | ` +
      `${f3(r.at10.recall)} | ${f3(r.at20.recall)} | ${f3(r.at20.map)} | ` +
      `${f3(r.at20.hitRate)} | ${f3(r.lists.coverage)} | ${r.lists.novelty.toFixed(2)} | ` +
      `${f3(r.lists.diversity)} | ${f3(r.lists.popularShare)} | ${r.seconds.toFixed(1)} |`,
    ),
  ];
  if (report.notes.length > 0) lines.push('', ...report.notes.map((note) => `- ${note}`));
  return lines.join('\n') + '\n';
}

/** A horizontal bar chart of NDCG@20 and Recall@20, as standalone SVG. */
export function renderSvg(report: EvaluationReport): string {
  const rows = [...report.results].sort((a, b) => b.at20.ndcg - a.at20.ndcg);
  const max = Math.max(0.01, ...rows.flatMap((r) => [r.at20.ndcg, r.at20.recall]));
  const rowHeight = 34;
  const left = 170;
  const width = 640;
  const height = 50 + rows.length * rowHeight;
  const bar = (value: number) => ((width - left - 70) * value) / max;
  const parts = rows.map((r, i) => {
    const y = 40 + i * rowHeight;
    return [
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${escapeXml(r.method)}</text>`,
      `<rect x="${left}" y="${y}" width="${bar(r.at20.ndcg)}" height="13" fill="#5b3fa8"/>`,
      `<text x="${left + bar(r.at20.ndcg) + 4}" y="${y + 11}">${f3(r.at20.ndcg)}</text>`,
      `<rect x="${left}" y="${y + 15}" width="${bar(r.at20.recall)}" height="13" fill="#9ac36a"/>`,
      `<text x="${left + bar(r.at20.recall) + 4}" y="${y + 26}">${f3(r.at20.recall)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      'font-family="sans-serif" font-size="12">',
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14">${escapeXml(report.dataset)}: ` +
      `NDCG@20 <tspan fill="#5b3fa8">■</tspan>, Recall@20 ` +
      `<tspan fill="#9ac36a">■</tspan></text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** Writes `<dir>/<dataset>.md`, `.json` and `.svg`; returns their paths. */
export function writeReport(report: EvaluationReport, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, report.dataset);
  const files = [`${base}.md`, `${base}.json`, `${base}.svg`];
  fs.writeFileSync(files[0]!, renderMarkdown(report));
  fs.writeFileSync(files[1]!, JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(files[2]!, renderSvg(report));
  return files;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
