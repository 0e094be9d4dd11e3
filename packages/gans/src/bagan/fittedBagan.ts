import { type Mlp, saveModelDir } from '@adaar/core';
import { AdaarInputError, NotFittedError, type Rng, toRng } from '@adaar/data';
import type { FittedSampler, SampleOptions } from '@adaar/samplers';
import type { MultivariateNormal, MultivariateNormalJSON } from '../linalg/multivariateNormal';
import { toOutput } from '../shared/fitHelpers';
import type { EpochRecord } from '../shared/trainingHistory';
import type { ResolvedBaganOptions } from './baganOptions';

/** Index of the high-risk (minority) class, the class BAGAN samples. */
export const HIGH_RISK = 1;

/** Model kind written in a saved BAGAN's manifest. */
export const BAGAN_MODEL_KIND = 'bagan';

/** The `state` part of a saved BAGAN's manifest. */
export interface BaganSavedState {
  /** Latent normal of each class. */
  readonly classNormals: MultivariateNormalJSON[];
  /** Training curve. */
  readonly history: EpochRecord[];
  /** State of the default sampling stream at save time (loading continues it). */
  readonly rngState: [number, number, number, number];
}

/**
 * A trained BAGAN: the generator (= the fine-tuned decoder) and the per-class latent normals
 * estimated after autoencoder pre-training. `sample(n)` draws `z ~ N(μ_1, Σ_1)` for the
 * high-risk class and returns `G(z)`, without filtering (methods.md 2.5).
 *
 * Holds the generator's tensors: call {@link FittedBagan.dispose} when done.
 */
export class FittedBagan implements FittedSampler {
  /** `'bagan'`. */
  readonly name = 'bagan';
  /** Feature columns of each sampled row. */
  readonly nCols: number;
  /** Latent size L. */
  readonly latentDim: number;
  /** The options the model was trained with. */
  readonly options: ResolvedBaganOptions;
  /** Latent normal of each class (index 0 low-risk, 1 high-risk), fixed after pre-training. */
  readonly classNormals: readonly MultivariateNormal[];
  /** Per-epoch losses: autoencoder `ae`; adversarial `d`, `g`. */
  readonly history: readonly EpochRecord[];
  private readonly gen: Mlp;
  private readonly rng: Rng;
  private disposed = false;

  /** @internal Built by {@link Bagan.fit} or {@link loadBagan}. */
  constructor(args: {
    generator: Mlp;
    classNormals: readonly MultivariateNormal[];
    options: ResolvedBaganOptions;
    history: readonly EpochRecord[];
    rng: Rng;
  }) {
    this.gen = args.generator;
    this.classNormals = args.classNormals;
    this.options = args.options;
    this.history = args.history;
    this.rng = args.rng;
    this.nCols = args.generator.outputDim;
    this.latentDim = args.generator.inputDim;
  }

  /** The generator network (read-only use; owned by this object). */
  get generator(): Mlp {
    this.checkAlive();
    return this.gen;
  }

  /**
   * Draws `n` synthetic high-risk rows, row-major `n * nCols`, in the training set's
   * (standardised) feature space.
   *
   * @param opts.seed - seed of this draw; default: this model's own stream (advanced per call).
   * @param opts.out - optional Float64Array to write into; the result is then its first `n * nCols` values.
   * @throws AdaarInputError when `n` is not a non-negative integer or `out` is too short.
   * @throws NotFittedError after {@link FittedBagan.dispose}.
   */
  sample(n: number, opts: SampleOptions = {}): Float64Array {
    this.checkAlive();
    if (!Number.isInteger(n) || n < 0) {
      throw new AdaarInputError('n', `expected a non-negative integer, got ${String(n)}`);
    }
    if (n === 0) return opts.out ? opts.out.subarray(0, 0) : new Float64Array(0);
    const rng = opts.seed === undefined ? this.rng : toRng(opts.seed);
    const z = this.classNormals[HIGH_RISK].sample(n, rng, new Float32Array(n * this.latentDim));
    return toOutput(this.gen.predictArray(z), opts.out);
  }

  /**
   * Saves the model to a directory (created if needed): `manifest.json` (options, latent
   * normals, training curve, sampling stream) and `generator/model.json` + `weights.bin`,
   * loadable on every backend with {@link loadBagan}.
   * @throws NotFittedError after {@link FittedBagan.dispose}.
   */
  async save(dir: string): Promise<void> {
    this.checkAlive();
    const state: BaganSavedState = {
      classNormals: this.classNormals.map((n) => n.toJSON()),
      history: [...this.history],
      rngState: this.rng.state(),
    };
    await saveModelDir(dir, {
      kind: BAGAN_MODEL_KIND,
      config: this.options,
      state,
      networks: { generator: this.gen },
    });
  }

  /** Releases the generator's tensors. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.gen.dispose();
  }

  private checkAlive(): void {
    if (this.disposed) throw new NotFittedError('FittedBagan (disposed)');
  }
}
