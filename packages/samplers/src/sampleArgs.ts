import { AdaarInputError, type Rng, type SeedLike, toRng } from '@adaar/data';

/**
 * Checks a requested row count.
 * @throws AdaarInputError (argument `n`) unless `n` is a non-negative safe integer.
 * @internal
 */
export function checkSampleSize(n: number): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new AdaarInputError('n', `expected a non-negative integer, got ${String(n)}`);
  }
}

/**
 * The array a sampler writes `rows x nCols` values into: a view of `out` when given, else new.
 * @throws AdaarInputError (argument `out`) when `out` is too short.
 * @internal
 */
export function outputBuffer(out: Float64Array | undefined, length: number): Float64Array {
  if (!out) return new Float64Array(length);
  if (!(out instanceof Float64Array) || out.length < length) {
    throw new AdaarInputError('out', `needs a Float64Array of at least ${length} values`);
  }
  return out.subarray(0, length);
}

/** The generator of one draw: a fresh one from `seed`, else the fitted sampler's own. @internal */
export function drawRng(seed: SeedLike | undefined, own: Rng): Rng {
  return seed === undefined ? own : toRng(seed);
}
