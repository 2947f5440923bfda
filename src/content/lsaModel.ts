/**
 * The built-in content embedder: TF-IDF over words and character n-grams,
 * reduced to dense vectors by latent semantic analysis (LSA).
 *
 * Deerwester et al., "Indexing by latent semantic analysis", JASIS 41(6),
 * 1990. For a document d with term counts tf(t, d) over N fitted documents:
 *
 *   x_t  = (1 + ln tf(t, d)) · idf(t),  idf(t) = ln((1 + N) / (1 + df(t))) + 1
 *   x    = √s · x_words / ‖x_words‖  ⊕  √(1 − s) · x_grams / ‖x_grams‖
 *   e(d) = x · V / ‖x · V‖
 *
 * where s is `wordShare` and V (terms × k) holds the top right singular
 * vectors of the document–term matrix X (rows x), from the randomized SVD
 * in src/math/svd.ts. Training documents and new ones go through the same
 * e(d) (the fold-in of Berry, Dumais and O'Brien, SIAM Review 37(4), 1995,
 * without the Σ⁻¹ that cosine similarity makes irrelevant), so a new post
 * is embedded consistently without refitting. When the corpus has fewer
 * than k independent documents the extra columns of V are zero.
 */
import { createRandom } from '../math/random.js';
import { fromTriplets } from '../math/sparse.js';
import { randomizedSvd, SVD_DEFAULTS } from '../math/svd.js';
import type { Embedder } from './embedder.js';
import { unitNormalize } from './embedder.js';
import { countTerms, TERM_DEFAULTS, type TermCounts, type TermOptions } from './terms.js';

export const LSA_DEFAULTS = {
  /** Terms seen in fewer documents are dropped (documents). */
  minDocumentFrequency: 2,
  /** Most word and emoji terms kept, the most frequent by df (terms). */
  maxWords: 30_000,
  /** Most character n-grams kept, the most frequent by df (terms). */
  maxGrams: 30_000,
  /** Share of a document's squared norm given to words, the rest to n-grams. */
  wordShare: 0.5,
  /** Extra random directions of the SVD (count). */
  oversamples: SVD_DEFAULTS.oversamples,
  /** Power iterations of the SVD (count). */
  powerIterations: SVD_DEFAULTS.powerIterations,
  /** Seed of the SVD's random test matrix. */
  seed: 1,
};

export type LsaOptions = typeof LSA_DEFAULTS & TermOptions;

/** A fitted TF-IDF + LSA model; everything fold-in needs. */
export interface LsaModel {
  /** Length of every embedding. */
  dimensions: number;
  /** Columns of V that are not zero (≤ dimensions). */
  rank: number;
  /** Terms (`w:`, `e:` or `c:` prefixed); the index is the feature. */
  vocabulary: string[];
  /** idf of each term. */
  idf: Float32Array;
  /** V, vocabulary.length × dimensions, row-major. */
  projection: Float32Array;
  /** Documents fitted, and when (epoch ms). */
  documents: number;
  fittedAt: number;
  options: Pick<LsaOptions, 'wordShare' | 'minGram' | 'maxGram' | 'maxCharacters'>;
}

/**
 * Fits TF-IDF and LSA on `texts` (two passes: document frequencies, then
 * the weighted matrix). Returns a model whose embeddings have `dimensions`
 * numbers. Texts with no kept terms are allowed and contribute nothing.
 */
export function fitLsaModel(
  texts: readonly string[],
  dimensions: number,
  overrides: Partial<LsaOptions> = {},
): LsaModel {
  const options = { ...LSA_DEFAULTS, ...TERM_DEFAULTS, ...overrides };
  const { vocabulary, idf } = chooseVocabulary(texts, options);
  const index = new Map(vocabulary.map((term, i) => [term, i]));
  const featureOptions = pickFeatureOptions(options);

  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  texts.forEach((text, row) => {
    const x = weighTerms(countTerms(text, featureOptions), index, idf, featureOptions);
    x.forEach((value, col) => {
      rows.push(row);
      cols.push(col);
      values.push(value);
    });
  });
  const matrix = fromTriplets(texts.length, Math.max(1, vocabulary.length), {
    rows, cols, values,
  });
  const svd = randomizedSvd(matrix, dimensions, {
    oversamples: options.oversamples,
    powerIterations: options.powerIterations,
    random: createRandom(options.seed),
  });

  const projection = new Float32Array(vocabulary.length * dimensions);
  let rank = 0;
  for (let c = 0; c < svd.v.cols; c++) {
    if (svd.singularValues[c]! > 0) rank += 1;
    for (let t = 0; t < vocabulary.length; t++) {
      projection[t * dimensions + c] = svd.v.data[t * svd.v.cols + c]!;
    }
  }
  return {
    dimensions, rank, vocabulary, idf, projection,
    documents: texts.length, fittedAt: Date.now(), options: featureOptions,
  };
}

function pickFeatureOptions(options: LsaOptions): LsaModel['options'] {
  const { wordShare, minGram, maxGram, maxCharacters } = options;
  return { wordShare, minGram, maxGram, maxCharacters };
}

/** Keeps frequent-enough terms, capped per family, and computes their idf. */
function chooseVocabulary(
  texts: readonly string[],
  options: LsaOptions,
): { vocabulary: string[]; idf: Float32Array } {
  const df = new Map<string, number>();
  for (const text of texts) {
    const { words, grams } = countTerms(text, options);
    for (const term of words.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    for (const term of grams.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const frequent = [...df].filter(([, count]) => count >= options.minDocumentFrequency);
  const byDf = (a: [string, number], b: [string, number]) =>
    b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  const words = frequent.filter(([t]) => !t.startsWith('c:')).sort(byDf)
    .slice(0, options.maxWords);
  const grams = frequent.filter(([t]) => t.startsWith('c:')).sort(byDf)
    .slice(0, options.maxGrams);
  const kept = [...words, ...grams];
  const n = texts.length;
  return {
    vocabulary: kept.map(([term]) => term),
    idf: Float32Array.from(kept, ([, count]) => Math.log((1 + n) / (1 + count)) + 1),
  };
}

/**
 * The weighted TF-IDF vector x of one document as feature → value (see the
 * file header); empty when no term is in the vocabulary.
 */
function weighTerms(
  counts: TermCounts,
  index: ReadonlyMap<string, number>,
  idf: Float32Array,
  options: LsaModel['options'],
): Map<number, number> {
  const x = new Map<number, number>();
  const families: Array<[Map<string, number>, number]> = [
    [counts.words, Math.sqrt(options.wordShare)],
    [counts.grams, Math.sqrt(1 - options.wordShare)],
  ];
  for (const [family, share] of families) {
    const part = new Map<number, number>();
    let squares = 0;
    for (const [term, tf] of family) {
      const feature = index.get(term);
      if (feature === undefined) continue;
      const value = (1 + Math.log(tf)) * idf[feature]!;
      part.set(feature, value);
      squares += value * value;
    }
    if (squares === 0) continue;
    const scale = share / Math.sqrt(squares);
    for (const [feature, value] of part) x.set(feature, value * scale);
  }
  return x;
}

/** Embeds texts with a fitted model (fold-in; no refitting). */
export class LsaEmbedder implements Embedder {
  readonly dimensions: number;
  private readonly index: Map<string, number>;

  constructor(readonly model: LsaModel) {
    this.dimensions = model.dimensions;
    this.index = new Map(model.vocabulary.map((term, i) => [term, i]));
  }

  /** Unit vectors; a zero vector for a text with no known term. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  private embedOne(text: string): Float32Array {
    const { model, dimensions } = this;
    const counts = countTerms(text, model.options);
    const x = weighTerms(counts, this.index, model.idf, model.options);
    const e = new Float64Array(dimensions);
    for (const [feature, value] of x) {
      const row = feature * dimensions;
      for (let c = 0; c < dimensions; c++) e[c]! += value * model.projection[row + c]!;
    }
    return unitNormalize(e) ?? new Float32Array(dimensions);
  }
}
