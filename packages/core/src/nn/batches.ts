import { AdaarInputError, type Rng } from '@adaar/data';

/** Options of {@link batchIndices}. */
export interface BatchOptions {
  /** Shuffle with the generator first (default true). */
  readonly shuffle?: boolean;
  /** Drop the last batch when it has fewer than `batchSize` rows (default false; BAGAN drops it). */
  readonly dropLast?: boolean;
}

/**
 * Splits row indices `0..n-1` into mini-batches: one epoch of a shuffled permutation (drawn from
 * `rng`), cut into `batchSize` pieces. If `dropLast` is set and `n < batchSize`, there are no
 * batches at all.
 *
 * @throws AdaarInputError for a non-integer or non-positive `n`/`batchSize`.
 */
export function batchIndices(
  n: number,
  batchSize: number,
  rng: Rng,
  opts: BatchOptions = {},
): Uint32Array[] {
  if (!Number.isInteger(n) || n < 0)
    throw new AdaarInputError('n', `expected an integer >= 0, got ${n}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new AdaarInputError('batchSize', `expected a positive integer, got ${batchSize}`);
  }
  let order: Uint32Array;
  if (opts.shuffle ?? true) {
    order = rng.permutation(n);
  } else {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  }
  const out: Uint32Array[] = [];
  for (let s = 0; s < n; s += batchSize) {
    const e = Math.min(n, s + batchSize);
    if (e - s < batchSize && opts.dropLast) break;
    out.push(order.subarray(s, e));
  }
  return out;
}

/**
 * Class-balanced mini-batches: each of `nBatches` batches holds `batchSize / 2` rows of class 1
 * and `batchSize / 2` of class 0 (the odd row goes to class 0), drawn by walking a shuffled
 * permutation of each class and reshuffling it when exhausted (so the minority is repeated,
 * never the same row twice within a pass).
 *
 * @param y - labels 0/1.
 * @throws AdaarInputError when a class is empty or the sizes are invalid.
 */
export function balancedBatchIndices(
  y: ArrayLike<number>,
  batchSize: number,
  nBatches: number,
  rng: Rng,
): Uint32Array[] {
  if (!Number.isInteger(batchSize) || batchSize < 2) {
    throw new AdaarInputError('batchSize', `expected an integer >= 2, got ${batchSize}`);
  }
  if (!Number.isInteger(nBatches) || nBatches < 0) {
    throw new AdaarInputError('nBatches', `expected an integer >= 0, got ${nBatches}`);
  }
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? pos : neg).push(i);
  if (pos.length === 0 || neg.length === 0) {
    throw new AdaarInputError(
      'y',
      `needs both classes (has ${pos.length} of class 1, ${neg.length} of class 0)`,
    );
  }
  const stream = (rows: number[]) => {
    let perm = rng.permutation(rows.length);
    let k = 0;
    return () => {
      if (k === perm.length) {
        perm = rng.permutation(rows.length);
        k = 0;
      }
      return rows[perm[k++]];
    };
  };
  const nextPos = stream(pos);
  const nextNeg = stream(neg);
  const nPos = batchSize >> 1;
  const out: Uint32Array[] = [];
  for (let b = 0; b < nBatches; b++) {
    const idx = new Uint32Array(batchSize);
    for (let i = 0; i < nPos; i++) idx[i] = nextPos();
    for (let i = nPos; i < batchSize; i++) idx[i] = nextNeg();
    out.push(idx);
  }
  return out;
}

/**
 * Copies the rows `idx` of a row-major matrix with `nCols` columns into a new (or the given)
 * Float32Array, ready for `tf.tensor2d(out, [idx.length, nCols])`.
 */
export function gatherRows(
  X: Float64Array | Float32Array,
  nCols: number,
  idx: ArrayLike<number>,
  out: Float32Array = new Float32Array(idx.length * nCols),
): Float32Array {
  for (let r = 0; r < idx.length; r++) {
    const src = idx[r] * nCols;
    const dst = r * nCols;
    for (let j = 0; j < nCols; j++) out[dst + j] = X[src + j];
  }
  return out;
}
