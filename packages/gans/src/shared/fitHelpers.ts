import { AdaarInputError, type Dataset } from '@adaar/data';
import { validateTrainingSet } from '@adaar/samplers';

/** Lets timers and abort signals run between epochs of a synchronous-backend training loop. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Throws the signal's reason when it is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
}

/** Copies rows `idx` of a row-major float32 matrix into `out` (row-major). */
export function gatherRows(
  X: Float32Array,
  nCols: number,
  idx: ArrayLike<number>,
  out: Float32Array = new Float32Array(idx.length * nCols),
): Float32Array {
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    out.set(X.subarray(i * nCols, (i + 1) * nCols), r * nCols);
  }
  return out;
}

/**
 * Checks a training set at a GAN sampler's `fit` boundary with @adaar/samplers'
 * `validateTrainingSet` (shapes, finite values, 0/1 labels, both classes), plus at least
 * `minPerClass` rows of each class.
 *
 * @returns the number of high-risk and low-risk rows.
 * @throws AdaarInputError (argument `train`) naming the problem.
 */
export function checkGanTrainingSet(
  train: Dataset,
  minPerClass: number,
  method: string,
): { positive: number; negative: number } {
  const { positive, negative } = validateTrainingSet(train, { minPositives: minPerClass });
  if (negative < minPerClass) {
    throw new AdaarInputError(
      'train',
      `${method} needs at least ${minPerClass} low-risk rows, got ${negative}`,
    );
  }
  return { positive, negative };
}
