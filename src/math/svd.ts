/**
 * Randomized truncated SVD of a sparse matrix: A ≈ U · diag(σ) · Vᵀ with
 * the `rank` largest singular values.
 *
 * Halko, Martinsson and Tropp, "Finding structure with randomness:
 * probabilistic algorithms for constructing approximate matrix
 * decompositions", SIAM Review 53(2), 2011 — algorithms 4.4 and 5.1:
 *
 *   1. Ω: n × l Gaussian, l = rank + oversamples; Q = orth(A·Ω).
 *   2. q power iterations, re-orthonormalising each half step:
 *      Q = orth(A · orth(Aᵀ·Q)). They sharpen a slowly decaying spectrum.
 *   3. B = Qᵀ·A (l × n, small). Its SVD B = Ŵ·Σ·Vᵀ comes from the
 *      eigendecomposition of B·Bᵀ = Ŵ·Σ²·Ŵᵀ (cyclic Jacobi), then
 *      V = Bᵀ·Ŵ·Σ⁻¹ and U = Q·Ŵ.
 *
 * Everything is float64. Randomness comes from an injected seeded
 * generator, so one seed gives one answer.
 */
import { createRandom, randomNormal, type Random } from './random.js';
import {
  denseMatrix,
  multiplyDense,
  transposeMultiplyDense,
  type CsrMatrix,
  type DenseMatrix,
} from './sparse.js';

export const SVD_DEFAULTS = {
  /** Extra random directions beyond `rank` (count); 5–10 is usual. */
  oversamples: 10,
  /** Power iterations (count); 2 suits text and engagement spectra. */
  powerIterations: 2,
  /** Seed of the Gaussian test matrix when no generator is given. */
  seed: 1,
};

export interface SvdOptions {
  oversamples?: number;
  powerIterations?: number;
  /** Seeded generator; default createRandom(SVD_DEFAULTS.seed). */
  random?: Random;
}

/** A truncated SVD: A ≈ u · diag(singularValues) · vᵀ. */
export interface TruncatedSvd {
  /** rows × r, orthonormal columns (left singular vectors). */
  u: DenseMatrix;
  /** r values, largest first, all >= 0. */
  singularValues: Float64Array;
  /** cols × r, orthonormal columns (right singular vectors). */
  v: DenseMatrix;
}

/**
 * Returns the top `rank` singular triplets of A (fewer when A is smaller:
 * r = min(rank, A.rows, A.cols)). Singular vectors whose value is zero to
 * working precision are returned as zero columns.
 */
export function randomizedSvd(
  a: CsrMatrix,
  rank: number,
  options: SvdOptions = {},
): TruncatedSvd {
  if (!Number.isInteger(rank) || rank < 1) {
    throw new RangeError(`randomizedSvd needs a positive integer rank, but got: ${rank}`);
  }
  const random = options.random ?? createRandom(SVD_DEFAULTS.seed);
  const oversamples = options.oversamples ?? SVD_DEFAULTS.oversamples;
  const iterations = options.powerIterations ?? SVD_DEFAULTS.powerIterations;
  const r = Math.min(rank, a.rows, a.cols);
  const l = Math.min(r + oversamples, a.rows, a.cols);

  const omega = gaussianMatrix(a.cols, l, random);
  let q = orthonormalize(multiplyDense(a, omega));
  for (let i = 0; i < iterations; i++) {
    const z = orthonormalize(transposeMultiplyDense(a, q));
    q = orthonormalize(multiplyDense(a, z));
  }

  const bt = transposeMultiplyDense(a, q); // Bᵀ = Aᵀ·Q, n × l
  const { values, vectors } = symmetricEigen(gram(bt));
  return assembleFactors(q, bt, values, vectors, r);
}

function assembleFactors(
  q: DenseMatrix,
  bt: DenseMatrix,
  eigenvalues: Float64Array,
  w: DenseMatrix,
  r: number,
): TruncatedSvd {
  const l = w.rows;
  const order = Array.from({ length: l }, (_, i) => i)
    .sort((x, y) => eigenvalues[y]! - eigenvalues[x]!)
    .slice(0, r);
  const singularValues = Float64Array.from(order, (i) => Math.sqrt(Math.max(0, eigenvalues[i]!)));
  const tolerance = (singularValues[0] ?? 0) * 1e-10;

  // U = Q·Ŵ and V = Bᵀ·Ŵ·Σ⁻¹ over the kept columns; zero where σ ≈ 0.
  const leftMix = denseMatrix(l, r);
  const rightMix = denseMatrix(l, r);
  order.forEach((source, column) => {
    const sigma = singularValues[column]!;
    if (sigma <= tolerance) {
      singularValues[column] = 0;
      return;
    }
    for (let t = 0; t < l; t++) {
      leftMix.data[t * r + column] = w.data[t * l + source]!;
      rightMix.data[t * r + column] = w.data[t * l + source]! / sigma;
    }
  });
  return { u: multiply(q, leftMix), singularValues, v: multiply(bt, rightMix) };
}

/** A·B for dense row-major matrices (inner loop over B's rows). */
function multiply(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  const out = denseMatrix(a.rows, b.cols);
  const k = b.cols;
  for (let i = 0; i < a.rows; i++) {
    for (let t = 0; t < a.cols; t++) {
      const x = a.data[i * a.cols + t]!;
      if (x === 0) continue;
      const row = t * k;
      const target = i * k;
      for (let c = 0; c < k; c++) out.data[target + c]! += x * b.data[row + c]!;
    }
  }
  return out;
}

function gaussianMatrix(rows: number, cols: number, random: Random): DenseMatrix {
  const m = denseMatrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = randomNormal(random);
  return m;
}

/**
 * Orthonormalises the columns of m (in place, returned) by modified
 * Gram–Schmidt applied twice ("twice is enough"). A column that is
 * dependent on earlier ones to working precision becomes zero.
 */
export function orthonormalize(m: DenseMatrix): DenseMatrix {
  const { rows, cols, data } = m;
  // Work on contiguous copies of the columns; row-major columns are strided.
  const columns = Array.from({ length: cols }, (_, j) => {
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j]!;
    return column;
  });
  const kept: Float64Array[] = [];
  for (const column of columns) {
    const original = Math.sqrt(dot(column, column));
    for (let pass = 0; pass < 2; pass++) {
      for (const previous of kept) {
        const projection = dot(column, previous);
        for (let i = 0; i < rows; i++) column[i]! -= projection * previous[i]!;
      }
    }
    const norm = Math.sqrt(dot(column, column));
    if (norm === 0 || norm <= 1e-12 * original) {
      column.fill(0);
    } else {
      for (let i = 0; i < rows; i++) column[i]! /= norm;
      kept.push(column);
    }
  }
  columns.forEach((column, j) => {
    for (let i = 0; i < rows; i++) data[i * cols + j] = column[i]!;
  });
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Mᵀ·M for a tall m (rows × cols), a cols × cols symmetric matrix. */
function gram(m: DenseMatrix): DenseMatrix {
  const { rows, cols, data } = m;
  const out = denseMatrix(cols, cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let a = 0; a < cols; a++) {
      const x = data[row + a]!;
      if (x === 0) continue;
      for (let b = a; b < cols; b++) out.data[a * cols + b]! += x * data[row + b]!;
    }
  }
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < a; b++) out.data[a * cols + b] = out.data[b * cols + a]!;
  }
  return out;
}

/**
 * Eigendecomposition of a small symmetric matrix by cyclic Jacobi
 * rotations (Golub and Van Loan, "Matrix Computations", 4th ed., 8.5).
 * Returns unsorted eigenvalues and the eigenvectors as columns.
 */
export function symmetricEigen(s: DenseMatrix): { values: Float64Array; vectors: DenseMatrix } {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  const vectors = denseMatrix(n, n);
  for (let i = 0; i < n; i++) vectors.data[i * n + i] = 1;

  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        total += a[p * n + q]! ** 2;
        if (p !== q) off += a[p * n + q]! ** 2;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, vectors.data, n, p, q);
    }
  }
  const values = Float64Array.from({ length: n }, (_, i) => a[i * n + i]!);
  return { values, vectors };
}

/** One Jacobi rotation zeroing a[p][q] (and a[q][p]); updates vectors. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q]!;
  if (apq === 0) return;
  const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k]!;
    const aqk = a[q * n + k]!;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
