import type { Dataset } from '@adaar/data';
import type { FitOptions, Sampler } from '@adaar/samplers';
import type { FittedGlGan } from './fittedGlGan';
import { type GlGanOptions, type ResolvedGlGanOptions, resolveGlGanOptions } from './glganOptions';
import { trainGlGan } from './trainGlGan';

/**
 * GL-GAN (Wang et al., SDM 2020) as an oversampler, reconstructed from its abstract as
 * methods.md section 3 specifies (no code was ever published):
 *
 * - an encoder E (d -> 128 -> 64 -> L) and a generator G = decoder (L -> 64 -> 128 -> d);
 * - SMOTE among the high-risk rows' codes in the latent space ("local" information): k = 5
 *   nearest minority codes, one scalar λ ~ U(0,1) per point, the kNN table refreshed every
 *   epoch as E changes;
 * - a discriminator over the real classes plus "fake" ("global" information), trained on
 *   real rows and decoded latent-SMOTE points;
 * - E and G minimise `L_rec + α L_adv`: the reconstruction loss is kept during the
 *   adversarial phase, and G is pushed to make decoded latent-SMOTE points look like real
 *   high-risk rows.
 *
 * `sample(n)` draws n latent-SMOTE points among the final high-risk codes and decodes them.
 * Options expose methods.md's alternatives (binary D + auxiliary classifier, adversarial
 * gradients into E, majority fakes, round-robin bases). Defaults suit 10-100 standardised
 * features and a few hundred to a few thousand high-risk rows (see {@link GlGanOptions}).
 *
 * @example
 * ```ts
 * const fitted = await new GlGan().fit(train, { seed: 1 });
 * const rows = fitted.sample(countClasses(train).positive); // K = 1
 * fitted.dispose();
 * ```
 */
export class GlGan implements Sampler<FittedGlGan> {
  /** Registry name `'glgan'`. */
  readonly name = 'glgan';
  /** Options with defaults filled in (`latentDim` 0 = chosen from the data at fit). */
  readonly options: ResolvedGlGanOptions;

  /** @throws AdaarInputError naming the first invalid option. */
  constructor(options: GlGanOptions = {}) {
    this.options = resolveGlGanOptions(options);
  }

  /**
   * Trains on `train` (binary labels, standardised numeric features).
   *
   * @param opts.seed - seed of every random choice (init, batches, latent SMOTE, dropout); default 0.
   * @param opts.onProgress - called after each epoch of each phase (`'warmup'`, `'adversarial'`)
   *   with the epoch's mean losses (`rec`; `d`, `rec`, `adv`, and `aux` with 'binary-aux').
   * @param opts.signal - aborts between batches; the promise rejects with its reason.
   * @throws AdaarInputError when `train` has missing values, non-0/1 labels, or fewer than 2
   *   rows of a class.
   */
  fit(train: Dataset, opts: FitOptions = {}): Promise<FittedGlGan> {
    return trainGlGan(train, this.options, opts);
  }
}
