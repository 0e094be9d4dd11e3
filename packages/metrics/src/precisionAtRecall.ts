import { buildCurve, type ScoreCurve } from './scoreCurve';
import type { LabelOptions } from './types';
import { checkUnitTarget } from './validate';

/** P@R from a curve with at least one positive (internal; `r` already checked). */
export function precisionAtRecallFromCurve(c: ScoreCurve, r: number): number {
  const { tp, fp } = c;
  let best = 0;
  for (let k = 0; k < tp.length; k++) {
    if (tp[k] / c.nPositive >= r) {
      const prec = tp[k] / (tp[k] + fp[k]);
      if (prec > best) best = prec;
    }
  }
  return best;
}

/**
 * Precision at recall `r`: the largest precision over thresholds whose recall is >= `r`
 * (thresholds = distinct scores, tied scores enter together, no interpolation). Every
 * `r` in (0, 1] is reached by the lowest threshold, so the result is always defined.
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param scores - finite scores, higher = more likely positive.
 * @param r - the recall floor, in (0, 1]. Default 0.5.
 * @returns precision in (0, 1].
 * @throws AdaarInputError naming `r` when it is outside (0, 1]; naming `labels`/`scores` on
 * different lengths, empty input, non-finite scores, bad labels, or no positive label.
 * @example
 * ```ts
 * precisionAtRecall([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.2], 1); // 2 / 3
 * ```
 */
export function precisionAtRecall(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  r = 0.5,
  opts?: LabelOptions,
): number {
  checkUnitTarget(r, 'r', 'recall target');
  return precisionAtRecallFromCurve(
    buildCurve(labels, scores, opts, 'precision at recall', 'positives'),
    r,
  );
}
