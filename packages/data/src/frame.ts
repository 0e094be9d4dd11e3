import { AdaarInputError } from './errors';

/** A numeric raw column: one `Float64Array`, `NaN` where the value is missing. */
export interface NumericColumn {
  readonly kind: 'numeric';
  /** Column name as in the source file. */
  readonly name: string;
  /** Values in original units, length `nRows`; `NaN` = missing. */
  readonly values: Float64Array;
}

/** A categorical raw column: integer codes into `levels`, `-1` where the value is missing. */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  /** Column name as in the source file. */
  readonly name: string;
  /** Code of each row, length `nRows`: an index into `levels`, or `-1` = missing. */
  readonly codes: Int32Array;
  /** The distinct category labels (as strings), in code order. */
  readonly levels: readonly string[];
}

/** One raw feature column of a {@link Frame}. */
export type FrameColumn = NumericColumn | CategoricalColumn;

/**
 * A loaded table before preprocessing: typed raw feature columns in original units (missing
 * values kept), binary labels and an optional period per row.
 *
 * Produced by {@link loadCsv}, {@link fromCsvText}, {@link loadArrow}, {@link loadParquet},
 * {@link frameFromColumns}, {@link syntheticCredit} and the built-in loaders; turned into a
 * numeric {@link Dataset} by a fitted {@link Preprocessor}.
 */
export interface Frame {
  /** Number of rows. */
  readonly nRows: number;
  /** The feature columns (label, period and dropped columns excluded), in source order. */
  readonly columns: readonly FrameColumn[];
  /** Labels, length `nRows`: 1 = high-risk, 0 = low-risk. */
  readonly y: Uint8Array;
  /** Period of each row (e.g. a month number), when a period column was named. */
  readonly period?: Float64Array;
  /** Name of the source label column. */
  readonly labelName: string;
  /** Name of the source period column, when there is one. */
  readonly periodName?: string;
}

/**
 * The column called `name`.
 * @throws AdaarInputError (argument `name`) when the frame has no such feature column.
 */
export function frameColumn(frame: Frame, name: string): FrameColumn {
  const col = frame.columns.find((c) => c.name === name);
  if (!col) {
    throw new AdaarInputError(
      'name',
      `unknown column "${name}"; the frame has ${describeNames(frame.columns.map((c) => c.name))}`,
    );
  }
  return col;
}

/**
 * A new frame holding the given rows, in the given order (repeats allowed).
 * @throws AdaarInputError (argument `indices`) when an index is out of range.
 */
export function takeFrameRows(frame: Frame, indices: ArrayLike<number>): Frame {
  const n = indices.length;
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= frame.nRows) {
      throw new AdaarInputError(
        'indices',
        `index ${i} at position ${k} is outside 0..${frame.nRows - 1}`,
      );
    }
  }
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(src: T, dst: T): T => {
    for (let k = 0; k < n; k++) dst[k] = src[indices[k]];
    return dst;
  };
  const columns: FrameColumn[] = frame.columns.map((c) =>
    c.kind === 'numeric'
      ? { kind: 'numeric', name: c.name, values: pick(c.values, new Float64Array(n)) }
      : {
          kind: 'categorical',
          name: c.name,
          levels: c.levels,
          codes: pick(c.codes, new Int32Array(n)),
        },
  );
  return {
    ...frame,
    nRows: n,
    columns,
    y: pick(frame.y, new Uint8Array(n)),
    ...(frame.period ? { period: pick(frame.period, new Float64Array(n)) } : {}),
  };
}

/** Lists names for error messages, shortened when there are many. */
export function describeNames(names: readonly string[], max = 12): string {
  if (names.length === 0) return 'no columns';
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  return names.length > max
    ? `${shown.join(', ')} and ${names.length - max} more`
    : shown.join(', ');
}
