import { buildCurve, type ScoreCurve } from './scoreCurve';
import type { LabelOptions } from './types';
import { checkUnitTarget } from './validate';

/** R@P from a curve with at least one positive (internal; `p` already checked). */
export function recallAtPrecisionFromCurve(c: ScoreCurve, p: number): number {
  const { tp, fp } = c;
  let best = 0;
  for (let k = 0; k < tp.length; k++) {
    if (tp[k] / (tp[k] + fp[k]) >= p) {
      const r = tp[k] / c.nPositive;
      if (r > best) best = r;
    }
  }
  return best;
}

/**
 * Recall at precision `p` (R@P_p, the paper's R@P_0.1): the largest recall over thresholds
 * whose precision is >= `p`. Thresholds are the distinct scores; each keeps every row with
 * score >= it, so tied scores enter together. Returns 0 when no threshold reaches `p`.
 * Precision is compared as the float64 `tp / (tp + fp) >= p`, like scikit-learn's
 * `precision_recall_curve` (so 1 of 10 meets p = 0.1).
 *
 * Trivially 1 when the positive rate is >= `p`: report the positive rate beside it.
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param scores - finite scores, higher = more likely positive.
 * @param p - the precision floor, in (0, 1]. Default 0.1.
 * @returns recall in [0, 1].
 * @throws AdaarInputError naming `p` when it is outside (0, 1]; naming `labels`/`scores` on
 * different lengths, empty input, non-finite scores, bad labels, or no positive label.
 * @example
 * ```ts
 * recallAtPrecision([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.2], 0.6); // 0.5
 * ```
 */
export function recallAtPrecision(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  p = 0.1,
  opts?: LabelOptions,
): number {
  checkUnitTarget(p, 'p', 'precision target');
  return recallAtPrecisionFromCurve(
    buildCurve(labels, scores, opts, 'recall at precision', 'positives'),
    p,
  );
}
