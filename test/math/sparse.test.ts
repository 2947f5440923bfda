/**
 * CSR matrices: building from triplets and the two dense products,
 * checked against hand-computed answers.
 */
import { describe, expect, it } from 'vitest';
import {
  fromTriplets,
  multiplyDense,
  transposeMultiplyDense,
  type DenseMatrix,
} from '../../src/math/sparse.js';

// A = [[1, 0, 2],
//      [0, 0, 0],
//      [0, 3, 4]]
const a = fromTriplets(3, 3, {
  rows: [2, 0, 2, 0, 0],
  cols: [2, 2, 1, 0, 2],
  values: [4, 1, 3, 1, 1],
});

function dense(rows: number, cols: number, values: number[]): DenseMatrix {
  return { rows, cols, data: Float64Array.from(values) };
}

describe('fromTriplets', () => {
  it('sorts columns within a row and sums duplicate entries', () => {
    expect(Array.from(a.rowStart)).toEqual([0, 2, 2, 4]);
    expect(Array.from(a.columns)).toEqual([0, 2, 1, 2]);
    expect(Array.from(a.values)).toEqual([1, 2, 3, 4]);
  });

  it('stores float32 values when asked', () => {
    const m = fromTriplets(1, 1, { rows: [0], cols: [0], values: [0.5] }, 'float32');
    expect(m.values).toBeInstanceOf(Float32Array);
  });

  it('rejects an entry outside the shape', () => {
    expect(() => fromTriplets(2, 2, { rows: [2], cols: [0], values: [1] }))
      .toThrow(/outside a 2 × 2 matrix/);
  });
});

describe('multiplyDense', () => {
  it('computes A·B', () => {
    const b = dense(3, 2, [1, 2, 3, 4, 5, 6]);
    const out = multiplyDense(a, b);
    expect([out.rows, out.cols]).toEqual([3, 2]);
    expect(Array.from(out.data)).toEqual([11, 14, 0, 0, 29, 36]);
  });

  it('rejects mismatched inner sizes', () => {
    expect(() => multiplyDense(a, dense(2, 1, [1, 1]))).toThrow(/A is 3 × 3/);
  });
});

describe('transposeMultiplyDense', () => {
  it('computes Aᵀ·B without forming Aᵀ', () => {
    const b = dense(3, 2, [1, 2, 3, 4, 5, 6]);
    const out = transposeMultiplyDense(a, b);
    // Aᵀ = [[1,0,0],[0,0,3],[2,0,4]]
    expect(Array.from(out.data)).toEqual([1, 2, 15, 18, 22, 28]);
  });
});
