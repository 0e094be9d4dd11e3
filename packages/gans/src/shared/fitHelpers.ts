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

/**
 * Returns generated rows as float64: copied into `out` (returning `out.subarray(0, n)`) when
 * given, else into a new array.
 * @throws AdaarInputError (argument `out`) when `out` is too short.
 */
export function toOutput(values: Float32Array, out?: Float64Array): Float64Array {
  if (!out) return Float64Array.from(values);
  if (!(out instanceof Float64Array) || out.length < values.length) {
    throw new AdaarInputError('out', `needs a Float64Array of at least ${values.length} values`);
  }
  const view = out.subarray(0, values.length);
  view.set(values);
  return view;
}
