import { AdaarInputError } from '@adaar/data';
import { studentTCdf, studentTQuantile, studentTSf } from './specialFunctions';
import type { Alternative } from './types';
import { checkSameLength, toFiniteScores } from './validate';
import { checkAlternative } from './wilcoxonSignedRank';

/** Options of {@link pairedTTest}. */
export interface PairedTTestOptions {
  /** Alternative hypothesis about the mean of `a - b`. Default `'two-sided'`. */
  alternative?: Alternative;
  /** Confidence level of the interval for the mean difference, in (0, 1). Default 0.95. */
  level?: number;
}

/** Result of {@link pairedTTest}. */
export interface PairedTTestResult {
  /** t statistic: mean(d) / (sd(d) / sqrt(n)). */
  statistic: number;
  /** Degrees of freedom, n - 1. */
  df: number;
  /** p-value from Student's t distribution. */
  pValue: number;
  /** Mean of the differences a - b. */
  meanDifference: number;
  /** Sample standard deviation of the differences (n - 1 divisor). */
  stdDifference: number;
  /**
   * Confidence interval for the mean difference at `level`; one-sided alternatives give a
   * half-infinite interval (as scipy's `confidence_interval`).
   */
  ci: [number, number];
  /** The confidence level of `ci`. */
  level: number;
  /** Number of pairs. */
  n: number;
  /** The alternative tested. */
  alternative: Alternative;
}

/**
 * Paired Student t test on the differences `d = a - b`: t = mean(d) / (sd(d) / sqrt(n)),
 * df = n - 1, p from the t distribution (regularized incomplete beta). Same result as
 * `scipy.stats.ttest_rel(a, b, alternative=...)`.
 *
 * @param a - first measurement per pair.
 * @param b - second measurement per pair.
 * @param opts - alternative (default two-sided) and CI level (default 0.95).
 * @throws AdaarInputError naming `a`/`b` on different lengths, empty input or non-finite
 * values; naming `a` with fewer than 2 pairs; naming `b` when every difference is the same
 * (zero variance: t is undefined); naming `level`/`alternative` when invalid.
 * @example
 * ```ts
 * const r = pairedTTest(aucAdaar, aucSmote); // r.statistic, r.pValue, r.ci
 * ```
 */
export function pairedTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  opts?: PairedTTestOptions,
): PairedTTestResult {
  const alternative = opts?.alternative ?? 'two-sided';
  const level = opts?.level ?? 0.95;
  checkAlternative(alternative);
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new AdaarInputError('level', `expected a number in (0, 1), got ${String(level)}`);
  }
  checkSameLength(a, 'a', b, 'b');
  const x = toFiniteScores(a, 'a');
  const y = toFiniteScores(b, 'b');
  const n = x.length;
  if (n < 2) throw new AdaarInputError('a', `needs at least 2 pairs, got ${n}`);
  const d = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    d[i] = x[i] - y[i];
    sum += d[i];
  }
  const mean = sum / n;
  let ss = 0;
  let allEqual = true;
  for (let i = 0; i < n; i++) {
    const e = d[i] - mean;
    ss += e * e;
    if (d[i] !== d[0]) allEqual = false;
  }
  if (allEqual) {
    throw new AdaarInputError(
      'b',
      `every difference a - b equals ${d[0]}: zero variance, the t statistic is undefined`,
    );
  }
  const sd = Math.sqrt(ss / (n - 1));
  const se = sd / Math.sqrt(n);
  const t = mean / se;
  const df = n - 1;
  let pValue: number;
  let ci: [number, number];
  if (alternative === 'greater') {
    pValue = studentTSf(t, df);
    ci = [mean - studentTQuantile(level, df) * se, Infinity];
  } else if (alternative === 'less') {
    pValue = studentTCdf(t, df);
    ci = [-Infinity, mean + studentTQuantile(level, df) * se];
  } else {
    pValue = Math.min(1, 2 * studentTSf(Math.abs(t), df));
    const q = studentTQuantile(0.5 + level / 2, df);
    ci = [mean - q * se, mean + q * se];
  }
  return {
    statistic: t,
    df,
    pValue,
    meanDifference: mean,
    stdDifference: sd,
    ci,
    level,
    n,
    alternative,
  };
}
