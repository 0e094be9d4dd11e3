import { type CategoricalGroup, type Dataset, NotFittedError, type Rng, toRng } from '@adaar/data';
import {
  type CategoricalPlan,
  categoricalPlan,
  distanceMatrix,
  voteCategories,
} from './categoricalPlan';
import { BruteForceKnn } from './knn/bruteForceKnn';
import type { KnnEngine } from './knn/knnEngine';
import { minorityNeighbours } from './minorityNeighbours';
import { checkK, effectiveK } from './neighbourCount';
import { checkSampleSize, drawRng, outputBuffer } from './sampleArgs';
import type { FitOptions, FittedSampler, SampleOptions, Sampler } from './sampler';
import { validateTrainingSet } from './validateTrainingSet';

/** Options of {@link Smote}. */
export interface SmoteOptions {
  /** Nearest high-risk neighbours per row (imbalanced-learn's `k_neighbors`). Default 5. */
  readonly k?: number;
  /**
   * With fewer than `k + 1` high-risk rows: `false` (default) throws an `AdaarInputError`;
   * `true` uses `k = (high-risk rows) - 1` instead (at least 2 high-risk rows still needed).
   */
  readonly clampK?: boolean;
  /** Nearest-neighbour engine. Default: a new {@link BruteForceKnn} per fit. */
  readonly knn?: KnnEngine;
  /**
   * Categorical handling: `'auto'` (default) uses SMOTE-NC when the training set declares
   * `categoricalGroups`; `'off'` treats every column as continuous; an array of groups
   * overrides the dataset's.
   */
  readonly categorical?: 'auto' | 'off' | readonly CategoricalGroup[];
}

/**
 * SMOTE (Chawla et al. 2002), as imbalanced-learn's `SMOTE`: each synthetic row picks a
 * (base row, neighbour) pair uniformly among the `P x k` pairs of high-risk rows and their
 * k nearest high-risk neighbours (Euclidean, self excluded), and one uniform weight
 * `w` in [0, 1): `row = base + w (neighbour - base)`, the same `w` for every column.
 *
 * SMOTE-NC (imbalanced-learn's `SMOTENC` 0.10, adapted to one-hot groups): when categorical
 * groups are declared (see {@link SmoteOptions.categorical}),
 * - the neighbour distance takes the continuous columns (those in no group) as they are and
 *   every one-hot column times `m / 2`, where `m` is the median over continuous columns of
 *   the high-risk rows' population standard deviation; rows differing in one group are thus
 *   `m^2 / 2` further apart in squared distance (imbalanced-learn replaces the one-hot 1s by
 *   `m / 2`); without continuous columns the factor is 1;
 * - continuous columns are interpolated as above, and each group takes the category most
 *   frequent among the base row's k neighbours (ties broken uniformly at random, an all-zero
 *   group counting as a category), its values copied from the nearest neighbour that has it.
 *
 * Errors (at `fit`): those of {@link validateTrainingSet}, and fewer than `k + 1` high-risk
 * rows unless `clampK`.
 *
 * @example
 * ```ts
 * const fitted = new Smote({ k: 5 }).fit(train, { seed: 7 });
 * const rows = fitted.sample(1000); // Float64Array, 1000 x train.nCols
 * ```
 */
export class Smote implements Sampler<FittedSmote> {
  /** Registry name. */
  readonly name = 'smote';
  /** Requested neighbour count. */
  readonly k: number;
  private readonly opts: SmoteOptions;
  private last: FittedSmote | undefined;

  /** @throws AdaarInputError (argument `k`) unless `k` is a positive integer. */
  constructor(opts: SmoteOptions = {}) {
    this.k = checkK(opts.k ?? 5);
    this.opts = opts;
  }

  /**
   * Finds each high-risk row's k nearest high-risk neighbours.
   * @throws AdaarInputError (argument `train`) for invalid data or too few high-risk rows.
   */
  fit(train: Dataset, opts: FitOptions = {}): FittedSmote {
    opts.signal?.throwIfAborted();
    const summary = validateTrainingSet(train);
    const k = effectiveK('Smote', this.k, summary.positive, this.opts.clampK ?? false);
    const d = train.nCols;
    const nPos = summary.positive;
    const minority = new Float64Array(nPos * d);
    summary.positiveIndices.forEach((r, i) => {
      minority.set(train.X.subarray(r * d, r * d + d), i * d);
    });
    const cat = this.opts.categorical ?? 'auto';
    const groups = cat === 'off' ? [] : cat === 'auto' ? (train.categoricalGroups ?? []) : cat;
    if (Array.isArray(cat)) validateTrainingSet({ ...train, categoricalGroups: cat });
    const plan = groups.length > 0 ? categoricalPlan(minority, nPos, d, groups) : undefined;
    const space = plan ? distanceMatrix(minority, nPos, d, plan) : minority;
    const nn = minorityNeighbours(this.opts.knn ?? new BruteForceKnn(), space, nPos, d, k);
    opts.onProgress?.({ phase: 'knn', step: 1, total: 1 });
    this.last = new FittedSmote(minority, nPos, d, nn, k, plan, toRng(opts.seed));
    return this.last;
  }

  /**
   * Samples from the most recent fit.
   * @throws NotFittedError before `fit`.
   */
  sample(n: number, opts?: SampleOptions): Float64Array {
    if (!this.last) throw new NotFittedError('Smote');
    return this.last.sample(n, opts);
  }
}

/** A fitted {@link Smote}: the high-risk rows and their neighbour table. */
export class FittedSmote implements FittedSampler {
  /** Method name. */
  readonly name = 'smote';
  private minority: Float64Array | undefined;

  /** @internal */
  constructor(
    minority: Float64Array,
    /** Number of high-risk training rows (P). */
    readonly nPositive: number,
    /** Feature columns. */
    readonly nCols: number,
    /** Row-major `P x k` neighbour table: indices into the high-risk rows, nearest first. */
    readonly neighbors: Int32Array,
    /** Neighbour count in use (after any clamp). */
    readonly k: number,
    private readonly plan: CategoricalPlan | undefined,
    private readonly rng: Rng,
  ) {
    this.minority = minority;
  }

  /** True when SMOTE-NC categorical handling is active. */
  get categorical(): boolean {
    return this.plan !== undefined;
  }

  /**
   * Draws `n` synthetic high-risk rows (row-major, `n x nCols`).
   * @throws AdaarInputError (argument `n`) unless a non-negative integer.
   * @throws NotFittedError after `dispose()`.
   */
  sample(n: number, opts: SampleOptions = {}): Float64Array {
    checkSampleSize(n);
    const X = this.minority;
    if (!X) throw new NotFittedError('FittedSmote (disposed)');
    const d = this.nCols;
    const k = this.k;
    const nn = this.neighbors;
    const out = outputBuffer(opts.out, n * d);
    const rng = drawRng(opts.seed, this.rng);
    const pairs = this.nPositive * k;
    for (let s = 0; s < n; s++) {
      const pair = rng.int(pairs);
      const base = Math.floor(pair / k);
      const w = rng.float();
      const bo = base * d;
      const no = nn[pair] * d;
      const o = s * d;
      for (let f = 0; f < d; f++) out[o + f] = X[bo + f] + w * (X[no + f] - X[bo + f]);
      if (this.plan) voteCategories(this.plan, X, d, nn, k, base, rng, out.subarray(o, o + d));
    }
    return out;
  }

  /** Frees the stored rows; later `sample` calls throw. */
  dispose(): void {
    this.minority = undefined;
  }
}
