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
