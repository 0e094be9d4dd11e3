import { AdaarInputError } from '@adaar/data';
import type { LabelOptions } from './types';

/** Labels recoded to 0/1 plus class counts. */
export interface BinaryLabels {
  y: Uint8Array;
  nPositive: number;
  nNegative: number;
}

/** Checks that `value` is an array-like (typed array or array) and returns its length. */
function lengthOf(value: unknown, name: string): number {
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { length?: unknown }).length !== 'number'
  ) {
    throw new AdaarInputError(name, 'expected an array or typed array of numbers');
  }
  return (value as ArrayLike<number>).length;
}

/** Recodes labels to 0/1 (1 = positive). Throws when a label is neither value. */
export function toBinaryLabels(
  labels: ArrayLike<number>,
  opts: LabelOptions | undefined,
  name = 'labels',
): BinaryLabels {
  const n = lengthOf(labels, name);
  if (n === 0) throw new AdaarInputError(name, 'is empty');
  const pos = opts?.positive ?? 1;
  const neg = opts?.negative ?? 0;
  if (typeof pos !== 'number' || Number.isNaN(pos)) {
    throw new AdaarInputError('positive', `expected a number, got ${String(pos)}`);
  }
  if (typeof neg !== 'number' || Number.isNaN(neg)) {
    throw new AdaarInputError('negative', `expected a number, got ${String(neg)}`);
  }
  if (pos === neg) {
    throw new AdaarInputError('positive', `must differ from negative (both are ${pos})`);
  }
  const y = new Uint8Array(n);
  let nPositive = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v === pos) {
      y[i] = 1;
      nPositive++;
    } else if (v !== neg) {
      throw new AdaarInputError(
        name,
        `expected ${neg} (negative) or ${pos} (positive), found ${String(v)} at index ${i}`,
      );
    }
  }
  return { y, nPositive, nNegative: n - nPositive };
}

/**
 * Copies scores into a Float64Array, checking they are finite numbers; `-0` becomes `0` so
 * the two compare as one tied score everywhere.
 */
export function toFiniteScores(scores: ArrayLike<number>, name = 'scores'): Float64Array {
  const n = lengthOf(scores, name);
  if (n === 0) throw new AdaarInputError(name, 'is empty');
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new AdaarInputError(name, `expected finite numbers, found ${String(v)} at index ${i}`);
    }
    s[i] = v + 0;
  }
  return s;
}

/** Throws when two paired inputs differ in length. */
export function checkSameLength(
  a: ArrayLike<unknown>,
  aName: string,
  b: ArrayLike<unknown>,
  bName: string,
): void {
  const na = lengthOf(a, aName);
  const nb = lengthOf(b, bName);
  if (na !== nb) {
    throw new AdaarInputError(bName, `has length ${nb} but ${aName} has length ${na}`);
  }
}

/** Throws unless both classes are present (metrics such as AUC and KS need both). */
export function requireBothClasses(labels: BinaryLabels, metric: string, name = 'labels'): void {
  if (labels.nPositive === 0 || labels.nNegative === 0) {
    const which = labels.nPositive === 0 ? 'no positive' : 'no negative';
    throw new AdaarInputError(
      name,
      `${which} labels: ${metric} is undefined with a single class (${labels.nPositive} positive, ${labels.nNegative} negative)`,
    );
  }
}

/** Throws unless at least one positive label is present (recall needs positives). */
export function requirePositives(labels: BinaryLabels, metric: string, name = 'labels'): void {
  if (labels.nPositive === 0) {
    throw new AdaarInputError(
      name,
      `no positive labels: ${metric} is undefined without positives (${labels.nNegative} negative)`,
    );
  }
}

/** Throws unless `value` is a number in (0, 1]. */
export function checkUnitTarget(value: number, name: string, what: string): void {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new AdaarInputError(name, `${what} must be in (0, 1], got ${String(value)}`);
  }
}
