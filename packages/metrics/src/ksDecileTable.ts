import { AdaarInputError } from '@adaar/data';
import { buildCurve } from './scoreCurve';
import type { LabelOptions } from './types';

/** One row of a KS (gains) table: a band of rows ranked by score, highest band first. */
export interface KsDecileRow {
  /** 1-based band number, 1 = highest scores. */
  band: number;
  /** Lowest score in the band. */
  minScore: number;
  /** Highest score in the band. */
  maxScore: number;
  /** Rows in the band. */
  count: number;
  /** Positive rows in the band. */
  positives: number;
  /** Negative rows in the band. */
  negatives: number;
  /** positives / count. */
  positiveRate: number;
  /** positiveRate divided by the overall positive rate. */
  lift: number;
  /** Share of all positives in this band and the bands above it (cumulative TPR). */
  cumulativePositiveShare: number;
  /** Share of all negatives in this band and the bands above it (cumulative FPR). */
  cumulativeNegativeShare: number;
  /** cumulativePositiveShare - cumulativeNegativeShare at the band's lower edge. */
  ks: number;
}

/** Options of {@link ksDecileTable}. */
export interface KsDecileTableOptions extends LabelOptions {
  /** Number of equal-count bands. Default 10 (deciles). */
  bins?: number;
}

/**
 * The credit-scoring KS table: rows ranked by score (highest first) and cut into `bins`
 * bands of about equal count, with counts, positive rate, lift, cumulative shares and the
 * KS gap at each band's lower edge. Tied scores are never split across bands: a band
 * starts at the first distinct score whose first row falls in a new nominal band
 * (`floor(rank * bins / n)`, rank 0-based), so heavy ties can give uneven bands and fewer
 * than `bins` rows. The largest `ks` in the table is at most {@link ks}'s statistic.
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param scores - finite scores, higher = more likely positive.
 * @param opts - `bins` (integer >= 1, default 10) and the label coding.
 * @throws AdaarInputError naming `bins` when it is not a positive integer; naming
 * `labels`/`scores` on different lengths, empty input, non-finite scores, bad labels or a
 * single class.
 * @example
 * ```ts
 * const table = ksDecileTable(labels, scores); // up to 10 rows, band 1 = riskiest
 * ```
 */
export function ksDecileTable(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts?: KsDecileTableOptions,
): KsDecileRow[] {
  const bins = opts?.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new AdaarInputError('bins', `expected an integer >= 1, got ${String(bins)}`);
  }
  const c = buildCurve(labels, scores, opts, 'the KS table', 'both-classes');
  const { thresholds, tp, fp, nPositive: P, nNegative: N } = c;
  const n = P + N;
  const rows: KsDecileRow[] = [];
  let nominal = -1;
  let startTp = 0;
  let startFp = 0;
  let maxScore = 0;
  const close = (k: number): void => {
    const pos = tp[k] - startTp;
    const neg = fp[k] - startFp;
    const count = pos + neg;
    const cumPos = tp[k] / P;
    const cumNeg = fp[k] / N;
    rows.push({
      band: rows.length + 1,
      minScore: thresholds[k],
      maxScore,
      count,
      positives: pos,
      negatives: neg,
      positiveRate: pos / count,
      lift: pos / count / (P / n),
      cumulativePositiveShare: cumPos,
      cumulativeNegativeShare: cumNeg,
      ks: cumPos - cumNeg,
    });
    startTp = tp[k];
    startFp = fp[k];
  };
  for (let k = 0; k < thresholds.length; k++) {
    const firstRank = k === 0 ? 0 : tp[k - 1] + fp[k - 1];
    const band = Math.floor((firstRank * bins) / n);
    if (band > nominal) {
      if (k > 0) close(k - 1);
      nominal = band;
      maxScore = thresholds[k];
    }
  }
  close(thresholds.length - 1);
  return rows;
}
