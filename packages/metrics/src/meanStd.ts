import { toFiniteScores } from './validate';

/** Mean and sample standard deviation of a set of values. */
export interface MeanStd {
  /** Arithmetic mean. */
  mean: number;
  /** Sample standard deviation (divisor n - 1); NaN when n = 1. */
  std: number;
  /** Number of values. */
  n: number;
}

/**
 * Mean and sample standard deviation (n - 1 divisor, as in the paper's "mean ± std" and
 * numpy's `std(ddof=1)`), computed in two passes for accuracy.
 *
 * @param values - finite numbers, e.g. one metric over repeated seeds.
 * @returns `{ mean, std, n }`; `std` is NaN for a single value (undefined, not 0).
 * @throws AdaarInputError naming `values` when empty or when a value is NaN/Infinity.
 * @example
 * ```ts
 * meanStd([0.87, 0.88, 0.86]); // { mean: 0.87, std: 0.01, n: 3 }
 * ```
 */
export function meanStd(values: ArrayLike<number>): MeanStd {
  const v = toFiniteScores(values, 'values');
  const n = v.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i];
  const mean = sum / n;
  if (n === 1) return { mean, std: Number.NaN, n };
  let ss = 0;
  let corr = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i] - mean;
    ss += d * d;
    corr += d;
  }
  // Corrected two-pass formula: removes the rounding error left in `mean`.
  return { mean, std: Math.sqrt(Math.max(0, ss - (corr * corr) / n) / (n - 1)), n };
}
