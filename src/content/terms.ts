/**
 * Splits text into the terms the TF-IDF embedder counts: stemmed words,
 * character n-grams inside words, and emoji.
 *
 * Words are runs of letters and digits after Unicode NFKC folding and
 * lower-casing, with HTML tags and entities removed (imported Q&A text is
 * HTML), English stop words dropped and the rest reduced by the Porter
 * stemmer (M. F. Porter, "An algorithm for suffix stripping", Program
 * 14(3), 1980). Character n-grams are taken from each word padded with a
 * space on both sides, as in "char_wb" analysers: they match inflections,
 * typos and compounds that whole words miss (Cavnar and Trenkle, "N-Gram-
 * Based Text Categorization", 1994). Each emoji is a term of its own.
 */
import { stemmer } from 'stemmer';

export const TERM_DEFAULTS = {
  /** Shortest character n-gram (characters). */
  minGram: 3,
  /** Longest character n-gram (characters). */
  maxGram: 4,
  /** Characters of a text read at most; the rest is ignored. */
  maxCharacters: 20_000,
};

export type TermOptions = typeof TERM_DEFAULTS;

/** Term counts of one text, split into the two feature families. */
export interface TermCounts {
  /** `w:<stem>` and `e:<emoji>` → occurrences. */
  words: Map<string, number>;
  /** `c:<n-gram>` → occurrences. */
  grams: Map<string, number>;
}

const STOP_WORDS = new Set(
  ('a about above after again against all am an and any are as at be because been ' +
    'before being below between both but by can could did do does doing down during ' +
    'each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor ' +
    'not now of off on once only or other our ours ourselves out over own same she ' +
    'should so some such than that the their theirs them themselves then there these ' +
    'they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves')
    .split(' '),
);

const HTML_TAG = /<[^>]*>/g;
const HTML_ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z]+);/gi;
const WORD = /[\p{L}\p{N}]+/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;

/** Counts the terms of `text`; an empty or symbol-only text gives none. */
export function countTerms(text: string, options: TermOptions = TERM_DEFAULTS): TermCounts {
  const plain = text
    .slice(0, options.maxCharacters)
    .replace(HTML_TAG, ' ')
    .replace(HTML_ENTITY, ' ')
    .normalize('NFKC')
    .toLowerCase();
  const words = new Map<string, number>();
  const grams = new Map<string, number>();

  for (const [word] of plain.matchAll(WORD)) {
    addGrams(grams, word, options);
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    increment(words, `w:${stemmer(word)}`);
  }
  for (const [emoji] of plain.matchAll(EMOJI)) increment(words, `e:${emoji}`);
  return { words, grams };
}

function addGrams(grams: Map<string, number>, word: string, options: TermOptions): void {
  const padded = Array.from(` ${word} `);
  for (let n = options.minGram; n <= options.maxGram; n++) {
    for (let start = 0; start + n <= padded.length; start++) {
      increment(grams, `c:${padded.slice(start, start + n).join('')}`);
    }
  }
}

function increment(counts: Map<string, number>, term: string): void {
  counts.set(term, (counts.get(term) ?? 0) + 1);
}
