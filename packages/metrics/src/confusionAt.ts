import { AdaarInputError } from '@adaar/data';
import type { LabelOptions } from './types';
import { checkSameLength, toBinaryLabels, toFiniteScores } from './validate';

/** Confusion counts and derived rates at one threshold. */
export interface Confusion {
  /** The threshold used: rows with score >= threshold are predicted positive. */
  threshold: number;
  /** True positives. */
  tp: number;
  /** False positives. */
  fp: number;
  /** True negatives. */
  tn: number;
  /** False negatives. */
  fn: number;
  /** tp / (tp + fp); 0 when nothing is predicted positive. */
  precision: number;
  /** tp / (tp + fn); 0 when there are no positives. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

/**
 * Confusion counts, precision, recall and F1 when rows with `score >= threshold` are
 * predicted positive (the same rule as every curve metric here). Undefined ratios are
 * reported as 0, like scikit-learn's `zero_division=0`. O(n), no sort.
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param scores - finite scores, higher = more likely positive.
 * @param threshold - any number except NaN (`Infinity` predicts nothing positive).
 * @throws AdaarInputError naming `threshold` when it is NaN or not a number; naming
 * `labels`/`scores` on different lengths, empty input, non-finite scores or bad labels.
 * @example
 * ```ts
 * confusionAt([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.2], 0.5); // tp 1, fp 1, tn 1, fn 1, f1 0.5
 * ```
 */
export function confusionAt(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
  opts?: LabelOptions,
): Confusion {
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new AdaarInputError('threshold', `expected a number, got ${String(threshold)}`);
  }
  checkSameLength(labels, 'labels', scores, 'scores');
  const { y, nPositive, nNegative } = toBinaryLabels(labels, opts);
  const s = toFiniteScores(scores);
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] >= threshold) {
      if (y[i] === 1) tp++;
      else fp++;
    }
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = nPositive > 0 ? tp / nPositive : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    threshold,
    tp,
    fp,
    tn: nNegative - fp,
    fn: nPositive - tp,
    precision,
    recall,
    f1,
  };
}
