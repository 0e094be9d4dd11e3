import type { MvnFactorization } from '../linalg/multivariateNormal';
import { checkChoice, checkInt, checkNumber, checkWidths } from '../shared/checks';
import type { LabelMode } from './labelSampling';

/**
 * Options of {@link Bagan}. Every default follows methods.md section 2 (the IBM/BAGAN
 * reference, adapted to dense nets for tabular data) unless marked otherwise.
 */
export interface BaganOptions {
  /**
   * Latent size L. Default 32 (methods.md 2.2). Each class needs at least L + 1 training
   * rows for a non-singular latent covariance; keep L well below the number of high-risk rows.
   */
  readonly latentDim?: number;
  /** Widths of the trunk shared by the encoder and the discriminator. Default [128, 128, 128]. */
  readonly trunkWidths?: readonly number[];
  /** Hidden widths of the generator (= decoder; ReLU, no bias, linear output). Default [128, 128]. */
  readonly generatorWidths?: readonly number[];
  /**
   * Adversarial epochs (passes over the training set). Default 30 (tabular default; the
   * reference ships 150 for MNIST, where an epoch has 4x more batches).
   */
  readonly epochs?: number;
  /** Autoencoder pre-training epochs. Default: equal to `epochs`, as in the reference. */
  readonly autoencoderEpochs?: number;
  /** Real rows per batch, B. Default 128. */
  readonly batchSize?: number;
  /** Adam learning rate of every network. Default 5e-5. */
  readonly learningRate?: number;
  /** Adam β1. Default 0.5. */
  readonly beta1?: number;
  /** Adam β2. Default 0.999. (Adam's ε is 1e-7, the Keras default.) */
  readonly beta2?: number;
  /** LeakyReLU slope in the trunk. Default 0.3 (the Keras default the reference uses). */
  readonly leakySlope?: number;
  /** Dropout rate after each trunk layer. Default 0.3. */
  readonly dropout?: number;
  /** How the D step draws its fake rows' conditioning classes. Default `'uniform'`. */
  readonly discriminatorLabels?: LabelMode;
  /** How the G step draws its conditioning classes. Default `'uniform'`. */
  readonly generatorLabels?: LabelMode;
  /** How latent normals are factored. Default `'eigen'` (accepts a PSD covariance). */
  readonly covarianceFactorization?: MvnFactorization;
  /** Drop the last partial batch of each epoch. Default true (reference behaviour). */
  readonly dropLastBatch?: boolean;
}

/** {@link BaganOptions} with every default filled in and checked. */
export type ResolvedBaganOptions = {
  readonly [K in keyof BaganOptions]-?: Exclude<BaganOptions[K], undefined>;
};

/** The defaults of {@link BaganOptions}. */
export const BAGAN_DEFAULTS: ResolvedBaganOptions = {
  latentDim: 32,
  trunkWidths: [128, 128, 128],
  generatorWidths: [128, 128],
  epochs: 30,
  autoencoderEpochs: 30,
  batchSize: 128,
  learningRate: 5e-5,
  beta1: 0.5,
  beta2: 0.999,
  leakySlope: 0.3,
  dropout: 0.3,
  discriminatorLabels: 'uniform',
  generatorLabels: 'uniform',
  covarianceFactorization: 'eigen',
  dropLastBatch: true,
};

/**
 * Fills in and validates {@link BaganOptions}.
 * @throws AdaarInputError naming the first invalid option.
 */
export function resolveBaganOptions(opts: BaganOptions = {}): ResolvedBaganOptions {
  const epochs = checkInt('epochs', opts.epochs ?? BAGAN_DEFAULTS.epochs, 0);
  const modes: readonly LabelMode[] = ['uniform', 'rebalance'];
  return {
    latentDim: checkInt('latentDim', opts.latentDim ?? BAGAN_DEFAULTS.latentDim, 1),
    trunkWidths: checkWidths('trunkWidths', opts.trunkWidths ?? BAGAN_DEFAULTS.trunkWidths),
    generatorWidths: checkWidths(
      'generatorWidths',
      opts.generatorWidths ?? BAGAN_DEFAULTS.generatorWidths,
    ),
    epochs,
    autoencoderEpochs: checkInt('autoencoderEpochs', opts.autoencoderEpochs ?? epochs, 0),
    batchSize: checkInt('batchSize', opts.batchSize ?? BAGAN_DEFAULTS.batchSize, 1),
    learningRate: checkNumber('learningRate', opts.learningRate ?? 5e-5, 0, 1, { minOpen: true }),
    beta1: checkNumber('beta1', opts.beta1 ?? 0.5, 0, 1, { maxOpen: true }),
    beta2: checkNumber('beta2', opts.beta2 ?? 0.999, 0, 1, { maxOpen: true }),
    leakySlope: checkNumber('leakySlope', opts.leakySlope ?? 0.3, 0, 1),
    dropout: checkNumber('dropout', opts.dropout ?? 0.3, 0, 1, { maxOpen: true }),
    discriminatorLabels: checkChoice(
      'discriminatorLabels',
      opts.discriminatorLabels ?? 'uniform',
      modes,
    ),
    generatorLabels: checkChoice('generatorLabels', opts.generatorLabels ?? 'uniform', modes),
    covarianceFactorization: checkChoice(
      'covarianceFactorization',
      opts.covarianceFactorization ?? 'eigen',
      ['eigen', 'cholesky'],
    ),
    dropLastBatch: opts.dropLastBatch ?? true,
  };
}
