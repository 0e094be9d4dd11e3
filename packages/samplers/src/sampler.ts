import type { Dataset, SeedLike } from '@adaar/data';

/** A progress report from a long-running fit (neural samplers report per phase and step). */
export interface Progress {
  /** Phase name, e.g. `"autoencoder"`, `"adversarial"`, `"knn"`. */
  readonly phase: string;
  /** Steps done in this phase (1-based). */
  readonly step: number;
  /** Total steps of this phase. */
  readonly total: number;
  /** Latest losses by name (e.g. `{ d1: 0.69, g: 0.71 }`), when the method has any. */
  readonly losses?: Readonly<Record<string, number>>;
}

/** Options every sampler's `fit` accepts. */
export interface FitOptions {
  /** Seed (or generator) for every random choice of the fit. Default 0. */
  readonly seed?: SeedLike;
  /** Aborts a long fit; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called as the fit progresses. */
  readonly onProgress?: (p: Progress) => void;
}

/** Options of {@link FittedSampler.sample}. */
export interface SampleOptions {
  /** Seed (or generator) for this draw. Default: the fitted sampler's own stream, advanced on each call. */
  readonly seed?: SeedLike;
  /**
   * Where to write the rows: an array of at least `count * nCols` values (`count` = `n`, or
   * `sampleCount(n)` where defined). A sampler that honours it returns
   * `out.subarray(0, count * nCols)`; one that ignores it returns a new array. Lets
   * `fitResample` write synthetic rows straight after the training rows, without a copy.
   */
  readonly out?: Float64Array;
}

/**
 * An oversampling method: learns from a training set, then draws synthetic high-risk rows.
 *
 * Two steps, so that a sweep over the oversampling rate K fits once and samples many times.
 * Classic samplers may return synchronously; neural ones return promises. Callers `await`
 * either way.
 */
export interface Sampler<F extends FittedSampler = FittedSampler> {
  /** Registry name, e.g. `"smote"`. */
  readonly name: string;
  /**
   * Learns what the method needs from `train` (kNN tables, a generator, ...).
   * Implementations validate `train` at this boundary (see `validateTrainingSet`).
   */
  fit(train: Dataset, opts?: FitOptions): F | Promise<F>;
  /**
   * Optional stateful shortcut (imbalanced-learn style): samples from the most recent `fit`.
   * Where present it must throw `NotFittedError` (from `@adaar/data`) before any `fit`.
   */
  sample?(n: number, opts?: SampleOptions): Float64Array | Promise<Float64Array>;
}

/** A fitted sampler: draws synthetic high-risk rows in the training set's feature space. */
export interface FittedSampler {
  /** Name of the method that produced it. */
  readonly name: string;
  /** Number of feature columns of every sampled row (= the training set's `nCols`). */
  readonly nCols: number;
  /**
   * Draws `n` synthetic high-risk rows, row-major (`n * nCols` values).
   * Methods whose count cannot be exact (ADASYN) document how many rows they return.
   */
  sample(n: number, opts?: SampleOptions): Float64Array | Promise<Float64Array>;
  /**
   * How many rows `sample(n)` returns, for methods where that is not `n` (ADASYN's rounding).
   * Absent means exactly `n`.
   */
  sampleCount?(n: number): number;
  /** Saves the fitted state to a directory, when the method supports it. */
  save?(dir: string): Promise<void>;
  /** Frees resources (e.g. tensors). Safe to call twice. */
  dispose?(): void;
}

/**
 * How many synthetic rows to draw:
 * - `{ K }`: K x (number of high-risk training rows), the paper's oversampling rate;
 * - `{ ratio }`: enough rows that high-risk / low-risk reaches `ratio` (as imbalanced-learn's float strategy);
 * - `'balance'`: as many high-risk rows as low-risk ones;
 * - `{ n }`: exactly n rows.
 */
export type SamplingStrategy =
  | { readonly K: number }
  | { readonly ratio: number }
  | { readonly n: number }
  | 'balance';
