import { AdaarInputError, NotFittedError, type Rng, toRng } from '@adaar/data';
import type { FittedSampler, SampleOptions } from '@adaar/samplers';
import { saveModelDir } from '../io/modelDir';
import type { Mlp } from '../nn/mlp';
import { tf } from '../tf';
import { disposeGenerationState, type GenerationState } from './adaarGenerator';
import {
  ADAAR_NETWORK_ORDER,
  type AdaarNetworkName,
  type AdaarNetworks,
  disposeNetworks,
  networkNames,
} from './adaarNetworks';
import type { ResolvedAdaarOptions } from './adaarOptions';
import type { SampleDiagnostics } from './diagnostics';
import { drawFiltered } from './sampleFilter';
import type { AdaarTrainingCurve } from './trainingCurve';

/** Model kind written into the manifest of a saved ADAAR model. */
export const ADAAR_MODEL_KIND = 'adaar';

/**
 * End-of-training diagnostics: {@link SampleDiagnostics} of a fresh synthetic draw, plus the
 * discriminators' mean probabilities over the last logging window (D1 on real high-risk and
 * generated rows, D2 on real high-risk, low-risk and generated rows), where present.
 */
export type AdaarDiagnostics = SampleDiagnostics & {
  readonly d1Real?: number;
  readonly d1Fake?: number;
  readonly d2Real?: number;
  readonly d2Low?: number;
  readonly d2Fake?: number;
};

/** {@link FittedAdaar.sample}'s options: the sampler contract's, plus a filter override. */
export interface AdaarSampleOptions extends SampleOptions {
  /**
   * Share of candidate draws kept by the D1/D2 filter for this call, in (0, 1] (see
   * `AdaarOptions.sampleFilterKeep`). Default: the model's `options.sampleFilterKeep`.
   */
  readonly filterKeep?: number;
}

/** Per-column standardisation used inside the model: `z = (x - mean) / std`. */
export interface AdaarScaling {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** Everything a {@link FittedAdaar} is made of (used by the constructor and by loading). */
export interface FittedAdaarParts {
  readonly name: string;
  readonly nCols: number;
  readonly featureNames: readonly string[];
  readonly options: ResolvedAdaarOptions;
  readonly nets: AdaarNetworks;
  readonly state: GenerationState;
  readonly scaling: AdaarScaling;
  readonly curve: AdaarTrainingCurve;
  readonly diagnostics?: AdaarDiagnostics;
  /** The sampler's own draw stream (advanced by every `sample` without a seed). */
  readonly rng: Rng;
  /** The fit's seed when it was a number (kept in saved manifests). */
  readonly seed?: number;
}

/**
 * A trained ADAAR model: draws synthetic high-risk rows with `sample(n)` as often as needed
 * (fit once, sample for every K of a sweep). Holds tensors: call {@link FittedAdaar.dispose}
 * when done.
 */
export class FittedAdaar implements FittedSampler {
  /** Registry name of the method (e.g. `'adaar'`, `'adaar-no-d2'`). */
  readonly name: string;
  /** Number of feature columns of every sampled row. */
  readonly nCols: number;
  /** Feature names of the training set. */
  readonly featureNames: readonly string[];
  /** Every option as used in the fit. */
  readonly options: ResolvedAdaarOptions;
  /** The training curve (plain JSON; see {@link FittedAdaar.trainingCurveJSON}). */
  readonly trainingCurve: AdaarTrainingCurve;
  /** End-of-training diagnostics, when enabled (`options.diagnostics`). */
  readonly diagnostics?: AdaarDiagnostics;
  /** The fit's seed when it was a number. */
  readonly seed?: number;
  /** Standardisation (train mean and std per column) applied inside the model. */
  readonly scaling: AdaarScaling;
  private nets: AdaarNetworks | null;
  private state: GenerationState;
  private readonly rng: Rng;

  /** @internal Built by {@link Adaar.fit} or {@link loadAdaar}. */
  constructor(parts: FittedAdaarParts) {
    this.name = parts.name;
    this.nCols = parts.nCols;
    this.featureNames = parts.featureNames;
    this.options = parts.options;
    this.nets = parts.nets;
    this.state = parts.state;
    this.scaling = parts.scaling;
    this.trainingCurve = parts.curve;
    this.rng = parts.rng;
    if (parts.diagnostics) this.diagnostics = parts.diagnostics;
    if (parts.seed !== undefined) this.seed = parts.seed;
  }

  /** Names of the trained networks, e.g. `['encoder', 'decoder', 'generator', 'd1', 'd2']`. */
  get networks(): AdaarNetworkName[] {
    return networkNames(this.alive());
  }

  /**
   * One trained network (owned by this model: do not dispose it), or undefined when the
   * configuration has none of that name (an ablation).
   * @throws NotFittedError after {@link FittedAdaar.dispose}.
   */
  network(name: AdaarNetworkName): Mlp | undefined {
    return this.alive()[name];
  }

  /** Trainable scalars per network. */
  parameterCounts(): Partial<Record<AdaarNetworkName, number>> {
    const nets = this.alive();
    const out: Partial<Record<AdaarNetworkName, number>> = {};
    for (const n of networkNames(nets)) out[n] = (nets[n] as Mlp).paramCount();
    return out;
  }

  /**
   * Draws `n` synthetic high-risk rows in the training set's feature space (original units),
   * row-major. Uses the model's own random stream unless `opts.seed` is given; with
   * `opts.out`, writes into (and returns a view of) that array. With a sample filter
   * (`options.sampleFilterKeep` or `opts.filterKeep` below 1) the rows are the best-scored
   * of `ceil(n / keep)` draws.
   *
   * @throws AdaarInputError (argument `n`) unless a non-negative integer; (argument `out`)
   *   when `out` is too short; (argument `filterKeep`) unless in (0, 1].
   * @throws NotFittedError after {@link FittedAdaar.dispose}.
   */
  sample(n: number, opts: AdaarSampleOptions = {}): Float64Array {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw new AdaarInputError('n', `expected a non-negative integer, got ${String(n)}`);
    }
    const keep = opts.filterKeep ?? this.options.sampleFilterKeep;
    if (!(typeof keep === 'number' && keep > 0 && keep <= 1)) {
      throw new AdaarInputError('filterKeep', `expected a number in (0, 1], got ${String(keep)}`);
    }
    const nets = this.alive();
    const d = this.nCols;
    let out: Float64Array;
    if (opts.out !== undefined) {
      if (!(opts.out instanceof Float64Array) || opts.out.length < n * d) {
        throw new AdaarInputError('out', `needs a Float64Array of at least ${n * d} values`);
      }
      out = opts.out.subarray(0, n * d);
    } else out = new Float64Array(n * d);
    if (n === 0) return out;
    const rng = opts.seed === undefined ? this.rng : toRng(opts.seed);
    const z = drawFiltered(this.options, nets, this.state, d, n, rng, keep);
    const { mean, std } = this.scaling;
    for (let i = 0; i < z.length; i++) {
      const j = i % d;
      out[i] = z[i] * std[j] + mean[j];
    }
    return out;
  }

  /**
   * Probability of "real high-risk" (`'d1'`) or "high-risk" (`'d2'`) that a discriminator gives
   * to feature-space rows (encoded first when it reads latent codes). For filtering and
   * diagnostics.
   *
   * @throws AdaarInputError when the network is absent (an ablation) or `rows` has the wrong length.
   */
  discriminate(which: 'd1' | 'd2', rows: Float64Array): Float64Array {
    const nets = this.alive();
    const D = nets[which];
    if (!D) throw new AdaarInputError('which', `this model has no ${which} (ablation)`);
    const d = this.nCols;
    if (rows.length % d !== 0) {
      throw new AdaarInputError('rows', `length ${rows.length} is not a multiple of nCols ${d}`);
    }
    const n = rows.length / d;
    const z = new Float32Array(rows.length);
    const { mean, std } = this.scaling;
    for (let i = 0; i < rows.length; i++) z[i] = (rows[i] - mean[i % d]) / std[i % d];
    const frozen = { training: false, trainable: false, inputGrad: false } as const;
    const p = tf.tidy(() => {
      let x: tf.Tensor2D = tf.tensor2d(z, [n, d]);
      if (nets.encoder && this.options.space !== 'decoded') x = nets.encoder.apply(x, frozen);
      else if (nets.encoder && nets.decoder && this.options.decodedReal === 'reconstructed') {
        x = nets.decoder.apply(nets.encoder.apply(x, frozen), frozen);
      }
      return tf.sigmoid(D.apply(x, frozen));
    });
    const out = Float64Array.from(p.dataSync());
    p.dispose();
    return out;
  }

  /**
   * Saves the model to `dir`: one `<network>/model.json` + `weights.bin` per trained network,
   * and `manifest.json` with the resolved options, the seed, the standardisation (as
   * `preprocessing`), the random stream's state, the anchors (anchored variant), the training
   * curve and the diagnostics. Loads on any backend with `loadAdaar` / `Adaar.load`; the
   * loaded model continues the same random stream.
   *
   * @throws NotFittedError after {@link FittedAdaar.dispose}.
   */
  async save(dir: string): Promise<void> {
    const nets = this.alive();
    const networks: Record<string, Mlp> = {};
    for (const n of ADAAR_NETWORK_ORDER) {
      const net = nets[n];
      if (net) networks[n] = net;
    }
    const matrix = (t: tf.Tensor2D | undefined) =>
      t ? { shape: [t.shape[0], t.shape[1]], values: Array.from(t.dataSync()) } : null;
    await saveModelDir(dir, {
      kind: ADAAR_MODEL_KIND,
      config: this.options,
      seed: this.seed ?? null,
      preprocessing: {
        kind: 'standardize',
        mean: Array.from(this.scaling.mean),
        std: Array.from(this.scaling.std),
      },
      state: {
        name: this.name,
        nCols: this.nCols,
        featureNames: [...this.featureNames],
        rngState: this.rng.state(),
        curve: this.trainingCurve,
        diagnostics: this.diagnostics ?? null,
        anchors: matrix(this.state.anchors),
        residuals: matrix(this.state.residuals),
      },
      networks,
    });
  }

  /** The training curve as a JSON string (for plotting). */
  trainingCurveJSON(): string {
    return JSON.stringify(this.trainingCurve);
  }

  /** Frees every tensor; later `sample` calls throw. Safe to call twice. */
  dispose(): void {
    if (!this.nets) return;
    disposeNetworks(this.nets);
    disposeGenerationState(this.state);
    this.nets = null;
    this.state = {};
  }

  private alive(): AdaarNetworks {
    if (!this.nets) throw new NotFittedError('FittedAdaar (disposed)');
    return this.nets;
  }
}
