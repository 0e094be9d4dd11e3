import { AdaarInputError } from './errors';
import { type CategoricalColumn, describeNames, type Frame, type FrameColumn } from './frame';
import { monthIndex } from './monthIndex';

/** A label value as written in the source (`'bad'`, `2`, `'1'`, ...). */
export type LabelValue = string | number | boolean;

/**
 * How a raw table becomes a {@link Frame}. Shared by every loader.
 *
 * Column types are decided over ALL values of a column, never a prefix: a column is numeric
 * when every non-missing value is a number (or a string that is a plain decimal number),
 * else categorical. `numeric` and `categorical` force a type.
 */
export interface FrameOptions {
  /** Name of the label column (required). */
  readonly label: string;
  /**
   * Label value(s) meaning high-risk. Default `1`. Numbers and numeric strings match by
   * value (`'2'`, `'2.0'` and `2` are the same), other strings exactly after trimming.
   */
  readonly positive?: LabelValue | readonly LabelValue[];
  /**
   * Label value(s) meaning low-risk. Default: `0` when `positive` is not given (so labels
   * must be 0/1); otherwise every value not in `positive`. When given, any other value is
   * an error.
   */
  readonly negative?: LabelValue | readonly LabelValue[];
  /**
   * Name of a period column (e.g. a month), kept beside the features, not as one. Values
   * are numbers, or `YYYY-MM` / `YYYY-MM-DD` strings or Dates, which become a month index
   * (see {@link monthIndex}). A missing period is an error.
   */
  readonly period?: string;
  /** Columns to ignore entirely (ids, leaking columns, free text). */
  readonly drop?: readonly string[];
  /** Columns to treat as categorical even when every value looks numeric (codes). */
  readonly categorical?: readonly string[];
  /** Columns that must be numeric: a value that is not a number is an error naming it. */
  readonly numeric?: readonly string[];
  /** Strings meaning "missing" (compared after trimming). Default `['', 'NA', 'NaN']`. */
  readonly missing?: readonly string[];
  /** What to do with rows whose label is missing: `'error'` (default) or `'drop'` them. */
  readonly missingLabel?: 'error' | 'drop';
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DEFAULT_MISSING = ['', 'NA', 'NaN'];

/** Returns the number a cell holds, `NaN` when missing, or `undefined` when not numeric. */
function cellNumber(v: unknown, missing: ReadonlySet<string>): number | undefined {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') {
    const s = v.trim();
    if (missing.has(s)) return Number.NaN;
    return NUMBER_RE.test(s) ? Number(s) : undefined;
  }
  return undefined;
}

/** Returns the category label of a cell, or `null` when missing. */
function cellString(v: unknown, missing: ReadonlySet<string>): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : String(v);
  if (v instanceof Date) return v.toISOString();
  const s = String(v).trim();
  return missing.has(s) ? null : s;
}

function toList(v: LabelValue | readonly LabelValue[] | undefined): LabelValue[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? [...v] : [v as LabelValue];
}

/** Builds a predicate "does this label cell equal one of `values`?". */
function labelMatcher(values: readonly LabelValue[]): (key: string) => boolean {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const v of values) {
    const s = typeof v === 'boolean' ? String(v) : String(v).trim();
    strings.add(s);
    if (typeof v === 'number') numbers.add(v);
    else if (NUMBER_RE.test(s)) numbers.add(Number(s));
  }
  return (key) => strings.has(key) || (NUMBER_RE.test(key) && numbers.has(Number(key)));
}

function naturalCompare(a: string, b: string): number {
  const na = NUMBER_RE.test(a);
  const nb = NUMBER_RE.test(b);
  if (na && nb) return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Encodes string cells as codes into sorted levels (numbers first, by value). */
export function encodeCategorical(
  name: string,
  raw: ArrayLike<unknown>,
  rows: ArrayLike<number>,
  missing: ReadonlySet<string>,
  fixedLevels?: readonly string[],
): CategoricalColumn {
  const n = rows.length;
  const strings: (string | null)[] = new Array(n);
  const seen = new Set<string>();
  for (let k = 0; k < n; k++) {
    const s = cellString(raw[rows[k]], missing);
    strings[k] = s;
    if (s !== null) seen.add(s);
  }
  const levels = fixedLevels ? [...fixedLevels] : [...seen].sort(naturalCompare);
  const index = new Map(levels.map((l, i) => [l, i]));
  const codes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const s = strings[k];
    if (s === null) codes[k] = -1;
    else {
      const c = index.get(s);
      if (c === undefined) {
        throw new AdaarInputError(name, `value "${s}" is not one of the given levels`);
      }
      codes[k] = c;
    }
  }
  return { kind: 'categorical', name, codes, levels };
}

/**
 * Turns raw columns (arrays of strings, numbers, nulls, ... as a CSV/Arrow/Parquet reader
 * gives them) into a typed {@link Frame}: numeric columns as `Float64Array` with `NaN` for
 * missing, categorical ones as codes; labels as 0/1 by `positive`/`negative`.
 *
 * @param columns - column name -> values (all the same length), in source order.
 * @param options - see {@link FrameOptions}.
 * @throws AdaarInputError naming the option when a named column does not exist (`label`,
 *   `period`, `drop`, `categorical`, `numeric`); naming `label` when a label is missing, a
 *   `positive` value never occurs, a value is neither positive nor negative, or only one class
 *   is present; naming the column when a forced-numeric value is not a number or a number is
 *   infinite; naming `columns` when lengths differ.
 */
export function frameFromColumns(
  columns: Readonly<Record<string, ArrayLike<unknown>>>,
  options: FrameOptions,
): Frame {
  if (!options || typeof options.label !== 'string') {
    throw new AdaarInputError('label', 'is required: the name of the label column');
  }
  const names = Object.keys(columns);
  const nSource = names.length > 0 ? columns[names[0]].length : 0;
  for (const name of names) {
    if (columns[name].length !== nSource) {
      throw new AdaarInputError(
        'columns',
        `column "${name}" has ${columns[name].length} values, expected ${nSource}`,
      );
    }
  }
  const known = new Set(names);
  const requireColumn = (option: string, name: string): void => {
    if (!known.has(name)) {
      throw new AdaarInputError(
        option,
        `unknown column "${name}"; the data has ${describeNames(names)}`,
      );
    }
  };
  const { label, period } = options;
  requireColumn('label', label);
  if (period !== undefined) requireColumn('period', period);
  const drop = new Set(options.drop ?? []);
  const forcedCat = new Set(options.categorical ?? []);
  const forcedNum = new Set(options.numeric ?? []);
  for (const d of drop) requireColumn('drop', d);
  for (const c of forcedCat) requireColumn('categorical', c);
  for (const c of forcedNum) requireColumn('numeric', c);
  for (const c of forcedCat) {
    if (forcedNum.has(c)) {
      throw new AdaarInputError('categorical', `column "${c}" is also listed in numeric`);
    }
  }
  if (drop.has(label)) throw new AdaarInputError('drop', `contains the label column "${label}"`);
  if (period !== undefined && period === label) {
    throw new AdaarInputError('period', `is the label column "${label}"`);
  }
  const missing = new Set(options.missing ?? DEFAULT_MISSING);

  // Labels.
  const labelRaw = columns[label];
  const positiveValues = toList(options.positive) ?? [1];
  const negativeValues =
    toList(options.negative) ?? (options.positive === undefined ? [0] : undefined);
  if (positiveValues.length === 0) throw new AdaarInputError('positive', 'is an empty list');
  const isPositive = labelMatcher(positiveValues);
  const isNegative = negativeValues ? labelMatcher(negativeValues) : undefined;
  const yAll = new Uint8Array(nSource);
  const keep: number[] = [];
  const positiveSeen = new Set<string>();
  for (let i = 0; i < nSource; i++) {
    const key = cellString(labelRaw[i], missing);
    if (key === null) {
      if (options.missingLabel === 'drop') continue;
      throw new AdaarInputError(
        'label',
        `column "${label}" is missing at row ${i}; pass missingLabel: 'drop' to skip such rows`,
      );
    }
    if (isPositive(key)) {
      yAll[i] = 1;
      positiveSeen.add(key);
    } else if (isNegative && !isNegative(key)) {
      throw new AdaarInputError(
        'label',
        `column "${label}" has value "${key}" at row ${i}, which is neither positive (${positiveValues.join(', ')}) nor negative (${negativeValues?.join(', ')})`,
      );
    }
    keep.push(i);
  }
  const nRows = keep.length;
  const y = new Uint8Array(nRows);
  let nPos = 0;
  for (let k = 0; k < nRows; k++) {
    y[k] = yAll[keep[k]];
    nPos += y[k];
  }
  if (nRows === 0) throw new AdaarInputError('label', `column "${label}" has no labelled rows`);
  if (nPos === 0) {
    throw new AdaarInputError(
      'positive',
      `value(s) ${positiveValues.map((v) => `"${v}"`).join(', ')} never occur in column "${label}"`,
    );
  }
  if (nPos === nRows) {
    throw new AdaarInputError(
      'label',
      `column "${label}" holds only one class: every row is positive (${[...positiveSeen].join(', ')})`,
    );
  }

  // Period.
  let periodValues: Float64Array | undefined;
  if (period !== undefined) {
    const raw = columns[period];
    periodValues = new Float64Array(nRows);
    for (let k = 0; k < nRows; k++) {
      const v = raw[keep[k]];
      let p = typeof v === 'string' ? monthIndex(v, true) : undefined;
      if (p === undefined) p = v instanceof Date ? monthIndex(v) : cellNumber(v, missing);
      if (p === undefined || !Number.isFinite(p)) {
        throw new AdaarInputError(
          'period',
          `column "${period}" has ${p === undefined ? `a value that is neither a number nor YYYY-MM ("${String(v)}")` : 'a missing value'} at row ${keep[k]}`,
        );
      }
      periodValues[k] = p;
    }
  }

  // Features.
  const features: FrameColumn[] = [];
  for (const name of names) {
    if (name === label || name === period || drop.has(name)) continue;
    const raw = columns[name];
    if (forcedCat.has(name)) {
      features.push(encodeCategorical(name, raw, keep, missing));
      continue;
    }
    const values = new Float64Array(nRows);
    let numeric = true;
    for (let k = 0; k < nRows; k++) {
      const v = cellNumber(raw[keep[k]], missing);
      if (v === undefined) {
        if (forcedNum.has(name)) {
          throw new AdaarInputError(
            name,
            `column is declared numeric but has "${String(raw[keep[k]])}" at row ${keep[k]}`,
          );
        }
        numeric = false;
        break;
      }
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
        throw new AdaarInputError(name, `column has an infinite value at row ${keep[k]}`);
      }
      values[k] = v;
    }
    features.push(
      numeric ? { kind: 'numeric', name, values } : encodeCategorical(name, raw, keep, missing),
    );
  }
  return {
    nRows,
    columns: features,
    y,
    labelName: label,
    ...(periodValues ? { period: periodValues, periodName: period } : {}),
  };
}
