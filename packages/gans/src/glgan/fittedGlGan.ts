import { type Mlp, saveModelDir } from '@adaar/core';
import { AdaarInputError, NotFittedError, type Rng, toRng } from '@adaar/data';
import type { FittedSampler, SampleOptions } from '@adaar/samplers';
import { latentSmote } from '../latent/latentSmote';
import { minorityNeighbours, type NeighbourTable } from '../latent/minorityNeighbours';
import { toOutput } from '../shared/fitHelpers';
import type { EpochRecord } from '../shared/trainingHistory';
import type { ResolvedGlGanOptions } from './glganOptions';

/** Model kind written in a saved GL-GAN's manifest. */
export const GLGAN_MODEL_KIND = 'glgan';

/** The `state` part of a saved GL-GAN's manifest. */
export interface GlGanSavedState {
  /** High-risk latent codes, row-major. */
  readonly minorityCodes: number[];
  /** Training curve. */
  readonly history: EpochRecord[];
  /** State of the default sampling stream at save time (loading continues it). */
  readonly rngState: [number, number, number, number];
}

/**
 * A trained GL-GAN: the generator (decoder) and the high-risk training rows' latent codes
 * under the final encoder. `sample(n)` draws `n` latent-SMOTE points among those codes
 * (k nearest minority neighbours, one λ per point) and returns `G(z̃)` (methods.md 3.5).
 *
 * Holds the generator's tensors: call {@link FittedGlGan.dispose} when done.
 */
export class FittedGlGan implements FittedSampler {
  /** `'glgan'`. */
  readonly name = 'glgan';
  /** Feature columns of each sampled row. */
  readonly nCols: number;
  /** Latent size L. */
  readonly latentDim: number;
  /** The options the model was trained with (`latentDim` resolved). */
  readonly options: ResolvedGlGanOptions;
  /** Latent codes of the high-risk training rows, row-major `nMinority * latentDim`. */
  readonly minorityCodes: Float64Array;
  /** Per-epoch losses: warm-up `rec`; adversarial `d`, `rec`, `adv` (and `aux` with 'binary-aux'). */
  readonly history: readonly EpochRecord[];
  private readonly gen: Mlp;
  private readonly table: NeighbourTable;
  private readonly rng: Rng;
  private disposed = false;

  /** @internal Built by {@link GlGan.fit} or {@link loadGlGan}. */
  constructor(args: {
    generator: Mlp;
    minorityCodes: Float64Array;
    options: ResolvedGlGanOptions;
    history: readonly EpochRecord[];
    rng: Rng;
  }) {
    this.gen = args.generator;
    this.options = args.options;
    this.minorityCodes = args.minorityCodes;
    this.history = args.history;
    this.rng = args.rng;
    this.nCols = args.generator.outputDim;
    this.latentDim = args.generator.inputDim;
    this.table = minorityNeighbours(this.minorityCodes, this.latentDim, this.options.k);
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
   * @throws NotFittedError after {@link FittedGlGan.dispose}.
   */
  sample(n: number, opts: SampleOptions = {}): Float64Array {
    this.checkAlive();
    if (!Number.isInteger(n) || n < 0) {
      throw new AdaarInputError('n', `expected a non-negative integer, got ${String(n)}`);
    }
    if (n === 0) return opts.out ? opts.out.subarray(0, 0) : new Float64Array(0);
    const rng = opts.seed === undefined ? this.rng : toRng(opts.seed);
    const z = latentSmote(this.minorityCodes, this.latentDim, this.table, n, rng, {
      out: new Float32Array(n * this.latentDim),
      baseSelection: this.options.baseSelection,
    });
    return toOutput(this.gen.predictArray(z), opts.out);
  }

  /**
   * Saves the model to a directory (created if needed): `manifest.json` (options, high-risk
   * latent codes, training curve, sampling stream) and `generator/model.json` +
   * `weights.bin`, loadable on every backend with {@link loadGlGan}.
   * @throws NotFittedError after {@link FittedGlGan.dispose}.
   */
  async save(dir: string): Promise<void> {
    this.checkAlive();
    const state: GlGanSavedState = {
      minorityCodes: Array.from(this.minorityCodes),
      history: [...this.history],
      rngState: this.rng.state(),
    };
    await saveModelDir(dir, {
      kind: GLGAN_MODEL_KIND,
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
    if (this.disposed) throw new NotFittedError('FittedGlGan (disposed)');
  }
}
