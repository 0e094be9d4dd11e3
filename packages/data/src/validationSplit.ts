import { AdaarInputError } from './errors';
import type { SeedLike } from './rng';
import type { LabelledRows } from './splitHelpers';
import { stratifiedSplit } from './stratifiedSplit';

/** Options of {@link validationSplit}. */
export interface ValidationSplitOptions {
  /** Fraction of the training rows (of each class) held out for validation. Default 0.2. */
  readonly fraction?: number;
  /** Seed or generator. Default 0. */
  readonly seed?: SeedLike;
}

/**
 * Carves a stratified validation part out of the TRAINING rows only (for early stopping and
 * tuning; the test split stays untouched).
 *
 * @param trainRows - the training row indices (e.g. `outOfTimeSplit(...).train`).
 * @returns `{ train, validation }`, disjoint, together exactly `trainRows`, ascending.
 * @throws AdaarInputError naming `fraction` when outside (0, 1), `trainRows` when an index is
 *   out of range or it has fewer than two rows of a class (each part needs both classes).
 */
export function validationSplit(
  data: LabelledRows,
  trainRows: ArrayLike<number>,
  options: ValidationSplitOptions = {},
): { readonly train: Uint32Array; readonly validation: Uint32Array } {
  const fraction = options.fraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) {
    throw new AdaarInputError('fraction', `expected a fraction in (0, 1), got ${fraction}`);
  }
  let nPos = 0;
  for (let k = 0; k < trainRows.length; k++) {
    const i = trainRows[k];
    if (!Number.isInteger(i) || i < 0 || i >= data.y.length) {
      throw new AdaarInputError(
        'trainRows',
        `index ${i} at position ${k} is outside 0..${data.y.length - 1}`,
      );
    }
    nPos += data.y[i] === 1 ? 1 : 0;
  }
  const nNeg = trainRows.length - nPos;
  if (nPos < 2 || nNeg < 2) {
    throw new AdaarInputError(
      'trainRows',
      `has ${nPos} high-risk and ${nNeg} low-risk rows; both parts need each class`,
    );
  }
  const { train, test } = stratifiedSplit(data, {
    testSize: fraction,
    rows: trainRows,
    seed: options.seed ?? 0,
  });
  return { train, validation: test };
}
