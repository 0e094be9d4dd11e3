import { AdaarInputError } from '@adaar/data';

/** Throws unless `value` is an integer in [min, max]. */
export function checkInt(name: string, value: number, min: number, max = Infinity): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in ${min}..${max}`;
    throw new AdaarInputError(name, `expected an integer ${range}, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number in the given range (open or closed ends). */
export function checkNumber(
  name: string,
  value: number,
  min: number,
  max: number,
  { minOpen = false, maxOpen = false } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minOpen ? value > min : value >= min) &&
    (maxOpen ? value < max : value <= max);
  if (!ok) {
    const lo = minOpen ? '(' : '[';
    const hi = maxOpen ? ')' : ']';
    throw new AdaarInputError(
      name,
      `expected a number in ${lo}${min}, ${max}${hi}, got ${String(value)}`,
    );
  }
  return value;
}

/** Throws unless `value` is a non-empty list of positive integers. */
export function checkWidths(name: string, value: readonly number[]): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new AdaarInputError(name, 'expected a non-empty array of layer widths');
  }
  for (let i = 0; i < value.length; i++) checkInt(`${name}[${i}]`, value[i], 1);
  return [...value];
}

/** Throws unless `value` is one of `allowed`. */
export function checkChoice<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new AdaarInputError(
      name,
      `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${String(value)}`,
    );
  }
  return value;
}
