import { AdaarInputError, type Dataset, type SeedLike } from '@adaar/data';
import type { Progress } from '@adaar/samplers';

/** Options of {@link Classifier.fit}. */
export interface ClassifierFitOptions {
  /** Validation set for early stopping (MLPClassifier); never used for the weights themselves. */
  readonly validation?: Dataset;
  /** Seed (or generator) for every random choice (init, shuffling). Default 0. */
  readonly seed?: SeedLike;
  /** Per-row non-negative weights of `train` (length `train.nRows`). Default: all 1. */
  readonly sampleWeight?: Float64Array;
  /** Called after each epoch/iteration: `phase` is the classifier's name, `losses` holds `loss` (and `valAuc`). */
  readonly onProgress?: (p: Progress) => void;
  /** Aborts a long fit; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * The downstream classifier every method in the bench is evaluated with: fit on a (resampled)
 * training set, then score rows with the probability of class 1 (high-risk).
 */
export interface Classifier {
  /** Trains on `train` (labels 1 = high-risk). Re-fitting replaces the previous model. */
  fit(train: Dataset, opts?: ClassifierFitOptions): Promise<void>;
  /** Probability of class 1 for every row of `X` (a Dataset or row-major features). */
  predictProba(X: Dataset | Float64Array): Promise<Float64Array>;
  /** Frees resources (tensors). Safe to call twice. */
  dispose(): void;
}

/** Row-major features of `X` with `nCols` columns, validated (shape, finite values). */
export function featuresOf(X: Dataset | Float64Array, nCols: number): Float64Array {
  if (X instanceof Float64Array) {
    if (X.length % nCols !== 0) {
      throw new AdaarInputError('X', `length ${X.length} is not a multiple of ${nCols} columns`);
    }
  } else if (X.nCols !== nCols) {
    throw new AdaarInputError('X', `has ${X.nCols} columns, the model was fitted on ${nCols}`);
  }
  const data = X instanceof Float64Array ? X : X.X;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const r = Math.floor(i / nCols);
      throw new AdaarInputError('X', `has a non-finite value at row ${r}, column ${i - r * nCols}`);
    }
  }
  return data;
}

/** Validates a training set and optional sample weights at the fit boundary. */
export function checkTraining(train: Dataset, sampleWeight?: Float64Array): void {
  if (train.nRows === 0 || train.nCols === 0) {
    throw new AdaarInputError('train', `is empty (${train.nRows} rows, ${train.nCols} columns)`);
  }
  let pos = 0;
  for (let i = 0; i < train.nRows; i++) pos += train.y[i];
  if (pos === 0 || pos === train.nRows) {
    throw new AdaarInputError(
      'train',
      `needs both classes (has ${pos} of ${train.nRows} rows labelled 1)`,
    );
  }
  for (let i = 0; i < train.X.length; i++) {
    if (!Number.isFinite(train.X[i])) {
      const r = Math.floor(i / train.nCols);
      throw new AdaarInputError(
        'train',
        `X has a non-finite value at row ${r}, column ${i - r * train.nCols}`,
      );
    }
  }
  if (sampleWeight) {
    if (sampleWeight.length !== train.nRows) {
      throw new AdaarInputError(
        'sampleWeight',
        `has ${sampleWeight.length} values for ${train.nRows} rows`,
      );
    }
    for (let i = 0; i < sampleWeight.length; i++) {
      if (!(sampleWeight[i] >= 0) || !Number.isFinite(sampleWeight[i])) {
        throw new AdaarInputError(
          'sampleWeight',
          `must be finite and >= 0, found ${sampleWeight[i]} at ${i}`,
        );
      }
    }
  }
}

/** Logistic function, stable for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
