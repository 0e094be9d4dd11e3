import { type Dataset, NotFittedError, type Rng, toRng } from '@adaar/data';
import { checkSampleSize, drawRng, outputBuffer } from './sampleArgs';
import type { FitOptions, FittedSampler, SampleOptions, Sampler } from './sampler';
import { validateTrainingSet } from './validateTrainingSet';

/** Options of {@link RandomOverSampler} (none yet; kept for the registry's uniform shape). */
export type RandomOverSamplerOptions = Record<string, never>;

/**
 * Random oversampling (ROS): each synthetic row is a copy of a high-risk training row drawn
 * uniformly with replacement, as imbalanced-learn's `RandomOverSampler` (without shrinkage).
 *
 * @example
 * ```ts
 * const fitted = new RandomOverSampler().fit(train, { seed: 1 });
 * const rows = fitted.sample(100); // 100 x train.nCols copies of high-risk rows
 * ```
 */
export class RandomOverSampler implements Sampler<FittedRandomOverSampler> {
  /** Registry name. */
  readonly name = 'ros';
  private last: FittedRandomOverSampler | undefined;

  /**
   * Stores the high-risk rows.
   * @throws AdaarInputError (argument `train`) as {@link validateTrainingSet}.
   */
  fit(train: Dataset, opts: FitOptions = {}): FittedRandomOverSampler {
    opts.signal?.throwIfAborted();
    const { positiveIndices } = validateTrainingSet(train);
    const d = train.nCols;
    const rows = new Float64Array(positiveIndices.length * d);
    positiveIndices.forEach((r, i) => {
      rows.set(train.X.subarray(r * d, r * d + d), i * d);
    });
    this.last = new FittedRandomOverSampler(rows, positiveIndices.length, d, toRng(opts.seed));
    return this.last;
  }

  /**
   * Samples from the most recent fit.
   * @throws NotFittedError before `fit`.
   */
  sample(n: number, opts?: SampleOptions): Float64Array {
    if (!this.last) throw new NotFittedError('RandomOverSampler');
    return this.last.sample(n, opts);
  }
}

/** A fitted {@link RandomOverSampler}. */
export class FittedRandomOverSampler implements FittedSampler {
  /** Method name. */
  readonly name = 'ros';
  private rows: Float64Array | undefined;

  /** @internal */
  constructor(
    rows: Float64Array,
    /** Number of high-risk training rows. */
    readonly nPositive: number,
    /** Feature columns. */
    readonly nCols: number,
    private readonly rng: Rng,
  ) {
    this.rows = rows;
  }

  /**
   * `n` copies of uniformly drawn high-risk rows.
   * @throws AdaarInputError (argument `n`) unless a non-negative integer.
   * @throws NotFittedError after `dispose()`.
   */
  sample(n: number, opts: SampleOptions = {}): Float64Array {
    checkSampleSize(n);
    const rows = this.rows;
    if (!rows) throw new NotFittedError('FittedRandomOverSampler (disposed)');
    const d = this.nCols;
    const out = outputBuffer(opts.out, n * d);
    const rng = drawRng(opts.seed, this.rng);
    copyRandomRows(rows, this.nPositive, d, rng, out, n);
    return out;
  }

  /** Frees the stored rows; later `sample` calls throw. */
  dispose(): void {
    this.rows = undefined;
  }
}

function copyRandomRows(
  rows: Float64Array,
  nRows: number,
  d: number,
  rng: Rng,
  out: Float64Array,
  n: number,
): void {
  for (let s = 0, o = 0; s < n; s++) {
    const b = rng.int(nRows) * d;
    for (let f = 0; f < d; f++, o++) out[o] = rows[b + f];
  }
}
