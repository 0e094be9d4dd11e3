import { AdaarInputError } from '@adaar/data';
import { normalCdf, normalSf } from './specialFunctions';
import type { Alternative } from './types';
import { checkSameLength, toFiniteScores } from './validate';

/** Options of {@link wilcoxonSignedRank}. */
export interface WilcoxonOptions {
  /** Alternative hypothesis about the differences `a - b`. Default `'two-sided'`. */
  alternative?: Alternative;
  /**
   * `'auto'` (default): exact when n <= 50 non-zero differences with no zero and no tied
   * absolute differences, else the normal approximation. `'exact'` throws when ties or
   * zeros make the exact null distribution invalid. `'normal'` always approximates.
   */
  method?: 'auto' | 'exact' | 'normal';
  /** Continuity correction in the normal approximation. Default `true`. */
  correction?: boolean;
}

/** Result of {@link wilcoxonSignedRank}. */
export interface WilcoxonResult {
  /**
   * The reported statistic, as scipy reports it: min(W+, W-) for a two-sided test, W+
   * for one-sided tests.
   */
  statistic: number;
  /** Sum of the ranks of positive differences. */
  wPlus: number;
  /** Sum of the ranks of negative differences. */
  wMinus: number;
  /** p-value. */
  pValue: number;
  /** How the p-value was computed. */
  method: 'exact' | 'normal';
  /** The normal z score (only for `method: 'normal'`). */
  z?: number;
  /** Number of non-zero differences used. */
  n: number;
  /** Number of zero differences dropped. */
  nZeros: number;
  /** Whether tied absolute differences occurred (average ranks were used). */
  ties: boolean;
  /** The alternative tested. */
  alternative: Alternative;
}

/**
 * Counts of subsets of {1..n} by their sum: entry w is the number of sign patterns with
 * W+ = w under the null hypothesis (2^n patterns in total, exact up to n = 50).
 */
function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const c = new Float64Array(max + 1);
  c[0] = 1;
  let top = 0;
  for (let r = 1; r <= n; r++) {
    top += r;
    for (let w = top; w >= r; w--) c[w] += c[w - r];
  }
  return c;
}

/**
 * Paired Wilcoxon signed-rank test on the differences `d = a - b` (zero differences are
 * dropped first, "wilcox" zero method; tied |d| get average ranks).
 *
 * - Exact: the null distribution of W+ enumerated by dynamic programming, used by default
 *   when there are at most 50 non-zero differences and no ties or zeros. Two-sided
 *   p = min(1, 2 min(P(W+ <= w), P(W+ >= w))).
 * - Normal approximation otherwise: mean n(n+1)/4, variance n(n+1)(2n+1)/24 minus
 *   sum(t^3 - t)/48 over tie groups, with a continuity correction of 0.5 toward the mean
 *   (switchable). Matches `scipy.stats.wilcoxon(a, b, correction=True, method='approx')`.
 *
 * @param a - first measurement per pair (e.g. ADAAR's AUC per seed).
 * @param b - second measurement per pair (e.g. another method's AUC for the same seeds).
 * @param opts - alternative, method and continuity correction.
 * @throws AdaarInputError naming `a`/`b` on different lengths, empty input or non-finite
 * values; naming `b` when every difference is zero; naming `method` when `'exact'` is
 * asked for with ties or zeros or more than 50 pairs; naming `alternative`/`method` when
 * they are not one of the allowed strings.
 * @example
 * ```ts
 * const r = wilcoxonSignedRank(aucAdaar, aucSmote); // r.pValue, r.method ('exact' for 5 seeds)
 * ```
 */
export function wilcoxonSignedRank(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  opts?: WilcoxonOptions,
): WilcoxonResult {
  const alternative = opts?.alternative ?? 'two-sided';
  const method = opts?.method ?? 'auto';
  const correction = opts?.correction ?? true;
  checkAlternative(alternative);
  if (method !== 'auto' && method !== 'exact' && method !== 'normal') {
    throw new AdaarInputError('method', `expected 'auto', 'exact' or 'normal', got ${method}`);
  }
  checkSameLength(a, 'a', b, 'b');
  const x = toFiniteScores(a, 'a');
  const y = toFiniteScores(b, 'b');
  const nonZero: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - y[i];
    if (d !== 0) nonZero.push(d);
  }
  const n = nonZero.length;
  const nZeros = x.length - n;
  if (n === 0) throw new AdaarInputError('b', 'every difference a - b is zero: no test possible');

  // Rank |d| with average ranks for ties; collect tie-group sizes.
  const order = nonZero
    .map((_, i) => i)
    .sort((i, j) => Math.abs(nonZero[i]) - Math.abs(nonZero[j]));
  let wPlus = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    const v = Math.abs(nonZero[order[i]]);
    while (j + 1 < n && Math.abs(nonZero[order[j + 1]]) === v) j++;
    const t = j - i + 1;
    const rank = (i + 1 + j + 1) / 2;
    for (let k = i; k <= j; k++) if (nonZero[order[k]] > 0) wPlus += rank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  const total = (n * (n + 1)) / 2;
  const wMinus = total - wPlus;
  const ties = tieTerm > 0;
  const statistic = alternative === 'two-sided' ? Math.min(wPlus, wMinus) : wPlus;
  const exactOk = !ties && nZeros === 0 && n <= 50;
  if (method === 'exact' && !exactOk) {
    throw new AdaarInputError(
      'method',
      `'exact' needs at most 50 pairs without zero or tied differences (n=${n}, zeros=${nZeros}, ties=${ties})`,
    );
  }
  const base = { statistic, wPlus, wMinus, n, nZeros, ties, alternative };
  if (method === 'exact' || (method === 'auto' && exactOk)) {
    const counts = signedRankCounts(n);
    const all = 2 ** n;
    let le = 0;
    for (let w = 0; w <= wPlus; w++) le += counts[w];
    let ge = 0;
    for (let w = wPlus; w <= total; w++) ge += counts[w];
    const pLe = le / all;
    const pGe = ge / all;
    let pValue: number;
    if (alternative === 'greater') pValue = pGe;
    else if (alternative === 'less') pValue = pLe;
    else pValue = Math.min(1, 2 * Math.min(pLe, pGe));
    return { ...base, pValue, method: 'exact' };
  }
  const mean = total / 2;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  let cc = 0;
  if (correction) {
    if (alternative === 'two-sided') cc = 0.5 * Math.sign(wPlus - mean);
    else cc = alternative === 'greater' ? 0.5 : -0.5;
  }
  const z = (wPlus - mean - cc) / sd;
  let pValue: number;
  if (alternative === 'greater') pValue = normalSf(z);
  else if (alternative === 'less') pValue = normalCdf(z);
  else pValue = Math.min(1, 2 * normalSf(Math.abs(z)));
  return { ...base, pValue, method: 'normal', z };
}

/** Throws unless `alternative` is one of the three allowed strings (internal). */
export function checkAlternative(alternative: string): void {
  if (alternative !== 'two-sided' && alternative !== 'greater' && alternative !== 'less') {
    throw new AdaarInputError(
      'alternative',
      `expected 'two-sided', 'greater' or 'less', got ${alternative}`,
    );
  }
}
