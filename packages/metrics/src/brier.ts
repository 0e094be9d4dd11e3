import { AdaarInputError } from '@adaar/data';
import type { LabelOptions } from './types';
import { checkSameLength, toBinaryLabels, toFiniteScores } from './validate';

/** Brier score of validated inputs; `null` when a score lies outside [0, 1] (internal). */
export function brierOrNull(y: Uint8Array, s: Float64Array): number | null {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    if (v < 0 || v > 1) return null;
    const e = v - y[i];
    sum += e * e;
  }
  return sum / s.length;
}

/**
 * Brier score: the mean squared difference between predicted probability and outcome,
 * `mean((p_i - y_i)^2)` with y = 1 for positives. Lower is better; 0 is perfect. Equals
 * scikit-learn's `brier_score_loss`. Defined with a single class.
 *
 * @param labels - binary labels (default 0/1; see `opts`).
 * @param probabilities - predicted probabilities of the positive class, each in [0, 1].
 * @throws AdaarInputError naming `labels`/`probabilities` on different lengths, empty input,
 * non-finite values, bad labels, or a probability outside [0, 1].
 * @example
 * ```ts
 * brier([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]); // 0.0375
 * ```
 */
export function brier(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  opts?: LabelOptions,
): number {
  checkSameLength(labels, 'labels', probabilities, 'probabilities');
  const { y } = toBinaryLabels(labels, opts);
  const s = toFiniteScores(probabilities, 'probabilities');
  const b = brierOrNull(y, s);
  if (b === null) {
    const i = s.findIndex((v) => v < 0 || v > 1);
    throw new AdaarInputError(
      'probabilities',
      `expected values in [0, 1], found ${s[i]} at index ${i}`,
    );
  }
  return b;
}
