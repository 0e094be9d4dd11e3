import { AdaarInputError, type Dataset } from '@adaar/data';

/** Options of {@link validateTrainingSet}. */
export interface ValidateTrainingSetOptions {
  /** Fewest high-risk (label 1) rows accepted. Default 1. */
  readonly minPositives?: number;
  /** Why `minPositives` rows are needed, appended to the error (e.g. `"Smote with k = 5 needs k + 1"`). */
  readonly reason?: string;
  /** Argument name used in error messages. Default `"train"`. */
  readonly argument?: string;
}

/** Class counts and high-risk row indices of a validated training set. */
export interface TrainingSetSummary {
  /** Number of high-risk (label 1) rows. */
  readonly positive: number;
  /** Number of low-risk (label 0) rows. */
  readonly negative: number;
  /** Indices of the high-risk rows, ascending. */
  readonly positiveIndices: Uint32Array;
}

/**
 * Checks a training set at a sampler's API boundary (every sampler's `fit` calls it):
 * `X` is a `Float64Array` of `nRows * nCols` finite values, `y` a `Uint8Array` of `nRows`
 * labels in {0, 1}, both classes present, at least `minPositives` high-risk rows, and
 * `categoricalGroups` (if any) name distinct, existing columns.
 *
 * @returns class counts and the high-risk row indices.
 * @throws AdaarInputError (argument `train`, or `opts.argument`) naming the first problem:
 *   mismatched lengths, NaN/Inf (with row and column), labels outside {0, 1}, a single
 *   class, no high-risk rows, fewer than `minPositives` high-risk rows, bad groups.
 */
export function validateTrainingSet(
  train: Dataset,
  opts: ValidateTrainingSetOptions = {},
): TrainingSetSummary {
  const arg = opts.argument ?? 'train';
  const minPositives = opts.minPositives ?? 1;
  if (!train || typeof train !== 'object') {
    throw new AdaarInputError(arg, 'expected a Dataset ({ X, y, nRows, nCols, ... })');
  }
  const { X, y, nRows, nCols } = train;
  if (!(X instanceof Float64Array)) throw new AdaarInputError(arg, 'X must be a Float64Array');
  if (!(y instanceof Uint8Array)) throw new AdaarInputError(arg, 'y must be a Uint8Array');
  if (!Number.isInteger(nRows) || nRows < 0) {
    throw new AdaarInputError(arg, `nRows must be a non-negative integer, got ${nRows}`);
  }
  if (!Number.isInteger(nCols) || nCols < 1) {
    throw new AdaarInputError(arg, `nCols must be a positive integer, got ${nCols}`);
  }
  if (X.length !== nRows * nCols) {
    throw new AdaarInputError(
      arg,
      `X has ${X.length} values, expected nRows (${nRows}) x nCols (${nCols}) = ${nRows * nCols}`,
    );
  }
  if (y.length !== nRows) {
    throw new AdaarInputError(arg, `y has ${y.length} labels for nRows = ${nRows} rows`);
  }
  for (let i = 0; i < X.length; i++) {
    const v = X[i];
    if (!Number.isFinite(v)) {
      const r = Math.floor(i / nCols);
      throw new AdaarInputError(arg, `X has ${v} at row ${r}, column ${i - r * nCols}`);
    }
  }
  let positive = 0;
  for (let i = 0; i < nRows; i++) {
    const v = y[i];
    if (v > 1) throw new AdaarInputError(arg, `y has label ${v} at row ${i}; expected 0 or 1`);
    positive += v;
  }
  const negative = nRows - positive;
  if (positive === 0) {
    throw new AdaarInputError(
      arg,
      `has no high-risk rows (label 1) among its ${nRows} rows: a single class cannot be oversampled`,
    );
  }
  if (negative === 0) {
    throw new AdaarInputError(
      arg,
      `has a single class: all ${nRows} rows are high-risk (label 1), none low-risk`,
    );
  }
  if (positive < minPositives) {
    const why = opts.reason ? ` (${opts.reason})` : '';
    throw new AdaarInputError(
      arg,
      `has ${positive} high-risk rows, fewer than the ${minPositives} needed${why}`,
    );
  }
  const groups = train.categoricalGroups;
  if (groups) {
    const seen = new Set<number>();
    groups.forEach((g, gi) => {
      if (!g || !Array.isArray(g.columns) || g.columns.length === 0) {
        throw new AdaarInputError(arg, `categoricalGroups[${gi}] has no columns`);
      }
      for (const c of g.columns) {
        if (!Number.isInteger(c) || c < 0 || c >= nCols || seen.has(c)) {
          throw new AdaarInputError(
            arg,
            `categoricalGroups[${gi}] ("${g.name}") names column ${c}, which is out of range or in another group`,
          );
        }
        seen.add(c);
      }
    });
  }
  const positiveIndices = new Uint32Array(positive);
  for (let i = 0, p = 0; i < nRows; i++) if (y[i] === 1) positiveIndices[p++] = i;
  return { positive, negative, positiveIndices };
}
