/**
 * Randomized truncated SVD: it recovers a known spectrum and reconstructs
 * low-rank matrices, with orthonormal factors, repeatably for one seed.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, randomNormal, type Random } from '../../src/math/random.js';
import { fromTriplets, type CsrMatrix, type DenseMatrix } from '../../src/math/sparse.js';
import { orthonormalize, randomizedSvd } from '../../src/math/svd.js';

function randomOrthonormal(rows: number, cols: number, random: Random): DenseMatrix {
  const m = { rows, cols, data: new Float64Array(rows * cols) };
  for (let i = 0; i < m.data.length; i++) m.data[i] = randomNormal(random);
  return orthonormalize(m);
}

/** A = U·diag(σ)·Vᵀ with random orthonormal U and V, as a CSR matrix. */
function matrixWithSpectrum(rows: number, cols: number, sigma: number[]): CsrMatrix {
  const random = createRandom(7);
  const u = randomOrthonormal(rows, sigma.length, random);
  const v = randomOrthonormal(cols, sigma.length, random);
  const entries = { rows: [] as number[], cols: [] as number[], values: [] as number[] };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let value = 0;
      sigma.forEach((s, t) => {
        value += u.data[i * sigma.length + t]! * s * v.data[j * sigma.length + t]!;
      });
      entries.rows.push(i);
      entries.cols.push(j);
      entries.values.push(value);
    }
  }
  return fromTriplets(rows, cols, entries);
}

function entry(m: DenseMatrix, i: number, j: number): number {
  return m.data[i * m.cols + j]!;
}

function maxReconstructionError(a: CsrMatrix, rank: number): number {
  const { u, singularValues, v } = randomizedSvd(a, rank);
  let worst = 0;
  for (let i = 0; i < a.rows; i++) {
    const row = new Float64Array(a.cols);
    for (let p = a.rowStart[i]!; p < a.rowStart[i + 1]!; p++) row[a.columns[p]!] = a.values[p]!;
    for (let j = 0; j < a.cols; j++) {
      let value = 0;
      for (let t = 0; t < u.cols; t++) {
        value += entry(u, i, t) * singularValues[t]! * entry(v, j, t);
      }
      worst = Math.max(worst, Math.abs(value - row[j]!));
    }
  }
  return worst;
}

describe('randomizedSvd', () => {
  const spectrum = [20, 10, 5, 2, 1];
  const a = matrixWithSpectrum(60, 40, spectrum);

  it('finds the singular values of a matrix with a known spectrum', () => {
    const { singularValues } = randomizedSvd(a, 5);
    spectrum.forEach((s, i) => expect(singularValues[i]).toBeCloseTo(s, 8));
  });

  it('returns the largest singular values first when asked for fewer', () => {
    const { singularValues, u, v } = randomizedSvd(a, 3);
    expect(Array.from(singularValues).map((s) => +s.toFixed(6))).toEqual([20, 10, 5]);
    expect([u.rows, u.cols, v.rows, v.cols]).toEqual([60, 3, 40, 3]);
  });

  it('reconstructs a rank-5 matrix exactly from 5 triplets', () => {
    expect(maxReconstructionError(a, 5)).toBeLessThan(1e-9);
  });

  it('returns orthonormal singular vectors', () => {
    const { u, v } = randomizedSvd(a, 5);
    for (const m of [u, v]) {
      for (let x = 0; x < 5; x++) {
        for (let y = 0; y < 5; y++) {
          let dot = 0;
          for (let i = 0; i < m.rows; i++) dot += entry(m, i, x) * entry(m, i, y);
          expect(dot).toBeCloseTo(x === y ? 1 : 0, 9);
        }
      }
    }
  });

  it('gives zero singular values and columns beyond the rank of A', () => {
    const { singularValues, u } = randomizedSvd(a, 8);
    expect(Array.from(singularValues.slice(5))).toEqual([0, 0, 0]);
    expect(entry(u, 0, 7)).toBe(0);
  });

  it('handles a sparse diagonal matrix smaller than the rank asked', () => {
    const d = fromTriplets(3, 4, { rows: [0, 1, 2], cols: [3, 1, 0], values: [2, 7, 3] });
    const { singularValues } = randomizedSvd(d, 10);
    expect(Array.from(singularValues)).toHaveLength(3);
    expect(Array.from(singularValues).map((s) => +s.toFixed(9))).toEqual([7, 3, 2]);
  });

  it('repeats exactly for the same seed', () => {
    const first = randomizedSvd(a, 4, { random: createRandom(3) });
    const second = randomizedSvd(a, 4, { random: createRandom(3) });
    expect(Array.from(first.u.data)).toEqual(Array.from(second.u.data));
  });

  it('rejects a rank that is not a positive integer', () => {
    expect(() => randomizedSvd(a, 0)).toThrow(/positive integer rank/);
  });
});
