import type { Dataset } from '@adaar/data';
import type { FitOptions, Sampler } from '@adaar/samplers';
import { type BaganOptions, type ResolvedBaganOptions, resolveBaganOptions } from './baganOptions';
import type { FittedBagan } from './fittedBagan';
import { trainBagan } from './trainBagan';

/**
 * BAGAN (Mariani et al. 2018) as an oversampler for tabular credit data, following the IBM
 * reference code as methods.md section 2 specifies, with dense networks:
 *
 * 1. an autoencoder (encoder: 3 x [Dense 128, LeakyReLU 0.3, Dropout 0.3] + linear Dense(L);
 *    decoder = generator: Dense 128 ReLU, Dense 128 ReLU, linear Dense(d), no biases) is
 *    pre-trained on all rows (MSE);
 * 2. the discriminator's trunk is initialised from the encoder's trunk, with a fresh
 *    C+1-way softmax head (last index = fake); per-class latent means and full covariances
 *    of the encoder's outputs (dropout off, N-1 divisor) are estimated once;
 * 3. adversarial fine-tuning: per real batch of B rows, a D step on the B rows plus
 *    ceil(B/C) generated rows (label C), then a G step on B + ceil(B/C) latent draws whose
 *    target is their conditioning class, with D frozen but its dropout active. Adam
 *    lr 5e-5, β = (0.5, 0.999) for every network; the last partial batch is dropped.
 *
 * `sample(n)` draws `z ~ N(μ_high-risk, Σ_high-risk)` and returns `G(z)`.
 *
 * Defaults suit 10-100 standardised features and a few hundred to a few thousand high-risk
 * rows (see {@link BaganOptions}). Runs on the TensorFlow.js backend chosen by
 * `initBackend` from @adaar/core (initialised automatically when none is).
 *
 * @example
 * ```ts
 * const fitted = await new Bagan({ epochs: 30 }).fit(train, { seed: 1 });
 * const rows = fitted.sample(countClasses(train).positive); // K = 1
 * fitted.dispose();
 * ```
 */
export class Bagan implements Sampler<FittedBagan> {
  /** Registry name `'bagan'`. */
  readonly name = 'bagan';
  /** Options with defaults filled in. */
  readonly options: ResolvedBaganOptions;

  /** @throws AdaarInputError naming the first invalid option. */
  constructor(options: BaganOptions = {}) {
    this.options = resolveBaganOptions(options);
  }

  /**
   * Trains on `train` (binary labels, standardised numeric features).
   *
   * @param opts.seed - seed of every random choice (init, batches, latent draws, dropout); default 0.
   * @param opts.onProgress - called after each epoch of each phase (`'autoencoder'`,
   *   `'adversarial'`) with the epoch's mean losses (`ae`; `d`, `g`).
   * @param opts.signal - aborts between batches; the promise rejects with its reason.
   * @throws AdaarInputError when `train` has missing values, non-0/1 labels, or a class with
   *   fewer than `latentDim + 1` rows (its latent covariance would be singular).
   */
  fit(train: Dataset, opts: FitOptions = {}): Promise<FittedBagan> {
    return trainBagan(train, this.options, opts);
  }
}
