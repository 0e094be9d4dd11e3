import type { Dataset } from './dataset';
import { AdaarInputError } from './errors';

/** Class counts of a dataset. */
export interface ClassCounts {
  /** Number of high-risk rows (label 1). */
  readonly positive: number;
  /** Number of low-risk rows (label 0). */
  readonly negative: number;
  /** positive / nRows (NaN for an empty dataset). */
  readonly positiveRate: number;
}

/** Counts high-risk (1) and low-risk (0) rows. */
export function countClasses(ds: Pick<Dataset, 'y'>): ClassCounts {
  let positive = 0;
  for (let i = 0; i < ds.y.length; i++) positive += ds.y[i];
  const negative = ds.y.length - positive;
  return { positive, negative, positiveRate: positive / ds.y.length };
}

/** Indices of the rows whose label equals `label`. */
export function indicesOfClass(ds: Pick<Dataset, 'y'>, label: 0 | 1): Uint32Array {
  let n = 0;
  for (let i = 0; i < ds.y.length; i++) if (ds.y[i] === label) n++;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < ds.y.length; i++) if (ds.y[i] === label) out[k++] = i;
  return out;
}

/** Copies row `i` of a dataset into a new `Float64Array` (or a view with `view: true`). */
export function getRow(ds: Pick<Dataset, 'X' | 'nCols'>, i: number, view = false): Float64Array {
  const sub = ds.X.subarray(i * ds.nCols, (i + 1) * ds.nCols);
  return view ? sub : sub.slice();
}

/**
 * A new dataset holding the given rows, in the given order (repeats allowed).
 * @throws AdaarInputError when an index is out of range.
 */
export function takeRows(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const { nCols } = ds;
  const n = indices.length;
  const X = new Float64Array(n * nCols);
  const y = new Uint8Array(n);
  const period = ds.period ? new Float64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= ds.nRows) {
      throw new AdaarInputError(
        'indices',
        `index ${i} at position ${k} is outside 0..${ds.nRows - 1}`,
      );
    }
    X.set(ds.X.subarray(i * nCols, (i + 1) * nCols), k * nCols);
    y[k] = ds.y[i];
    if (period && ds.period) period[k] = ds.period[i];
  }
  return { ...ds, nRows: n, X, y, ...(period ? { period } : {}) };
}

/**
 * Stacks datasets with the same columns, top to bottom. Periods are kept only when every
 * part has them.
 * @throws AdaarInputError when column counts or names differ.
 */
export function concatDatasets(parts: readonly Dataset[]): Dataset {
  if (parts.length === 0) throw new AdaarInputError('parts', 'needs at least one dataset');
  const first = parts[0];
  let nRows = 0;
  parts.forEach((p, k) => {
    if (p.nCols !== first.nCols) {
      throw new AdaarInputError(
        'parts',
        `dataset ${k} has ${p.nCols} columns, expected ${first.nCols}`,
      );
    }
    for (let j = 0; j < p.nCols; j++) {
      if (p.featureNames[j] !== first.featureNames[j]) {
        throw new AdaarInputError(
          'parts',
          `dataset ${k} column ${j} is "${p.featureNames[j]}", expected "${first.featureNames[j]}"`,
        );
      }
    }
    nRows += p.nRows;
  });
  const X = new Float64Array(nRows * first.nCols);
  const y = new Uint8Array(nRows);
  const withPeriod = parts.every((p) => p.period);
  const period = withPeriod ? new Float64Array(nRows) : undefined;
  let offset = 0;
  for (const p of parts) {
    X.set(p.X, offset * first.nCols);
    y.set(p.y, offset);
    if (period && p.period) period.set(p.period, offset);
    offset += p.nRows;
  }
  const { period: _drop, ...rest } = first;
  return { ...rest, nRows, X, y, ...(period ? { period } : {}) };
}

/**
 * Builds a dataset of `n` rows from a row-major matrix, all labelled `label`, sharing
 * `template`'s column metadata (used to wrap synthetic rows).
 */
export function withRows(template: Dataset, X: Float64Array, label: 0 | 1): Dataset {
  const n = X.length / template.nCols;
  if (!Number.isInteger(n)) {
    throw new AdaarInputError(
      'X',
      `length ${X.length} is not a multiple of nCols (${template.nCols})`,
    );
  }
  const { period: _drop, ...rest } = template;
  return { ...rest, nRows: n, X, y: new Uint8Array(n).fill(label) };
}
