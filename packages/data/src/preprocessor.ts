import type { CategoricalGroup, ColumnInfo, Dataset } from './dataset';
import { AdaarInputError } from './errors';
import { describeNames, type Frame } from './frame';

/** Label of the one-hot level that stands for a missing categorical value seen in training. */
export const MISSING_LEVEL = '<missing>';

/** Options of {@link fitPreprocessor}. */
export interface PreprocessorOptions {
  /**
   * Winsorise numeric columns at train quantiles before standardising: `true` (default) =
   * `[0.005, 0.995]`, a `[lo, hi]` pair of quantile levels, or `false` to keep the raw range.
   */
  readonly winsorize?: boolean | readonly [number, number];
  /** Standardise numeric columns to train mean 0, std 1 (population std). Default true. */
  readonly standardize?: boolean;
  /**
   * Add a 0/1 missing-indicator column for each numeric column that has at least one missing
   * value in the TRAIN rows. Default true. (A column complete in train gets none; a missing
   * value there at transform time is just imputed.)
   */
  readonly missingIndicators?: boolean;
}

/** Fitted state of one numeric column. */
export interface NumericSpec {
  /** Source column name. */
  readonly name: string;
  /** Train median (of non-missing values), used for imputation; 0 when train has none. */
  readonly median: number;
  /** Lower clip: the train quantile (or the train minimum when not winsorising, used only by inverseTransform). */
  readonly lo: number;
  /** Upper clip: the train quantile (or the train maximum when not winsorising, used only by inverseTransform). */
  readonly hi: number;
  /** Train mean after clipping and imputation (0 when not standardising). */
  readonly mean: number;
  /** Train population std after clipping and imputation (1 when 0 or not standardising). */
  readonly std: number;
  /** Whether a missing-indicator column follows. */
  readonly indicator: boolean;
  /** Whether every non-missing train value is an integer (decoded values are then rounded). */
  readonly integer: boolean;
}

/** Fitted state of one categorical column: the levels seen in the train rows. */
export interface CategoricalSpec {
  /** Source column name. */
  readonly name: string;
  /** One one-hot column per level, in this order; may end with {@link MISSING_LEVEL}. */
  readonly levels: readonly string[];
}

/** The JSON form of a fitted {@link Preprocessor} (see {@link Preprocessor.toJSON}). */
export interface PreprocessorJSON {
  /** Always `'adaar-preprocessor'`. */
  readonly format: 'adaar-preprocessor';
  /** Format version, 1. */
  readonly version: 1;
  /** Label column of the frame it was fitted on. */
  readonly labelName: string;
  /** Period column of that frame, if any. */
  readonly periodName?: string;
  /** Winsorising quantile levels, or false. */
  readonly winsorize: false | readonly [number, number];
  /** Whether numeric columns are standardised. */
  readonly standardize: boolean;
  /** Fitted numeric columns, in output order. */
  readonly numeric: readonly NumericSpec[];
  /** Fitted categorical columns, in output order. */
  readonly categorical: readonly CategoricalSpec[];
}

/** One decoded row: column name -> number, category label, or `null` for missing. */
export type DecodedRow = Record<string, number | string | null>;

/**
 * Linear-interpolation quantile of sorted values (numpy's default, "type 7"):
 * `h = (n - 1) q`, value = `v[floor h] + (h - floor h) (v[floor h + 1] - v[floor h])`.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function checkRows(frame: Frame, rows: ArrayLike<number>, argument: string): void {
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    if (!Number.isInteger(i) || i < 0 || i >= frame.nRows) {
      throw new AdaarInputError(
        argument,
        `index ${i} at position ${k} is outside 0..${frame.nRows - 1}`,
      );
    }
  }
}

/**
 * Numeric preprocessing fitted on train rows only, applied to any rows: median imputation with
 * missing-indicator columns, winsorising at train quantiles, standardisation, and one-hot
 * encoding of categoricals. Output column order: numeric columns (frame order), then the
 * missing indicators, then one one-hot group per categorical column.
 *
 * Categorical values unseen in training (including missing, when training had no missing
 * value in that column) encode as all-zero in their group. A missing categorical value seen in
 * training gets its own level {@link MISSING_LEVEL}.
 *
 * Create with {@link fitPreprocessor} or {@link Preprocessor.fromJSON}.
 */
export class Preprocessor {
  /** Fitted numeric columns, in output order. */
  readonly numeric: readonly NumericSpec[];
  /** Fitted categorical columns, in output order. */
  readonly categorical: readonly CategoricalSpec[];
  /** Winsorising quantile levels, or false. */
  readonly winsorize: false | readonly [number, number];
  /** Whether numeric columns are standardised. */
  readonly standardize: boolean;
  /** Name of the label column of the frame it was fitted on. */
  readonly labelName: string;
  /** Name of the period column of the frame it was fitted on, if any. */
  readonly periodName?: string;
  /** Provenance of every output column. */
  readonly columns: readonly ColumnInfo[];
  /** One-hot groups, one per categorical column. */
  readonly categoricalGroups: readonly CategoricalGroup[];
  /** Output feature names (`age`, `age:missing`, `housing=rent`, ...). */
  readonly featureNames: readonly string[];

  /** @internal Use {@link fitPreprocessor} or {@link Preprocessor.fromJSON}. */
  constructor(state: Omit<PreprocessorJSON, 'format' | 'version'>) {
    this.numeric = state.numeric;
    this.categorical = state.categorical;
    this.winsorize = state.winsorize;
    this.standardize = state.standardize;
    this.labelName = state.labelName;
    if (state.periodName !== undefined) this.periodName = state.periodName;
    const columns: ColumnInfo[] = [];
    for (const s of state.numeric) columns.push({ name: s.name, kind: 'numeric', source: s.name });
    for (const s of state.numeric) {
      if (s.indicator)
        columns.push({ name: `${s.name}:missing`, kind: 'indicator', source: s.name });
    }
    const groups: CategoricalGroup[] = [];
    for (const c of state.categorical) {
      const idx: number[] = [];
      for (const level of c.levels) {
        idx.push(columns.length);
        columns.push({
          name: `${c.name}=${level}`,
          kind: 'onehot',
          source: c.name,
          category: level,
        });
      }
      groups.push({ name: c.name, columns: idx });
    }
    this.columns = columns;
    this.categoricalGroups = groups;
    this.featureNames = columns.map((c) => c.name);
  }

  /** Number of output columns. */
  get nCols(): number {
    return this.columns.length;
  }

  /**
   * Encodes rows of `frame` (all rows by default) into a {@link Dataset} with `columns`,
   * `categoricalGroups` and, when the frame has one, `period` filled.
   * @throws AdaarInputError (argument `frame`) when a fitted column is absent or of another
   *   kind; (argument `rows`) when an index is out of range.
   */
  transform(frame: Frame, rows?: ArrayLike<number>): Dataset {
    const idx = rows ?? Uint32Array.from({ length: frame.nRows }, (_, i) => i);
    if (rows) checkRows(frame, rows, 'rows');
    const n = idx.length;
    const d = this.nCols;
    const X = new Float64Array(n * d);
    const byName = new Map(frame.columns.map((c) => [c.name, c]));
    const need = (name: string, kind: 'numeric' | 'categorical') => {
      const c = byName.get(name);
      if (!c) {
        throw new AdaarInputError(
          'frame',
          `has no column "${name}" (fitted on it); it has ${describeNames([...byName.keys()])}`,
        );
      }
      if (c.kind !== kind) {
        throw new AdaarInputError('frame', `column "${name}" is ${c.kind}, fitted as ${kind}`);
      }
      return c;
    };
    let indicatorCol = this.numeric.length;
    const clip = this.winsorize !== false;
    this.numeric.forEach((s, j) => {
      const c = need(s.name, 'numeric');
      if (c.kind !== 'numeric') return;
      const ind = s.indicator ? indicatorCol++ : -1;
      for (let k = 0; k < n; k++) {
        let v = c.values[idx[k]];
        if (Number.isNaN(v)) {
          v = s.median;
          if (ind >= 0) X[k * d + ind] = 1;
        }
        if (clip) {
          if (v < s.lo) v = s.lo;
          else if (v > s.hi) v = s.hi;
        }
        X[k * d + j] = (v - s.mean) / s.std;
      }
    });
    this.categorical.forEach((s, g) => {
      const c = need(s.name, 'categorical');
      if (c.kind !== 'categorical') return;
      const cols = this.categoricalGroups[g].columns;
      const map = new Int32Array(c.levels.length).fill(-1);
      const levelIndex = new Map(s.levels.map((l, i) => [l, i]));
      c.levels.forEach((l, code) => {
        map[code] = levelIndex.get(l) ?? -1;
      });
      const missingAt = levelIndex.get(MISSING_LEVEL) ?? -1;
      for (let k = 0; k < n; k++) {
        const code = c.codes[idx[k]];
        const at = code < 0 ? missingAt : map[code];
        if (at >= 0) X[k * d + cols[at]] = 1;
      }
    });
    const y = new Uint8Array(n);
    for (let k = 0; k < n; k++) y[k] = frame.y[idx[k]];
    let period: Float64Array | undefined;
    if (frame.period) {
      period = new Float64Array(n);
      for (let k = 0; k < n; k++) period[k] = frame.period[idx[k]];
    }
    return {
      nRows: n,
      nCols: d,
      X,
      y,
      featureNames: this.featureNames,
      columns: this.columns,
      categoricalGroups: this.categoricalGroups,
      ...(period ? { period } : {}),
    };
  }

  /**
   * Decodes encoded rows (e.g. synthetic ones) back to original units and category labels:
   * numeric = value x std + mean, clipped to the fitted [lo, hi] range and rounded when the
   * training column held only integers, `null` when its missing indicator is >= 0.5; a
   * categorical value = the level of the largest one-hot entry (`null` when the group is all
   * zero or the level is {@link MISSING_LEVEL}).
   *
   * @param X - row-major, `nCols` values per row.
   * @throws AdaarInputError (argument `X`) when its length is not a multiple of `nCols`.
   */
  inverseTransform(X: Float64Array | ArrayLike<number>): DecodedRow[] {
    const d = this.nCols;
    const n = d === 0 ? 0 : X.length / d;
    if (!Number.isInteger(n)) {
      throw new AdaarInputError('X', `length ${X.length} is not a multiple of nCols (${d})`);
    }
    const out: DecodedRow[] = [];
    const indicatorOf = new Map<string, number>();
    this.columns.forEach((c, j) => {
      if (c.kind === 'indicator' && c.source) indicatorOf.set(c.source, j);
    });
    for (let i = 0; i < n; i++) {
      const row: DecodedRow = {};
      const base = i * d;
      this.numeric.forEach((s, j) => {
        const ind = indicatorOf.get(s.name);
        if (ind !== undefined && X[base + ind] >= 0.5) {
          row[s.name] = null;
          return;
        }
        let v = X[base + j] * s.std + s.mean;
        if (v < s.lo) v = s.lo;
        else if (v > s.hi) v = s.hi;
        row[s.name] = s.integer ? Math.round(v) : v;
      });
      this.categorical.forEach((s, g) => {
        const cols = this.categoricalGroups[g].columns;
        let best = -1;
        let bestValue = 0;
        cols.forEach((col, l) => {
          if (X[base + col] > bestValue) {
            bestValue = X[base + col];
            best = l;
          }
        });
        row[s.name] = best < 0 || s.levels[best] === MISSING_LEVEL ? null : s.levels[best];
      });
      out.push(row);
    }
    return out;
  }

  /** A JSON-safe description of the fitted state; {@link Preprocessor.fromJSON} restores it. */
  toJSON(): PreprocessorJSON {
    return {
      format: 'adaar-preprocessor',
      version: 1,
      labelName: this.labelName,
      ...(this.periodName !== undefined ? { periodName: this.periodName } : {}),
      winsorize: this.winsorize,
      standardize: this.standardize,
      numeric: this.numeric.map((s) => ({ ...s })),
      categorical: this.categorical.map((s) => ({ name: s.name, levels: [...s.levels] })),
    };
  }

  /**
   * Restores a preprocessor from {@link Preprocessor.toJSON} output (an object or its JSON
   * string).
   * @throws AdaarInputError (argument `json`) when it is not such an object.
   */
  static fromJSON(json: PreprocessorJSON | string): Preprocessor {
    const o = (typeof json === 'string' ? JSON.parse(json) : json) as PreprocessorJSON;
    if (o?.format !== 'adaar-preprocessor' || o.version !== 1) {
      throw new AdaarInputError('json', 'is not an adaar-preprocessor version 1 object');
    }
    if (!Array.isArray(o.numeric) || !Array.isArray(o.categorical)) {
      throw new AdaarInputError('json', 'lacks the numeric / categorical column lists');
    }
    for (const s of o.numeric) {
      for (const key of ['median', 'lo', 'hi', 'mean', 'std'] as const) {
        if (typeof s[key] !== 'number' || !Number.isFinite(s[key])) {
          throw new AdaarInputError('json', `numeric column "${s.name}" has a bad ${key}`);
        }
      }
    }
    return new Preprocessor({
      labelName: o.labelName,
      ...(o.periodName !== undefined ? { periodName: o.periodName } : {}),
      winsorize: o.winsorize,
      standardize: o.standardize,
      numeric: o.numeric.map((s) => ({ ...s })),
      categorical: o.categorical.map((s) => ({ name: s.name, levels: [...s.levels] })),
    });
  }
}

/**
 * Fits a {@link Preprocessor} on the given TRAIN rows of `frame` (nothing else is looked at).
 *
 * @param frame - the loaded data.
 * @param rows - indices of the training rows (all rows when omitted; pass them to avoid leakage).
 * @param options - see {@link PreprocessorOptions}; defaults winsorise at 0.5/99.5 %,
 *   standardise, and add missing indicators.
 * @throws AdaarInputError naming `rows` when empty or out of range, `options` when the
 *   winsorising levels are not 0 <= lo < hi <= 1.
 */
export function fitPreprocessor(
  frame: Frame,
  rows?: ArrayLike<number>,
  options: PreprocessorOptions = {},
): Preprocessor {
  if (!frame || typeof frame.nRows !== 'number' || !frame.columns) {
    throw new AdaarInputError('frame', 'is not a Frame');
  }
  const idx = rows ?? Uint32Array.from({ length: frame.nRows }, (_, i) => i);
  if (idx.length === 0) throw new AdaarInputError('rows', 'is empty: nothing to fit on');
  checkRows(frame, idx, 'rows');
  const w = options.winsorize ?? true;
  const winsorize: false | readonly [number, number] =
    w === true ? [0.005, 0.995] : w === false ? false : [w[0], w[1]];
  if (winsorize && !(winsorize[0] >= 0 && winsorize[0] < winsorize[1] && winsorize[1] <= 1)) {
    throw new AdaarInputError(
      'options',
      `winsorize levels must satisfy 0 <= lo < hi <= 1, got [${winsorize.join(', ')}]`,
    );
  }
  const standardize = options.standardize ?? true;
  const indicators = options.missingIndicators ?? true;
  const n = idx.length;
  const numeric: NumericSpec[] = [];
  const categorical: CategoricalSpec[] = [];
  for (const c of frame.columns) {
    if (c.kind === 'numeric') {
      const present: number[] = [];
      let integer = true;
      for (let k = 0; k < n; k++) {
        const v = c.values[idx[k]];
        if (!Number.isNaN(v)) {
          present.push(v);
          if (integer && !Number.isInteger(v)) integer = false;
        }
      }
      const sorted = Float64Array.from(present).sort();
      const nMissing = n - sorted.length;
      const median = sorted.length ? quantileSorted(sorted, 0.5) : 0;
      let lo = sorted.length ? sorted[0] : 0;
      let hi = sorted.length ? sorted[sorted.length - 1] : 0;
      if (winsorize && sorted.length) {
        lo = quantileSorted(sorted, winsorize[0]);
        hi = quantileSorted(sorted, winsorize[1]);
      }
      let mean = 0;
      let std = 1;
      if (standardize) {
        let s = 0;
        for (let k = 0; k < n; k++) {
          const raw = c.values[idx[k]];
          const v = Number.isNaN(raw) ? median : Math.min(hi, Math.max(lo, raw));
          s += v;
        }
        mean = s / n;
        let ss = 0;
        for (let k = 0; k < n; k++) {
          const raw = c.values[idx[k]];
          const v = Number.isNaN(raw) ? median : Math.min(hi, Math.max(lo, raw));
          ss += (v - mean) * (v - mean);
        }
        std = Math.sqrt(ss / n);
        if (!(std > 1e-12 * Math.max(1, Math.abs(mean)))) std = 1;
      }
      numeric.push({
        name: c.name,
        median,
        lo,
        hi,
        mean,
        std,
        indicator: indicators && nMissing > 0,
        integer,
      });
    } else {
      const seen = new Uint8Array(c.levels.length);
      let anyMissing = false;
      for (let k = 0; k < n; k++) {
        const code = c.codes[idx[k]];
        if (code < 0) anyMissing = true;
        else seen[code] = 1;
      }
      const levels = c.levels.filter((_, i) => seen[i] === 1);
      if (anyMissing) levels.push(MISSING_LEVEL);
      categorical.push({ name: c.name, levels });
    }
  }
  if (numeric.length + categorical.length === 0) {
    throw new AdaarInputError('frame', 'has no feature columns');
  }
  return new Preprocessor({
    labelName: frame.labelName,
    ...(frame.periodName !== undefined ? { periodName: frame.periodName } : {}),
    winsorize,
    standardize,
    numeric,
    categorical,
  });
}
