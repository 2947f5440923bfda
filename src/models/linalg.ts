/**
 * Small dense linear algebra on row-major Float64Arrays, written so inner
 * loops walk contiguous memory: dot products, the Cholesky factorisation
 * A = L·Lᵀ of a symmetric positive definite matrix, solves with it, and
 * the inverse A⁻¹ = L⁻ᵀ·L⁻¹ (about n³/2 multiply-adds).
 */
import { ModelError } from './modelError.js';

/** Σ a[aStart + k]·b[bStart + k] for k < length. */
export function dot(
  a: ArrayLike<number>,
  aStart: number,
  b: ArrayLike<number>,
  bStart: number,
  length: number,
): number {
  let sum = 0;
  for (let k = 0; k < length; k++) sum += a[aStart + k]! * b[bStart + k]!;
  return sum;
}

/**
 * Overwrites the lower triangle of the n × n matrix `a` with its Cholesky
 * factor L (the upper triangle is left as it was). Throws DIVERGED when
 * `a` is not positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      const sum = a[rowI + j]! - dot(a, rowI, a, rowJ, j);
      if (i === j) {
        if (!(sum > 0)) {
          throw new ModelError(
            'DIVERGED',
            `the matrix must be positive definite, but pivot ${i} is ${sum}`,
          );
        }
        a[rowI + i] = Math.sqrt(sum);
      } else {
        a[rowI + j] = sum / a[rowJ + j]!;
      }
    }
  }
}

/** Solves L·Lᵀ·x = b in place in `b`, with L from choleskyInPlace. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array) {
  for (let i = 0; i < n; i++) {
    b[i] = (b[i]! - dot(l, i * n, b, 0, i)) / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
}

/**
 * The inverse of the symmetric positive definite n × n matrix `a`, as a
 * new full (symmetric) matrix. `a` is overwritten.
 */
export function inverseSpd(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);

  // W = L⁻¹, row by row: W[i] = (e_i − Σ_{k<i} L[i][k]·W[k]) / L[i][i].
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    w[rowI + i] = 1;
    for (let k = 0; k < i; k++) {
      const factor = a[rowI + k]!;
      if (factor === 0) continue;
      const rowK = k * n;
      for (let j = 0; j <= k; j++) w[rowI + j]! -= factor * w[rowK + j]!;
    }
    const pivot = a[rowI + i]!;
    for (let j = 0; j <= i; j++) w[rowI + j]! /= pivot;
  }

  // A⁻¹ = Wᵀ·W = Σ_k outer(W[k], W[k]); fill the lower triangle, mirror.
  const inverse = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i <= k; i++) {
      const factor = w[rowK + i]!;
      if (factor === 0) continue;
      const rowI = i * n;
      for (let j = 0; j <= i; j++) inverse[rowI + j]! += factor * w[rowK + j]!;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) inverse[j * n + i] = inverse[i * n + j]!;
  }
  return inverse;
}
