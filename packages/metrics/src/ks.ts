import { buildCurve, type ScoreCurve } from './scoreCurve';
import type { LabelOptions } from './types';

/** The Kolmogorov-Smirnov separation and where it occurs. */
export interface KsResult {
  /** max over thresholds of TPR - FPR, in [0, 1]. */
  statistic: number;
  /**
   * The score where the maximum is reached: rows with score >= threshold are predicted
   * positive. The highest such score when several thresholds tie; `Infinity` when no
   * threshold beats the empty selection (statistic 0).
   */
  threshold: number;
  /** True positive rate (share of positives with score >= threshold). */
  tpr: number;
  /** False positive rate (share of negatives with score >= threshold). */
  fpr: number;
}

/** KS from a curve with both classes present (internal). */
export function ksFromCurve(c: ScoreCurve): KsResult {
  const { tp, fp, nPositive: P, nNegative: N } = c;
  // Compare TPR - FPR = (tp N - fp P) / (P N) through its integer numerator: exact argmax.
  let best = 0;
  let bestK = -1;
  for (let k = 0; k < tp.length; k++) {
    const d = tp[k] * N - fp[k] * P;
    if (d > best) {
      best = d;
      bestK = k;
    }
  }
  if (bestK < 0) return { statistic: 0, threshold: Infinity, tpr: 0, fpr: 0 };
  return {
    statistic: best / (P * N),
    threshold: c.thresholds[bestK],
    tpr: tp[bestK] / P,
    fpr: fp[bestK] / N,
  };
}

/**
 * Kolmogorov-Smirnov statistic of a scorer: the largest gap TPR - FPR between the
 * cumulative score distributions of positives and negatives, over thresholds at the
 * distinct scores (tied scores enter together) and the empty selection, so it is >= 0
 * (an inverted scorer gives 0). Equals `max(tpr - fpr)` of scikit-learn's
 * `roc_curve(drop_intermediate=False)`.
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param scores - finite scores, higher = more likely positive.
 * @returns the statistic and the score threshold where it occurs.
 * @throws AdaarInputError naming `labels`/`scores` on different lengths, empty input,
 * non-finite scores, bad labels, or a single class (KS is undefined then).
 * @example
 * ```ts
 * ks([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // { statistic: 0.5, threshold: 0.8, tpr: 0.5, fpr: 0 }
 * ```
 */
export function ks(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts?: LabelOptions,
): KsResult {
  return ksFromCurve(buildCurve(labels, scores, opts, 'KS', 'both-classes'));
}
