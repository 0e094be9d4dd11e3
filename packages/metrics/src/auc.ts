import { buildCurve, type ScoreCurve } from './scoreCurve';
import type { LabelOptions } from './types';

/** AUC from a curve with both classes present (internal). */
export function aucFromCurve(c: ScoreCurve): number {
  // Trapezoids over the ROC steps, kept in integer counts: sum of dFP * (TP_k + TP_{k-1})
  // is exactly twice the Mann-Whitney U (ties count one half), so the only rounding is
  // the final division. Exact while 2 * nPositive * nNegative < 2^53.
  const { tp, fp } = c;
  let twiceU = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < tp.length; k++) {
    twiceU += (fp[k] - prevFp) * (tp[k] + prevTp);
    prevTp = tp[k];
    prevFp = fp[k];
  }
  return twiceU / (2 * c.nPositive * c.nNegative);
}

/**
 * Area under the ROC curve, exact and rank-based (Mann-Whitney U / (P N)): the probability
 * that a random positive scores above a random negative, ties counting one half. Equals
 * scikit-learn's `roc_auc_score`. O(n log n).
 *
 * @param labels - binary labels (default coding 0 = negative, 1 = positive; see `opts`).
 * @param scores - finite scores, higher = more likely positive (probabilities or any scale).
 * @param opts - label coding.
 * @returns AUC in [0, 1].
 * @throws AdaarInputError naming `labels` or `scores` on different lengths, empty input,
 * NaN/Infinity scores, labels other than the declared values, or a single class (AUC is
 * undefined then).
 * @example
 * ```ts
 * auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 */
export function auc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts?: LabelOptions,
): number {
  return aucFromCurve(buildCurve(labels, scores, opts, 'AUC', 'both-classes'));
}
