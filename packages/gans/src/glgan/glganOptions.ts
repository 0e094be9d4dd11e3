import { checkChoice, checkInt, checkNumber, checkWidths } from '../shared/checks';

/**
 * GL-GAN's discriminator design (methods.md 3.2):
 * - `'multiclass'` (default): one D with C+1 softmax outputs (real classes + fake);
 * - `'binary-aux'` (alternative A): a binary real/fake D plus an auxiliary classifier trained
 *   on real labelled rows; G also minimises the auxiliary's CE towards the minority class.
 */
export type GlGanDiscriminator = 'multiclass' | 'binary-aux';

/** How latent-SMOTE base points are chosen when sampling (methods.md 3.5). */
export type BaseSelection = 'uniform' | 'round-robin';

/**
 * Options of {@link GlGan}. GL-GAN has no published code: every default is the
 * reconstruction of methods.md section 3, chosen to parallel BAGAN.
 */
export interface GlGanOptions {
  /** Latent size L. Default `min(32, ceil(d / 2))` for d features. */
  readonly latentDim?: number;
  /** Encoder hidden widths (LeakyReLU, linear output). Default [128, 64]. */
  readonly encoderWidths?: readonly number[];
  /** Generator/decoder hidden widths (ReLU, linear output). Default [64, 128]. */
  readonly generatorWidths?: readonly number[];
  /** Discriminator (and auxiliary classifier) hidden widths. Default [128, 64]. */
  readonly discriminatorWidths?: readonly number[];
  /** LeakyReLU slope of the encoder and discriminator. Default 0.2. */
  readonly leakySlope?: number;
  /** Dropout rate in the discriminator. Default 0.3. */
  readonly dropout?: number;
  /** Autoencoder warm-up epochs. Default 20 (methods.md proposes 50; see the README). */
  readonly warmupEpochs?: number;
  /** Adversarial epochs. Default 40 (methods.md proposes 100; see the README). */
  readonly epochs?: number;
  /** Real rows per batch B. Default 128. */
  readonly batchSize?: number;
  /** Adam learning rate of the warm-up. Default 1e-3 (β1 0.9, β2 0.999). */
  readonly warmupLearningRate?: number;
  /** Adam learning rate of the adversarial phase (D, G and E). Default 2e-4. */
  readonly learningRate?: number;
  /** Adam β1 of the adversarial phase. Default 0.5. */
  readonly beta1?: number;
  /** Adam β2 (both phases). Default 0.999. */
  readonly beta2?: number;
  /** Neighbours of latent SMOTE. Default 5. */
  readonly k?: number;
  /** Weight α of the adversarial term in the E/G objective `L_rec + α L_adv`. Default 1. */
  readonly alpha?: number;
  /** Discriminator design. Default `'multiclass'`. */
  readonly discriminator?: GlGanDiscriminator;
  /**
   * Alternative B: let the adversarial loss reach the encoder through the latent SMOTE
   * points. Default false (E sees only the reconstruction loss).
   */
  readonly adversarialIntoEncoder?: boolean;
  /**
   * Alternative C: also make majority fakes by latent SMOTE over majority codes, with G
   * pushed to make them look like real majority rows. Default false.
   */
  readonly majorityFakes?: boolean;
  /**
   * With `majorityFakes`: at most this many majority codes (a random subset, drawn each
   * epoch) form the majority kNN table, to bound its O(n²) cost. Default 2000.
   */
  readonly majorityPoolSize?: number;
  /** Base-point choice when sampling. Default `'uniform'` (with replacement, as imbalanced-learn). */
  readonly baseSelection?: BaseSelection;
  /** Drop the last partial batch of each epoch. Default true (as BAGAN). */
  readonly dropLastBatch?: boolean;
}

/** {@link GlGanOptions} with every default filled in (latentDim: 0 = from the data). */
export type ResolvedGlGanOptions = {
  readonly [K in keyof GlGanOptions]-?: Exclude<GlGanOptions[K], undefined>;
};

/** The default latent size for `d` features: `min(32, ceil(d / 2))`. */
export function defaultGlGanLatentDim(d: number): number {
  return Math.max(1, Math.min(32, Math.ceil(d / 2)));
}

/**
 * Fills in and validates {@link GlGanOptions}; `latentDim` stays 0 when unset (resolved
 * from the data by {@link defaultGlGanLatentDim}).
 * @throws AdaarInputError naming the first invalid option.
 */
export function resolveGlGanOptions(opts: GlGanOptions = {}): ResolvedGlGanOptions {
  return {
    latentDim: opts.latentDim === undefined ? 0 : checkInt('latentDim', opts.latentDim, 1),
    encoderWidths: checkWidths('encoderWidths', opts.encoderWidths ?? [128, 64]),
    generatorWidths: checkWidths('generatorWidths', opts.generatorWidths ?? [64, 128]),
    discriminatorWidths: checkWidths('discriminatorWidths', opts.discriminatorWidths ?? [128, 64]),
    leakySlope: checkNumber('leakySlope', opts.leakySlope ?? 0.2, 0, 1),
    dropout: checkNumber('dropout', opts.dropout ?? 0.3, 0, 1, { maxOpen: true }),
    warmupEpochs: checkInt('warmupEpochs', opts.warmupEpochs ?? 20, 0),
    epochs: checkInt('epochs', opts.epochs ?? 40, 0),
    batchSize: checkInt('batchSize', opts.batchSize ?? 128, 1),
    warmupLearningRate: checkNumber('warmupLearningRate', opts.warmupLearningRate ?? 1e-3, 0, 1, {
      minOpen: true,
    }),
    learningRate: checkNumber('learningRate', opts.learningRate ?? 2e-4, 0, 1, { minOpen: true }),
    beta1: checkNumber('beta1', opts.beta1 ?? 0.5, 0, 1, { maxOpen: true }),
    beta2: checkNumber('beta2', opts.beta2 ?? 0.999, 0, 1, { maxOpen: true }),
    k: checkInt('k', opts.k ?? 5, 1),
    alpha: checkNumber('alpha', opts.alpha ?? 1, 0, Number.MAX_VALUE),
    discriminator: checkChoice('discriminator', opts.discriminator ?? 'multiclass', [
      'multiclass',
      'binary-aux',
    ]),
    adversarialIntoEncoder: opts.adversarialIntoEncoder ?? false,
    majorityFakes: opts.majorityFakes ?? false,
    majorityPoolSize: checkInt('majorityPoolSize', opts.majorityPoolSize ?? 2000, 2),
    baseSelection: checkChoice('baseSelection', opts.baseSelection ?? 'uniform', [
      'uniform',
      'round-robin',
    ]),
    dropLastBatch: opts.dropLastBatch ?? true,
  };
}
