import { AdaarInputError } from './errors';

const MONTH_RE = /^(\d{4})-(\d{1,2})(?:-\d{1,2}(?:[T ].*)?)?$/;

/**
 * Turns a calendar month into a monthly period number: `year * 12 + (month - 1)`, so
 * consecutive months differ by 1 (`'2011-12'` -> 24143, `'2012-01'` -> 24144).
 *
 * @param value - `YYYY-MM` or `YYYY-MM-DD...` string, or a Date (its UTC month).
 * @param lenient - when true, return `undefined` for a string that is not a month instead of
 *   throwing.
 * @throws AdaarInputError (argument `value`) when the string is not `YYYY-MM...` or the month
 *   is outside 1..12.
 */
export function monthIndex(value: string | Date, lenient = false): number | undefined {
  if (value instanceof Date) return value.getUTCFullYear() * 12 + value.getUTCMonth();
  const m = MONTH_RE.exec(value.trim());
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) {
    if (lenient) return undefined;
    throw new AdaarInputError('value', `"${value}" is not a YYYY-MM month`);
  }
  return Number(m[1]) * 12 + month - 1;
}

/**
 * The `YYYY-MM` label of a monthly period number made by {@link monthIndex}.
 * @throws AdaarInputError (argument `index`) when `index` is not a non-negative integer.
 */
export function monthLabel(index: number): string {
  if (!Number.isInteger(index) || index < 0) {
    throw new AdaarInputError('index', `expected a non-negative integer, got ${index}`);
  }
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
