/**
 * Sparse matrices in compressed sparse row (CSR) form, and the two products
 * that randomized SVD and matrix factorisation need: A·B and Aᵀ·B with B
 * dense.
 *
 * CSR stores row i's non-zeros at positions rowStart[i] .. rowStart[i+1]-1
 * of `columns` and `values` (Saad, "Iterative Methods for Sparse Linear
 * Systems", 2nd ed., section 3.4). Products cost O(nnz · k) for a dense
 * factor with k columns.
 *
 * Dense matrices are row-major Float64Array: entry (i, j) is
 * data[i * cols + j].
 */

/** A dense row-major matrix of float64. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major entries: (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

/** A sparse matrix in CSR form. Column indexes within a row are sorted. */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** rows + 1 offsets into `columns` and `values`. */
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float32Array | Float64Array;
}

/** Entries of a sparse matrix as parallel arrays (coordinate form). */
export interface Triplets {
  rows: ArrayLike<number>;
  cols: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** A zero-filled dense matrix. */
export function denseMatrix(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Builds a rows × cols CSR matrix from coordinate triplets. Duplicate
 * (row, col) pairs are summed; explicit zeros are kept. `precision`
 * chooses the value array (float32 halves memory for large inputs).
 * Throws a RangeError for an index outside the shape.
 */
export function fromTriplets(
  rows: number,
  cols: number,
  entries: Triplets,
  precision: 'float32' | 'float64' = 'float64',
): CsrMatrix {
  const count = entries.values.length;
  if (entries.rows.length !== count || entries.cols.length !== count) {
    throw new RangeError('fromTriplets needs rows, cols and values of one length');
  }
  const rowStart = new Int32Array(rows + 1);
  for (let n = 0; n < count; n++) {
    const i = entries.rows[n]!;
    const j = entries.cols[n]!;
    if (!(i >= 0 && i < rows && j >= 0 && j < cols)) {
      throw new RangeError(
        `fromTriplets: entry (${i}, ${j}) is outside a ${rows} × ${cols} matrix`,
      );
    }
    rowStart[i + 1]! += 1;
  }
  for (let i = 0; i < rows; i++) rowStart[i + 1]! += rowStart[i]!;

  // Scatter into row buckets, then sort each row by column and sum repeats.
  const order = new Int32Array(count);
  const next = rowStart.slice(0, rows);
  for (let n = 0; n < count; n++) order[next[entries.rows[n]!]!++] = n;
  return compactRows(rows, cols, rowStart, order, entries, precision);
}

function compactRows(
  rows: number,
  cols: number,
  bucketStart: Int32Array,
  order: Int32Array,
  entries: Triplets,
  precision: 'float32' | 'float64',
): CsrMatrix {
  const rowStart = new Int32Array(rows + 1);
  const columns = new Int32Array(order.length);
  const values = precision === 'float32'
    ? new Float32Array(order.length)
    : new Float64Array(order.length);
  let out = 0;
  for (let i = 0; i < rows; i++) {
    const bucket = Array.from(order.subarray(bucketStart[i]!, bucketStart[i + 1]!));
    bucket.sort((a, b) => entries.cols[a]! - entries.cols[b]!);
    for (const n of bucket) {
      const j = entries.cols[n]!;
      if (out > rowStart[i]! && columns[out - 1] === j) {
        values[out - 1]! += entries.values[n]!;
      } else {
        columns[out] = j;
        values[out] = entries.values[n]!;
        out += 1;
      }
    }
    rowStart[i + 1] = out;
  }
  return {
    rows,
    cols,
    rowStart,
    columns: columns.slice(0, out),
    values: values.slice(0, out),
  };
}

/** Returns A·B (A.rows × B.cols). Throws when the inner sizes differ. */
export function multiplyDense(a: CsrMatrix, b: DenseMatrix): DenseMatrix {
  if (a.cols !== b.rows) {
    throw new RangeError(`multiplyDense: A is ${a.rows} × ${a.cols}, B is ${b.rows} × ${b.cols}`);
  }
  const k = b.cols;
  const out = denseMatrix(a.rows, k);
  for (let i = 0; i < a.rows; i++) {
    const target = i * k;
    for (let p = a.rowStart[i]!; p < a.rowStart[i + 1]!; p++) {
      const value = a.values[p]!;
      const source = a.columns[p]! * k;
      for (let c = 0; c < k; c++) {
        out.data[target + c]! += value * b.data[source + c]!;
      }
    }
  }
  return out;
}

/**
 * Returns Aᵀ·B (A.cols × B.cols) without forming Aᵀ. Throws when A.rows
 * differs from B.rows.
 */
export function transposeMultiplyDense(a: CsrMatrix, b: DenseMatrix): DenseMatrix {
  if (a.rows !== b.rows) {
    throw new RangeError(
      `transposeMultiplyDense: A is ${a.rows} × ${a.cols}, B is ${b.rows} × ${b.cols}`,
    );
  }
  const k = b.cols;
  const out = denseMatrix(a.cols, k);
  for (let i = 0; i < a.rows; i++) {
    const source = i * k;
    for (let p = a.rowStart[i]!; p < a.rowStart[i + 1]!; p++) {
      const value = a.values[p]!;
      const target = a.columns[p]! * k;
      for (let c = 0; c < k; c++) {
        out.data[target + c]! += value * b.data[source + c]!;
      }
    }
  }
  return out;
}
