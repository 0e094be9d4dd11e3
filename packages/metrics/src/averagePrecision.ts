import { buildCurve, type ScoreCurve } from './scoreCurve';
import type { LabelOptions } from './types';

/** AP from a curve with at least one positive (internal). */
export function averagePrecisionFromCurve(c: ScoreCurve): number {
  const { tp, fp } = c;
  let sum = 0;
  let prevTp = 0;
  for (let k = 0; k < tp.length; k++) {
    if (tp[k] !== prevTp) sum += (tp[k] - prevTp) * (tp[k] / (tp[k] + fp[k]));
    prevTp = tp[k];
  }
  return sum / c.nPositive;
}

/**
 * Average precision, the step-wise area under the precision-recall curve:
 * `sum_k (R_k - R_{k-1}) * P_k` over distinct score thresholds (tied scores form one
 * threshold, no interpolation). Equals scikit-learn's `average_precision_score`. A random
 * scorer gets about the positive rate.
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param scores - finite scores, higher = more likely positive.
 * @returns AP in (0, 1].
 * @throws AdaarInputError naming `labels`/`scores` on different lengths, empty input,
 * non-finite scores, bad labels, or no positive label.
 * @example
 * ```ts
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333...
 * ```
 */
export function averagePrecision(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts?: LabelOptions,
): number {
  return averagePrecisionFromCurve(
    buildCurve(labels, scores, opts, 'average precision', 'positives'),
  );
}
