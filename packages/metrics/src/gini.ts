import { aucFromCurve } from './auc';
import { buildCurve } from './scoreCurve';
import type { LabelOptions } from './types';

/**
 * Gini coefficient (accuracy ratio) as used in credit scoring: `2 * AUC - 1`, in [-1, 1].
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param scores - finite scores, higher = more likely positive.
 * @throws AdaarInputError naming `labels` or `scores` on the same bad inputs as {@link auc},
 * including a single class.
 * @example
 * ```ts
 * gini([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.5
 * ```
 */
export function gini(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts?: LabelOptions,
): number {
  return 2 * aucFromCurve(buildCurve(labels, scores, opts, 'Gini', 'both-classes')) - 1;
}
