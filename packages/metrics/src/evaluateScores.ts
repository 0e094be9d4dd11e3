import { AdaarInputError } from '@adaar/data';
import { aucFromCurve } from './auc';
import { averagePrecisionFromCurve } from './averagePrecision';
import { brierOrNull } from './brier';
import { ksFromCurve } from './ks';
import { recallAtPrecisionFromCurve } from './recallAtPrecision';
import { curveFromValidated } from './scoreCurve';
import type { LabelOptions } from './types';
import {
  checkSameLength,
  checkUnitTarget,
  requireBothClasses,
  toBinaryLabels,
  toFiniteScores,
} from './validate';

/** Options of {@link evaluateScores}. */
export interface EvaluateOptions extends LabelOptions {
  /**
   * Precision floors for recall-at-precision, each in (0, 1]. Default
   * `[0.1, defaultSecondPrecision(positiveRate)]`: the paper's R@P_0.1 plus one at about
   * 3.5x the positive rate (evaluation.md), informative on any prevalence.
   */
  precisions?: readonly number[];
}

/** One recall-at-precision value. */
export interface RecallAtPrecisionValue {
  /** The precision floor p. */
  precision: number;
  /** The largest recall with precision >= p (0 when none). */
  recall: number;
}

/** Every score metric at once, as the bench records them per run. */
export interface ScoreMetrics {
  /** Rows. */
  n: number;
  /** Positive rows. */
  nPositive: number;
  /** Negative rows. */
  nNegative: number;
  /** nPositive / n: print it beside R@P, which is trivial when it is >= p. */
  positiveRate: number;
  /** ROC AUC (ties half credit). */
  auc: number;
  /** 2 AUC - 1. */
  gini: number;
  /** Step-wise average precision. */
  averagePrecision: number;
  /** KS statistic, max(TPR - FPR). */
  ks: number;
  /** Score where the KS maximum occurs (`Infinity` when ks = 0). */
  ksThreshold: number;
  /** Brier score, or `null` when some score lies outside [0, 1] (not a probability). */
  brier: number | null;
  /** Recall at each requested precision floor, in the order given. */
  recallAtPrecision: RecallAtPrecisionValue[];
}

/**
 * The default second precision floor for a test positive rate: 3.5 x the rate, rounded to
 * two significant digits, capped at 1 (evaluation.md: "about 3-4x the test positive rate").
 *
 * @param positiveRate - share of positives, in (0, 1].
 * @throws AdaarInputError naming `positiveRate` when outside (0, 1].
 * @example
 * ```ts
 * defaultSecondPrecision(0.02); // 0.07
 * ```
 */
export function defaultSecondPrecision(positiveRate: number): number {
  checkUnitTarget(positiveRate, 'positiveRate', 'positive rate');
  const v = 3.5 * positiveRate;
  if (v >= 1) return 1;
  return Number(v.toPrecision(2));
}

/**
 * Computes AUC, Gini, average precision, KS (with its threshold), Brier (when the scores
 * are probabilities) and recall at one or more precision floors from a single validation
 * and a single sort. Each value equals the corresponding single-metric function.
 *
 * @param labels - binary labels (default 0/1; see `opts`). Both classes must be present.
 * @param scores - finite scores, higher = more likely positive.
 * @param opts - precision floors (default `[0.1, defaultSecondPrecision(rate)]`) and label coding.
 * @throws AdaarInputError naming `labels`/`scores` on different lengths, empty input,
 * non-finite scores, bad labels or a single class; naming `precisions` when empty or
 * when a floor is outside (0, 1].
 * @example
 * ```ts
 * const m = evaluateScores(yTest, probaTest);
 * m.auc; m.recallAtPrecision[0].recall; // R@P_0.1
 * ```
 */
export function evaluateScores(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts?: EvaluateOptions,
): ScoreMetrics {
  checkSameLength(labels, 'labels', scores, 'scores');
  const bl = toBinaryLabels(labels, opts);
  requireBothClasses(bl, 'evaluateScores (AUC and KS)');
  const n = bl.y.length;
  const positiveRate = bl.nPositive / n;
  const precisions = opts?.precisions ?? [0.1, defaultSecondPrecision(positiveRate)];
  if (!Array.isArray(precisions) || precisions.length === 0) {
    throw new AdaarInputError('precisions', 'expected a non-empty array of numbers in (0, 1]');
  }
  for (const p of precisions) checkUnitTarget(p, 'precisions', 'every precision floor');
  const s = toFiniteScores(scores);
  const curve = curveFromValidated(bl.y, s, bl.nPositive, bl.nNegative);
  const a = aucFromCurve(curve);
  const k = ksFromCurve(curve);
  return {
    n,
    nPositive: bl.nPositive,
    nNegative: bl.nNegative,
    positiveRate,
    auc: a,
    gini: 2 * a - 1,
    averagePrecision: averagePrecisionFromCurve(curve),
    ks: k.statistic,
    ksThreshold: k.threshold,
    brier: brierOrNull(bl.y, s),
    recallAtPrecision: precisions.map((p) => ({
      precision: p,
      recall: recallAtPrecisionFromCurve(curve, p),
    })),
  };
}
