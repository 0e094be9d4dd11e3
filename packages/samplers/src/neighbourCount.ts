import { AdaarInputError } from '@adaar/data';

/**
 * Checks a `k` option.
 * @throws AdaarInputError (argument `k`) unless `k` is a positive integer.
 * @internal
 */
export function checkK(k: number): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new AdaarInputError('k', `expected a positive integer, got ${String(k)}`);
  }
  return k;
}

/**
 * The neighbour count a kNN sampler uses on a training set with `positives` high-risk rows:
 * `k` itself when `positives >= k + 1` (each row needs k neighbours besides itself, as
 * imbalanced-learn's `NearestNeighbors(k + 1)`); with `clampK`, `positives - 1` when that is
 * smaller (at least 1).
 *
 * @throws AdaarInputError (argument `train`) when there are fewer than `k + 1` high-risk rows
 *   (or fewer than 2 with `clampK`), with the remedy in the message.
 * @internal
 */
export function effectiveK(method: string, k: number, positives: number, clampK: boolean): number {
  if (positives >= k + 1) return k;
  if (clampK && positives >= 2) return positives - 1;
  const need = clampK ? 2 : k + 1;
  const hint = clampK
    ? 'even with clampK, interpolation needs 2 high-risk rows'
    : `${method} with k = ${k} needs k + 1 = ${k + 1}; pass a smaller k or { clampK: true } to use k = ${Math.max(1, positives - 1)}`;
  throw new AdaarInputError(
    'train',
    `has ${positives} high-risk rows, fewer than the ${need} needed (${hint})`,
  );
}
