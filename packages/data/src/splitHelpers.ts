import { AdaarInputError } from './errors';

/** Anything with labels (and maybe periods) per row: a {@link Frame} or a {@link Dataset}. */
export interface LabelledRows {
  /** Labels, 1 = high-risk, 0 = low-risk. */
  readonly y: ArrayLike<number>;
  /** Optional period per row. */
  readonly period?: ArrayLike<number>;
}

/** A train/test pair of row-index arrays (ascending). */
export interface TrainTestIndices {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Validates `rows` against `data` (all rows when undefined) and returns them. */
export function resolveRows(
  data: LabelledRows,
  rows: ArrayLike<number> | undefined,
  argument = 'rows',
): Uint32Array {
  if (!data?.y || typeof data.y.length !== 'number') {
    throw new AdaarInputError('data', 'expected an object with labels `y` (a Frame or Dataset)');
  }
  const n = data.y.length;
  if (rows === undefined) return Uint32Array.from({ length: n }, (_, i) => i);
  const out = new Uint32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new AdaarInputError(argument, `index ${i} at position ${k} is outside 0..${n - 1}`);
    }
    out[k] = i;
  }
  return out;
}

/** Splits `rows` by label: `[negatives, positives]`, each in the order of `rows`. */
export function rowsByClass(data: LabelledRows, rows: Uint32Array): [Uint32Array, Uint32Array] {
  let nPos = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = data.y[rows[k]];
    if (v !== 0 && v !== 1) {
      throw new AdaarInputError('data', `label at row ${rows[k]} is ${v}, expected 0 or 1`);
    }
    nPos += v;
  }
  const neg = new Uint32Array(rows.length - nPos);
  const pos = new Uint32Array(nPos);
  let a = 0;
  let b = 0;
  for (let k = 0; k < rows.length; k++) {
    if (data.y[rows[k]] === 1) pos[b++] = rows[k];
    else neg[a++] = rows[k];
  }
  return [neg, pos];
}

/** Concatenates index arrays and sorts the result ascending. */
export function sortedUnion(...parts: ArrayLike<number>[]): Uint32Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint32Array(n);
  let o = 0;
  for (const p of parts) {
    for (let k = 0; k < p.length; k++) out[o++] = p[k];
  }
  return out.sort();
}
