import { AdaarInputError } from '@adaar/data';

/** Mean vector and full covariance matrix of a set of rows. */
export interface MeanCovariance {
  /** Column means, length `dim`. */
  readonly mean: Float64Array;
  /** Covariance, row-major `dim x dim`, unbiased (divisor `count - 1`, as numpy's `cov`). */
  readonly cov: Float64Array;
  /** Dimension of each row. */
  readonly dim: number;
  /** Number of rows the estimate used. */
  readonly count: number;
}

/**
 * Mean and full covariance (divisor N-1) of the rows of a row-major matrix, optionally of a
 * subset of its rows. Two passes (mean first, then centred cross-products) for accuracy.
 *
 * @param Z - row-major values, `nRows * dim` long.
 * @param dim - number of columns.
 * @param rows - indices of the rows to use; default all rows.
 * @throws AdaarInputError when fewer than 2 rows are used (the covariance is undefined) or
 *   when `Z.length` is not a multiple of `dim`.
 */
export function meanCovariance(
  Z: ArrayLike<number>,
  dim: number,
  rows?: ArrayLike<number>,
): MeanCovariance {
  if (!Number.isInteger(dim) || dim < 1) {
    throw new AdaarInputError('dim', `expected a positive integer, got ${dim}`);
  }
  if (Z.length % dim !== 0) {
    throw new AdaarInputError('Z', `length ${Z.length} is not a multiple of dim (${dim})`);
  }
  const nRows = Z.length / dim;
  const count = rows ? rows.length : nRows;
  if (count < 2) {
    throw new AdaarInputError('rows', `needs at least 2 rows for a covariance, got ${count}`);
  }
  const rowAt = (k: number): number => (rows ? rows[k] : k);
  const mean = new Float64Array(dim);
  for (let k = 0; k < count; k++) {
    const off = rowAt(k) * dim;
    for (let j = 0; j < dim; j++) mean[j] += Z[off + j];
  }
  for (let j = 0; j < dim; j++) mean[j] /= count;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let k = 0; k < count; k++) {
    const off = rowAt(k) * dim;
    for (let j = 0; j < dim; j++) centred[j] = Z[off + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const ca = centred[a];
      const base = a * dim;
      for (let b = a; b < dim; b++) cov[base + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b] / (count - 1);
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { mean, cov, dim, count };
}
