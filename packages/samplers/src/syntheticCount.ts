import { AdaarInputError, type Dataset } from '@adaar/data';
import type { SamplingStrategy } from './sampler';

/**
 * Number of synthetic high-risk rows a strategy asks for, from the training labels:
 * - `{ K }`: `round(K x P)`, P = number of high-risk rows (the paper's oversampling rate; K >= 0);
 * - `{ ratio }`: `trunc(ratio x N - P)`, N = number of low-risk rows, as imbalanced-learn's float
 *   `sampling_strategy` (ratio > 0; an error when it would mean removing rows);
 * - `'balance'`: `max(0, N - P)`;
 * - `{ n }`: `n` (a non-negative integer).
 *
 * @throws AdaarInputError (argument `strategy`) for an unknown form or an invalid number;
 *   (argument `train`) when `train.y` is not a label array.
 */
export function syntheticCount(train: Pick<Dataset, 'y'>, strategy: SamplingStrategy): number {
  if (!train || !(train.y instanceof Uint8Array)) {
    throw new AdaarInputError('train', 'y must be a Uint8Array of 0/1 labels');
  }
  let pos = 0;
  for (let i = 0; i < train.y.length; i++) pos += train.y[i] === 1 ? 1 : 0;
  const neg = train.y.length - pos;
  if (strategy === 'balance') return Math.max(0, neg - pos);
  if (strategy && typeof strategy === 'object') {
    if ('K' in strategy) {
      const K = strategy.K;
      if (typeof K !== 'number' || !Number.isFinite(K) || K < 0) {
        throw new AdaarInputError('strategy', `K must be a finite number >= 0, got ${String(K)}`);
      }
      return Math.round(K * pos);
    }
    if ('ratio' in strategy) {
      const r = strategy.ratio;
      if (typeof r !== 'number' || !Number.isFinite(r) || r <= 0) {
        throw new AdaarInputError(
          'strategy',
          `ratio must be a finite number > 0, got ${String(r)}`,
        );
      }
      const n = Math.trunc(r * neg - pos);
      if (n < 0) {
        throw new AdaarInputError(
          'strategy',
          `ratio ${r} asks for ${Math.ceil(r * neg)} high-risk rows, fewer than the ${pos} present (oversampling never removes rows)`,
        );
      }
      return n;
    }
    if ('n' in strategy) {
      const n = strategy.n;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        throw new AdaarInputError('strategy', `n must be a non-negative integer, got ${String(n)}`);
      }
      return n;
    }
  }
  throw new AdaarInputError(
    'strategy',
    `expected { K }, { ratio }, { n } or 'balance', got ${JSON.stringify(strategy)}`,
  );
}
