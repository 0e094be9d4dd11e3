import type { Dataset, SeedLike } from '@adaar/data';
import type { FitOptions, FittedSampler, Sampler, SamplingStrategy } from './sampler';
import { syntheticCount } from './syntheticCount';
import { validateTrainingSet } from './validateTrainingSet';

/** Options of {@link fitResample}. */
export interface FitResampleOptions extends FitOptions {
  /** Seed of the `sample` draw. Default: the fitted sampler's own stream (from `seed`). */
  readonly sampleSeed?: SeedLike;
}

/** What {@link fitResample} returns. */
export interface FitResampleResult {
  /**
   * The training rows, unchanged and in order, followed by the synthetic rows (label 1).
   * Column metadata is kept; `period`, when present, is NaN for synthetic rows.
   */
  readonly dataset: Dataset;
  /** Per row of `dataset`: 1 for a synthetic row, 0 for a training row. */
  readonly isSynthetic: Uint8Array;
  /** Number of synthetic rows appended (for ADASYN, its rounded count; see `sampleCount`). */
  readonly nSynthetic: number;
}

/**
 * Fits `sampler` on `train`, draws `syntheticCount(train, strategy)` rows, and returns the
 * training data with them appended and marked (imbalanced-learn's `fit_resample`). The
 * fitted sampler is disposed afterwards; for several draws from one fit (a K sweep), call
 * `fit` and `sample` yourself.
 *
 * @param strategy - how many rows (default `'balance'`).
 * @throws AdaarInputError for invalid `train` (see {@link validateTrainingSet}) or `strategy`,
 *   and whatever the sampler's `fit` throws.
 * @throws Error when the sampler returns rows of the wrong width or non-finite values.
 *
 * @example
 * ```ts
 * const { dataset, isSynthetic, nSynthetic } = await fitResample(new Smote(), train, { K: 2 }, { seed: 1 });
 * ```
 */
export async function fitResample(
  sampler: Sampler,
  train: Dataset,
  strategy: SamplingStrategy = 'balance',
  opts: FitResampleOptions = {},
): Promise<FitResampleResult> {
  validateTrainingSet(train);
  const n = syntheticCount(train, strategy);
  const { sampleSeed, ...fitOpts } = opts;
  const fitted: FittedSampler = await sampler.fit(train, fitOpts);
  try {
    opts.signal?.throwIfAborted();
    const d = train.nCols;
    const expected = fitted.sampleCount ? fitted.sampleCount(n) : n;
    let X = new Float64Array((train.nRows + expected) * d);
    X.set(train.X);
    const rows = await fitted.sample(n, {
      ...(sampleSeed === undefined ? {} : { seed: sampleSeed }),
      out: X.subarray(train.X.length),
    });
    if (!(rows instanceof Float64Array) || rows.length % d !== 0) {
      throw new Error(
        `sampler "${sampler.name}" returned ${rows?.length} values, not a multiple of nCols = ${d}`,
      );
    }
    const nSynthetic = rows.length / d;
    const inPlace = rows.buffer === X.buffer && rows.byteOffset === train.X.length * 8;
    if (!inPlace || nSynthetic !== expected) {
      const full = new Float64Array((train.nRows + nSynthetic) * d);
      full.set(train.X);
      full.set(rows, train.X.length);
      X = full;
    }
    const bad = firstNonFinite(X, train.X.length);
    if (bad >= 0) {
      const r = Math.floor((bad - train.X.length) / d);
      throw new Error(`sampler "${sampler.name}" produced ${X[bad]} in synthetic row ${r}`);
    }
    const nRows = train.nRows + nSynthetic;
    const y = new Uint8Array(nRows);
    y.set(train.y);
    y.fill(1, train.nRows);
    const isSynthetic = new Uint8Array(nRows);
    isSynthetic.fill(1, train.nRows);
    let period: Float64Array | undefined;
    if (train.period) {
      period = new Float64Array(nRows).fill(Number.NaN);
      period.set(train.period);
    }
    const dataset: Dataset = { ...train, nRows, X, y, ...(period ? { period } : {}) };
    return { dataset, isSynthetic, nSynthetic };
  } finally {
    fitted.dispose?.();
  }
}

function firstNonFinite(X: Float64Array, from: number): number {
  for (let i = from; i < X.length; i++) {
    const v = X[i];
    if (v - v !== 0) return i;
  }
  return -1;
}
