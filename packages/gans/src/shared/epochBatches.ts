import { AdaarInputError, type Rng } from '@adaar/data';

/**
 * Splits a fresh random permutation of `0..nRows-1` into batches of `batchSize` row indices.
 * With `dropLast` (default true, as BAGAN's reference batch generator) the last partial
 * batch is dropped, so every batch has exactly `batchSize` rows; without it the remainder
 * forms a last, smaller batch.
 *
 * @throws AdaarInputError when `batchSize` is not a positive integer.
 */
export function epochBatches(
  nRows: number,
  batchSize: number,
  rng: Rng,
  dropLast = true,
): Uint32Array[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new AdaarInputError('batchSize', `expected a positive integer, got ${batchSize}`);
  }
  const perm = rng.permutation(nRows);
  const out: Uint32Array[] = [];
  for (let start = 0; start < nRows; start += batchSize) {
    const end = Math.min(start + batchSize, nRows);
    if (end - start < batchSize && dropLast) break;
    out.push(perm.subarray(start, end));
  }
  return out;
}
