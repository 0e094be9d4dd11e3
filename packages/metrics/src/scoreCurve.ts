import { sortDescending } from './sortDescending';
import type { LabelOptions } from './types';
import {
  checkSameLength,
  requireBothClasses,
  requirePositives,
  toBinaryLabels,
  toFiniteScores,
} from './validate';

/**
 * The cumulative confusion counts at every distinct score, highest score first: the
 * common base of ROC, precision-recall, KS and AUC. At threshold `thresholds[k]` every
 * row with `score >= thresholds[k]` is predicted positive, so tied scores always enter
 * together.
 */
export interface ScoreCurve {
  /** Distinct scores in descending order (length m <= n). */
  thresholds: Float64Array;
  /** `tp[k]`: positives with score >= thresholds[k] (non-decreasing, ends at nPositive). */
  tp: Float64Array;
  /** `fp[k]`: negatives with score >= thresholds[k] (non-decreasing, ends at nNegative). */
  fp: Float64Array;
  /** Number of positive labels. */
  nPositive: number;
  /** Number of negative labels. */
  nNegative: number;
}

/** Builds the curve from already validated 0/1 labels and finite scores. O(n) after the sort. */
export function curveFromValidated(
  y: Uint8Array,
  s: Float64Array,
  nPositive: number,
  nNegative: number,
): ScoreCurve {
  const n = s.length;
  const order = sortDescending(s);
  const thr = new Float64Array(n);
  const tpAll = new Float64Array(n);
  const fpAll = new Float64Array(n);
  let m = 0;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; ) {
    const v = s[order[i]];
    while (i < n && s[order[i]] === v) {
      if (y[order[i]] === 1) tp++;
      else fp++;
      i++;
    }
    thr[m] = v;
    tpAll[m] = tp;
    fpAll[m] = fp;
    m++;
  }
  return {
    thresholds: thr.slice(0, m),
    tp: tpAll.slice(0, m),
    fp: fpAll.slice(0, m),
    nPositive,
    nNegative,
  };
}

/**
 * Cumulative true/false positive counts at each distinct score (descending), for plotting
 * ROC or precision-recall curves or computing custom metrics. O(n log n) worst case (one
 * radix index sort).
 *
 * @param labels - binary labels, coded as in {@link LabelOptions} (default 0/1).
 * @param scores - finite scores, higher = more likely positive.
 * @throws AdaarInputError (`labels`/`scores`) on different lengths, empty input, non-finite
 * scores or labels other than the declared values. A single class is allowed here.
 */
export function scoreCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts?: LabelOptions,
): ScoreCurve {
  checkSameLength(labels, 'labels', scores, 'scores');
  const { y, nPositive, nNegative } = toBinaryLabels(labels, opts);
  const s = toFiniteScores(scores);
  return curveFromValidated(y, s, nPositive, nNegative);
}

/** Validates inputs, checks the classes a metric needs, and builds the curve (internal). */
export function buildCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts: LabelOptions | undefined,
  metric: string,
  needs: 'both-classes' | 'positives',
): ScoreCurve {
  checkSameLength(labels, 'labels', scores, 'scores');
  const bl = toBinaryLabels(labels, opts);
  if (needs === 'both-classes') requireBothClasses(bl, metric);
  else requirePositives(bl, metric);
  const s = toFiniteScores(scores);
  return curveFromValidated(bl.y, s, bl.nPositive, bl.nNegative);
}
