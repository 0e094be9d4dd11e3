import { AdaarInputError, type SeedLike, toRng } from '@adaar/data';
import type { LabelOptions } from './types';
import { checkSameLength, requireBothClasses, toBinaryLabels, toFiniteScores } from './validate';

/**
 * A metric computed from 0/1 labels and scores, e.g. {@link auc} or
 * `(y, s) => recallAtPrecision(y, s, 0.1)`.
 */
export type BootstrapMetric = (labels: Uint8Array, scores: Float64Array) => number;

/** Options of {@link bootstrapCI}. */
export interface BootstrapOptions extends LabelOptions {
  /** Number of bootstrap resamples. Default 1000. */
  resamples?: number;
  /** Confidence level in (0, 1). Default 0.95. */
  level?: number;
  /** Seed or {@link Rng} from @adaar/data for the resampling. Default 0. */
  seed?: SeedLike;
  /**
   * Resample positives and negatives separately, keeping both class counts fixed (default
   * `true`), so every resample has both classes and a rare class never vanishes.
   * With `false`, rows are resampled freely and a resample with a single class is drawn
   * again (counted in `redraws`).
   */
  stratified?: boolean;
}

/** Result of {@link bootstrapCI}. */
export interface BootstrapResult {
  /** The metric on the original data. */
  estimate: number;
  /** Lower end of the percentile interval. */
  lower: number;
  /** Upper end of the percentile interval. */
  upper: number;
  /** The confidence level. */
  level: number;
  /** Standard deviation of the resampled metric values (bootstrap standard error). */
  standardError: number;
  /** Every resampled value, in draw order. */
  samples: Float64Array;
  /** Resamples thrown away for having a single class (always 0 when stratified). */
  redraws: number;
}

/** Linear-interpolation quantile (numpy's default, Hyndman-Fan type 7) of sorted values. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap confidence interval of a ranking metric, seeded with `Rng` from
 * @adaar/data (same seed, same interval). Each resample draws n rows with replacement
 * (within each class by default), the metric is computed on it, and the interval is the
 * `(1 - level) / 2` and `(1 + level) / 2` quantiles (linear interpolation) of the
 * resampled values. The metric receives 0/1 labels; the two arrays it gets are reused
 * between calls, so it must not keep them.
 *
 * @param labels - binary labels (default 0/1; see `opts`). Both classes must be present.
 * @param scores - finite scores.
 * @param metric - the statistic, e.g. `auc`.
 * @param opts - resamples (default 1000), level (0.95), seed (0), stratified (true).
 * @throws AdaarInputError naming `labels`/`scores` on different lengths, empty input,
 * non-finite scores, bad labels or a single class; naming `resamples` or `level` when out
 * of range; naming `metric` when it is not a function or returns a non-finite value.
 * @example
 * ```ts
 * const { lower, upper } = bootstrapCI(labels, scores, auc, { seed: 7 });
 * ```
 */
export function bootstrapCI(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  metric: BootstrapMetric,
  opts?: BootstrapOptions,
): BootstrapResult {
  const resamples = opts?.resamples ?? 1000;
  const level = opts?.level ?? 0.95;
  const stratified = opts?.stratified ?? true;
  if (typeof metric !== 'function') {
    throw new AdaarInputError('metric', 'expected a function (labels, scores) => number');
  }
  if (!Number.isInteger(resamples) || resamples < 2) {
    throw new AdaarInputError('resamples', `expected an integer >= 2, got ${String(resamples)}`);
  }
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new AdaarInputError('level', `expected a number in (0, 1), got ${String(level)}`);
  }
  checkSameLength(labels, 'labels', scores, 'scores');
  const bl = toBinaryLabels(labels, opts);
  requireBothClasses(bl, 'the bootstrap');
  const s = toFiniteScores(scores);
  const { y } = bl;
  const n = y.length;
  const rng = toRng(opts?.seed ?? 0);
  const call = (yy: Uint8Array, ss: Float64Array): number => {
    const v = metric(yy, ss);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new AdaarInputError('metric', `returned ${String(v)}, expected a finite number`);
    }
    return v;
  };
  const estimate = call(y.slice(), s.slice());

  const posIdx = new Uint32Array(bl.nPositive);
  const negIdx = new Uint32Array(bl.nNegative);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (y[i] === 1) posIdx[p++] = i;
    else negIdx[q++] = i;
  }
  const yb = new Uint8Array(n);
  const sb = new Float64Array(n);
  const samples = new Float64Array(resamples);
  let redraws = 0;
  for (let r = 0; r < resamples; r++) {
    if (stratified) {
      let k = 0;
      for (let i = 0; i < posIdx.length; i++, k++) {
        sb[k] = s[posIdx[rng.int(posIdx.length)]];
        yb[k] = 1;
      }
      for (let i = 0; i < negIdx.length; i++, k++) {
        sb[k] = s[negIdx[rng.int(negIdx.length)]];
        yb[k] = 0;
      }
    } else {
      for (;;) {
        let pos = 0;
        for (let i = 0; i < n; i++) {
          const j = rng.int(n);
          sb[i] = s[j];
          yb[i] = y[j];
          pos += y[j];
        }
        if (pos > 0 && pos < n) break;
        redraws++;
        if (redraws > 100 * resamples) {
          throw new AdaarInputError(
            'labels',
            'too few rows of one class for unstratified resampling',
          );
        }
      }
    }
    samples[r] = call(yb, sb);
  }
  const sorted = samples.slice().sort();
  let mean = 0;
  for (let i = 0; i < resamples; i++) mean += samples[i];
  mean /= resamples;
  let ss = 0;
  for (let i = 0; i < resamples; i++) ss += (samples[i] - mean) ** 2;
  const alpha = (1 - level) / 2;
  return {
    estimate,
    lower: quantileSorted(sorted, alpha),
    upper: quantileSorted(sorted, 1 - alpha),
    level,
    standardError: Math.sqrt(ss / (resamples - 1)),
    samples,
    redraws,
  };
}
