import { AdaarInputError } from './errors';

/** How a numeric column of a {@link Dataset} came about; used by SMOTE-NC and inverse transforms. */
export interface ColumnInfo {
  /** Column name (for one-hot columns: `<source>=<category>`). */
  readonly name: string;
  /** `numeric`: a (usually standardised) number; `indicator`: a 0/1 missing flag; `onehot`: one level of a categorical. */
  readonly kind: 'numeric' | 'indicator' | 'onehot';
  /** For `onehot` and `indicator` columns: the source column they encode. */
  readonly source?: string;
  /** For `onehot` columns: the category label this column stands for. */
  readonly category?: string;
}

/** A group of one-hot columns that together encode one categorical source column. */
export interface CategoricalGroup {
  /** The source column's name. */
  readonly name: string;
  /** Indices (into the dataset's columns) of the one-hot columns, in category order. */
  readonly columns: readonly number[];
}

/**
 * A compact numeric dataset: a row-major feature matrix in one `Float64Array`, binary labels
 * (1 = high-risk, 0 = low-risk) in a `Uint8Array`, optional per-row periods.
 *
 * Datasets are treated as immutable: every helper returns a new one.
 */
export interface Dataset {
  /** Number of rows (users). */
  readonly nRows: number;
  /** Number of feature columns. */
  readonly nCols: number;
  /** Row-major features, length `nRows * nCols`: row i is `X.subarray(i*nCols, (i+1)*nCols)`. */
  readonly X: Float64Array;
  /** Labels, length `nRows`: 1 = high-risk (minority), 0 = low-risk. */
  readonly y: Uint8Array;
  /** Feature names, length `nCols`. */
  readonly featureNames: readonly string[];
  /** Optional period (e.g. month) of each row, length `nRows`. */
  readonly period?: Float64Array;
  /** Optional per-column provenance, length `nCols`. */
  readonly columns?: readonly ColumnInfo[];
  /** Optional one-hot groups of categorical columns (for SMOTE-NC and friends). */
  readonly categoricalGroups?: readonly CategoricalGroup[];
}

/** Options of {@link createDataset}. */
export interface CreateDatasetOptions {
  /** Column names, length `nCols`. Default `x0`, `x1`, ... */
  featureNames?: readonly string[];
  /** Period (e.g. month) of each row, length `nRows`. */
  period?: ArrayLike<number>;
  /** Per-column provenance, length `nCols`. */
  columns?: readonly ColumnInfo[];
  /** One-hot groups of categorical columns. */
  categoricalGroups?: readonly CategoricalGroup[];
  /** Allow NaN in `X` (raw data before imputation). Default false: NaN/Inf throw. */
  allowMissing?: boolean;
}

/**
 * Builds a validated {@link Dataset}.
 *
 * @param X - row-major features (`Float64Array`, any numeric array-like, or an array of rows).
 * @param y - labels, 0/1 (booleans accepted).
 * @throws AdaarInputError when shapes disagree, labels are not 0/1, or X holds NaN/Inf
 *   (unless `allowMissing`, which still rejects ±Inf).
 */
export function createDataset(
  X: Float64Array | ArrayLike<number> | readonly (readonly number[])[],
  y: ArrayLike<number | boolean>,
  nColsOrOptions?: number | CreateDatasetOptions,
  maybeOptions: CreateDatasetOptions = {},
): Dataset {
  const opts = typeof nColsOrOptions === 'object' ? nColsOrOptions : maybeOptions;
  let data: Float64Array;
  let nCols: number;
  const nRows = y.length;
  if (Array.isArray(X) && (X.length === 0 || Array.isArray(X[0]))) {
    const rows = X as readonly (readonly number[])[];
    if (rows.length !== nRows) {
      throw new AdaarInputError('X', `has ${rows.length} rows but y has ${nRows} labels`);
    }
    nCols = typeof nColsOrOptions === 'number' ? nColsOrOptions : (rows[0]?.length ?? 0);
    data = new Float64Array(nRows * nCols);
    rows.forEach((row, i) => {
      if (row.length !== nCols) {
        throw new AdaarInputError('X', `row ${i} has ${row.length} values, expected ${nCols}`);
      }
      data.set(row, i * nCols);
    });
  } else {
    const flat = X as ArrayLike<number>;
    data = flat instanceof Float64Array ? flat : Float64Array.from(flat);
    if (typeof nColsOrOptions === 'number') nCols = nColsOrOptions;
    else if (opts.featureNames) nCols = opts.featureNames.length;
    else if (nRows > 0) nCols = data.length / nRows;
    else nCols = 0;
    if (!Number.isInteger(nCols) || nCols * nRows !== data.length) {
      throw new AdaarInputError(
        'X',
        `has ${data.length} values, which is not nRows (${nRows}, from y) x nCols (${nCols})`,
      );
    }
  }
  const labels = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const v = Number(y[i]);
    if (v !== 0 && v !== 1) {
      throw new AdaarInputError('y', `expected labels 0/1, found ${String(y[i])} at index ${i}`);
    }
    labels[i] = v;
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v) && !(opts.allowMissing && Number.isNaN(v))) {
      const r = Math.floor(i / nCols);
      throw new AdaarInputError('X', `non-finite value ${v} at row ${r}, column ${i - r * nCols}`);
    }
  }
  const featureNames = opts.featureNames ?? Array.from({ length: nCols }, (_, j) => `x${j}`);
  if (featureNames.length !== nCols) {
    throw new AdaarInputError(
      'featureNames',
      `has ${featureNames.length} names for ${nCols} columns`,
    );
  }
  let period: Float64Array | undefined;
  if (opts.period) {
    if (opts.period.length !== nRows) {
      throw new AdaarInputError('period', `has ${opts.period.length} values for ${nRows} rows`);
    }
    period = Float64Array.from(opts.period);
  }
  if (opts.columns && opts.columns.length !== nCols) {
    throw new AdaarInputError('columns', `has ${opts.columns.length} entries for ${nCols} columns`);
  }
  return {
    nRows,
    nCols,
    X: data,
    y: labels,
    featureNames,
    ...(period ? { period } : {}),
    ...(opts.columns ? { columns: opts.columns } : {}),
    ...(opts.categoricalGroups ? { categoricalGroups: opts.categoricalGroups } : {}),
  };
}
