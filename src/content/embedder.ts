/**
 * What every content embedder offers, and the checks every vector passes
 * before it is stored on a Post.
 *
 * An embedder turns texts into dense vectors of a fixed size. Grapevine
 * stores them unit-normalised, so cosine similarity is a dot product and a
 * zero vector (a text with no known terms) is never written: such a post
 * has no embedding and is found through other signals.
 */

/** Turns texts into vectors of `dimensions` numbers, one per text. */
export interface Embedder {
  readonly dimensions: number;
  /**
   * One vector per text, in order. A text with nothing to go on (empty,
   * unknown terms) gives a zero vector; callers store none for it.
   */
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Stable codes of content errors; the first two are user mistakes. */
export const ContentErrorCode = {
  EMBEDDING_DIMENSION_MISMATCH: 'EMBEDDING_DIMENSION_MISMATCH',
  INVALID_EMBEDDING: 'INVALID_EMBEDDING',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  MODEL_NOT_TRAINED: 'MODEL_NOT_TRAINED',
  EMBEDDING_PROVIDER_FAILED: 'EMBEDDING_PROVIDER_FAILED',
} as const;
export type ContentErrorCode = (typeof ContentErrorCode)[keyof typeof ContentErrorCode];

/** An error of the content layer with a stable `code`. */
export class ContentError extends Error {
  override name = 'ContentError';

  constructor(
    readonly code: ContentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a vector that came from outside (an import, a mutation, an HTTP
 * provider) and returns it unit-normalised, or null for a zero vector.
 * Throws ContentError EMBEDDING_DIMENSION_MISMATCH when its length is not
 * `dimensions`, and INVALID_EMBEDDING when an entry is not a finite number.
 */
export function checkEmbedding(
  vector: ArrayLike<number>,
  dimensions: number,
): Float32Array | null {
  if (vector.length !== dimensions) {
    throw new ContentError(
      ContentErrorCode.EMBEDDING_DIMENSION_MISMATCH,
      `embedding must have ${dimensions} numbers (EMBEDDING_DIMENSIONS), ` +
        `but got ${vector.length}`,
    );
  }
  for (let i = 0; i < vector.length; i++) {
    if (typeof vector[i] !== 'number' || !Number.isFinite(vector[i])) {
      throw new ContentError(
        ContentErrorCode.INVALID_EMBEDDING,
        `embedding must hold finite numbers, but entry ${i} is ${String(vector[i])}`,
      );
    }
  }
  return unitNormalize(vector);
}

/**
 * Returns v / ‖v‖ as float32, or null when ‖v‖ is 0 (or underflows), so
 * no caller ever divides by zero or stores NaN.
 */
export function unitNormalize(vector: ArrayLike<number>): Float32Array | null {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i]! * vector[i]!;
  const norm = Math.sqrt(squares);
  if (!(norm > 1e-12) || !Number.isFinite(norm)) return null;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}
