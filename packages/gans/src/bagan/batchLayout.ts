import { AdaarInputError } from '@adaar/data';

/**
 * Number of generated rows in BAGAN's discriminator step: `ceil(B / C)` for a real batch
 * of `B` rows and `C` classes (64 for B = 128, C = 2). The D loss is one mean over the
 * `B + ceil(B/C)` concatenated rows, so fakes weigh `ceil(B/C) / (B + ceil(B/C))`.
 *
 * @throws AdaarInputError when either argument is not a positive integer.
 */
export function baganFakeCount(batchSize: number, nClasses: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new AdaarInputError('batchSize', `expected a positive integer, got ${batchSize}`);
  }
  if (!Number.isInteger(nClasses) || nClasses < 1) {
    throw new AdaarInputError('nClasses', `expected a positive integer, got ${nClasses}`);
  }
  return Math.ceil(batchSize / nClasses);
}

/** Number of latent draws in BAGAN's generator step: `B + ceil(B / C)` (192 for B = 128, C = 2). */
export function baganGeneratorDraws(batchSize: number, nClasses: number): number {
  return batchSize + baganFakeCount(batchSize, nClasses);
}

/**
 * Class targets of a discriminator step over `[real; fake]` rows: the real rows keep their
 * class (0..C-1), the `nFake` generated rows get the fake index `C` (the last of the C+1
 * softmax outputs).
 *
 * @throws AdaarInputError when a real label is outside 0..C-1.
 */
export function discriminatorTargets(
  realLabels: ArrayLike<number>,
  nFake: number,
  nClasses: number,
): Int32Array {
  const out = new Int32Array(realLabels.length + nFake);
  for (let i = 0; i < realLabels.length; i++) {
    const c = realLabels[i];
    if (!Number.isInteger(c) || c < 0 || c >= nClasses) {
      throw new AdaarInputError('realLabels', `label ${c} at ${i} is outside 0..${nClasses - 1}`);
    }
    out[i] = c;
  }
  out.fill(nClasses, realLabels.length);
  return out;
}
