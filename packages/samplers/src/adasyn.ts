import { AdaarInputError, type Dataset, NotFittedError, type Rng, toRng } from '@adaar/data';
import { BruteForceKnn } from './knn/bruteForceKnn';
import { toKnnResult } from './knn/checkNeighbours';
import type { KnnEngine } from './knn/knnEngine';
import { minorityNeighbours } from './minorityNeighbours';
import { checkK, effectiveK } from './neighbourCount';
import { numpySum, rint } from './numpyCompat';
import { checkSampleSize, drawRng, outputBuffer } from './sampleArgs';
import type { FitOptions, FittedSampler, SampleOptions, Sampler } from './sampler';
import { validateTrainingSet } from './validateTrainingSet';

/** Options of {@link Adasyn}. */
export interface AdasynOptions {
  /** Neighbours per row, for the density and for interpolation (imbalanced-learn's `n_neighbors`). Default 5. */
  readonly k?: number;
  /**
   * With fewer than `k + 1` high-risk rows: `false` (default) throws an `AdaarInputError`;
   * `true` uses `k = (high-risk rows) - 1` for both neighbour searches.
   */
  readonly clampK?: boolean;
  /** Nearest-neighbour engine (used twice per fit). Default: a new {@link BruteForceKnn}. */
  readonly knn?: KnnEngine;
}

/**
 * ADASYN (He et al. 2008), as imbalanced-learn's `ADASYN` (0.10):
 *
 * 1. For each high-risk row i, `r_i = (low-risk rows among its k nearest neighbours in the
 *    whole training set, itself excluded) / k`.
 * 2. `r_i` is normalised by its sum (numpy's pairwise float64 sum, so the result is the same
 *    double as imbalanced-learn's); no row with a low-risk neighbour is an error.
 * 3. `sample(n)` gives row i `g_i = rint(r_i * n)` synthetic rows (round half to even, as
 *    `np.rint`), so it returns `sum_i g_i` rows, which can differ from `n` by up to about
 *    half the number of high-risk rows: use {@link FittedAdasyn.sampleCount} or
 *    {@link FittedAdasyn.allocation} to know it in advance.
 * 4. Each of row i's synthetic rows takes a uniform neighbour among its k nearest high-risk
 *    neighbours and one uniform weight w in [0, 1): `row = x_i + w (neighbour - x_i)`.
 *
 * All columns are treated as continuous (imbalanced-learn's ADASYN has no categorical mode).
 *
 * @example
 * ```ts
 * const fitted = new Adasyn().fit(train, { seed: 3 });
 * fitted.sampleCount(1000); // e.g. 998: the rows sample(1000) returns
 * const rows = fitted.sample(1000);
 * ```
 */
export class Adasyn implements Sampler<FittedAdasyn> {
  /** Registry name. */
  readonly name = 'adasyn';
  /** Requested neighbour count. */
  readonly k: number;
  private readonly opts: AdasynOptions;
  private last: FittedAdasyn | undefined;

  /** @throws AdaarInputError (argument `k`) unless `k` is a positive integer. */
  constructor(opts: AdasynOptions = {}) {
    this.k = checkK(opts.k ?? 5);
    this.opts = opts;
  }

  /**
   * Computes the density ratios and the high-risk neighbour table.
   * @throws AdaarInputError (argument `train`) for invalid data, too few high-risk rows, or
   *   when no high-risk row has a low-risk row among its k nearest neighbours (the ratio
   *   would be 0/0; imbalanced-learn raises too; use SMOTE on such data).
   */
  fit(train: Dataset, opts: FitOptions = {}): FittedAdasyn {
    opts.signal?.throwIfAborted();
    const summary = validateTrainingSet(train);
    const k = effectiveK('Adasyn', this.k, summary.positive, this.opts.clampK ?? false);
    const d = train.nCols;
    const nPos = summary.positive;
    const minority = new Float64Array(nPos * d);
    summary.positiveIndices.forEach((r, i) => {
      minority.set(train.X.subarray(r * d, r * d + d), i * d);
    });
    const engine = this.opts.knn ?? new BruteForceKnn();
    engine.fit({ data: train.X, nRows: train.nRows, nCols: d });
    const queries = { data: minority, nRows: nPos, nCols: d };
    const exclude = summary.positiveIndices;
    const nnAll = toKnnResult(
      engine.kneighbors(queries, k, { exclude }),
      nPos,
      k,
      train.nRows,
      exclude,
    );
    opts.onProgress?.({ phase: 'knn', step: 1, total: 2 });
    const majority = new Int32Array(nPos);
    const ratio = new Float64Array(nPos);
    for (let i = 0; i < nPos; i++) {
      let c = 0;
      for (let t = 0; t < k; t++) if (train.y[nnAll[i * k + t]] === 0) c++;
      majority[i] = c;
      ratio[i] = c / k;
    }
    const total = numpySum(ratio);
    if (!(total > 0)) {
      throw new AdaarInputError(
        'train',
        `no high-risk row has a low-risk row among its k = ${k} nearest neighbours, so ADASYN's density weights are 0/0; ADASYN does not suit this data (use SMOTE)`,
      );
    }
    for (let i = 0; i < nPos; i++) ratio[i] /= total;
    opts.signal?.throwIfAborted();
    const nn = minorityNeighbours(engine, minority, nPos, d, k);
    opts.onProgress?.({ phase: 'knn', step: 2, total: 2 });
    this.last = new FittedAdasyn(minority, nPos, d, nn, k, majority, ratio, toRng(opts.seed));
    return this.last;
  }

  /**
   * Samples from the most recent fit.
   * @throws NotFittedError before `fit`.
   */
  sample(n: number, opts?: SampleOptions): Float64Array {
    if (!this.last) throw new NotFittedError('Adasyn');
    return this.last.sample(n, opts);
  }
}

/** A fitted {@link Adasyn}: density weights and the high-risk neighbour table. */
export class FittedAdasyn implements FittedSampler {
  /** Method name. */
  readonly name = 'adasyn';
  private minority: Float64Array | undefined;

  /** @internal */
  constructor(
    minority: Float64Array,
    /** Number of high-risk training rows (P). */
    readonly nPositive: number,
    /** Feature columns. */
    readonly nCols: number,
    /** Row-major `P x k` neighbour table among the high-risk rows, nearest first. */
    readonly neighbors: Int32Array,
    /** Neighbour count in use (after any clamp). */
    readonly k: number,
    /** Per high-risk row: low-risk rows among its k nearest neighbours in the training set. */
    readonly majorityCounts: Int32Array,
    /** Per high-risk row: normalised density weight `r_i` (sums to 1). */
    readonly weights: Float64Array,
    private readonly rng: Rng,
  ) {
    this.minority = minority;
  }

  /**
   * Synthetic rows per high-risk row for a request of `n`: `rint(weights[i] * n)`, exactly
   * as imbalanced-learn's `n_samples_generate`.
   * @throws AdaarInputError (argument `n`) unless a non-negative integer.
   */
  allocation(n: number): Int32Array {
    checkSampleSize(n);
    const g = new Int32Array(this.nPositive);
    for (let i = 0; i < g.length; i++) g[i] = rint(this.weights[i] * n);
    return g;
  }

  /** Rows `sample(n)` returns: the sum of {@link FittedAdasyn.allocation}(n). */
  sampleCount(n: number): number {
    const g = this.allocation(n);
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i];
    return s;
  }

  /**
   * Draws `sampleCount(n)` synthetic high-risk rows (row-major), those of high-risk row 0
   * first, then row 1's, and so on.
   * @throws AdaarInputError (argument `n`) unless a non-negative integer.
   * @throws NotFittedError after `dispose()`.
   */
  sample(n: number, opts: SampleOptions = {}): Float64Array {
    const g = this.allocation(n);
    const X = this.minority;
    if (!X) throw new NotFittedError('FittedAdasyn (disposed)');
    let count = 0;
    for (let i = 0; i < g.length; i++) count += g[i];
    const d = this.nCols;
    const k = this.k;
    const out = outputBuffer(opts.out, count * d);
    const rng = drawRng(opts.seed, this.rng);
    let o = 0;
    for (let i = 0; i < g.length; i++) {
      const bo = i * d;
      for (let r = 0; r < g[i]; r++, o += d) {
        const no = this.neighbors[i * k + rng.int(k)] * d;
        const w = rng.float();
        for (let f = 0; f < d; f++) out[o + f] = X[bo + f] + w * (X[no + f] - X[bo + f]);
      }
    }
    return out;
  }

  /** Frees the stored rows; later `sample` calls throw. */
  dispose(): void {
    this.minority = undefined;
  }
}
