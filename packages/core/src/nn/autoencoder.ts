import { AdaarInputError, type Dataset, type SeedLike, toRng } from '@adaar/data';
import { ensureBackend } from '../backend';
import { tf } from '../tf';
import { type Activation, leakyRelu } from './activation';
import { Adam } from './adam';
import { balancedBatchIndices, batchIndices, gatherRows } from './batches';
import { mse } from './losses';
import { Mlp } from './mlp';

/** Architecture of an {@link Autoencoder}. */
export interface AutoencoderOptions {
  /** Number of input features. */
  readonly inputDim: number;
  /** Latent size. */
  readonly latentDim: number;
  /** Encoder hidden widths, default `[128, 128]`. */
  readonly hidden?: readonly number[];
  /** Decoder hidden widths, default: `hidden` reversed. */
  readonly decoderHidden?: readonly number[];
  /** Encoder hidden activation, default `leakyRelu(0.3)`. */
  readonly activation?: Activation;
  /** Decoder hidden activation, default: `activation`. */
  readonly decoderActivation?: Activation;
  /** Dropout after each encoder hidden layer in training mode, default 0. */
  readonly dropout?: number;
  /** Activation of the latent layer, default `'linear'`. */
  readonly latentActivation?: Activation;
  /** Activation of the reconstruction, default `'linear'` (z-scored features). */
  readonly outputActivation?: Activation;
  /** Biases in the encoder, default true. */
  readonly encoderBias?: boolean;
  /** Biases in the decoder, default true (BAGAN's generator has none). */
  readonly decoderBias?: boolean;
  /** Seed or generator for the weights and dropout masks, default 0. */
  readonly seed?: SeedLike;
}

/** Options of {@link Autoencoder.fit}. */
export interface AutoencoderFitOptions {
  /** Passes over the data, default 50. */
  readonly epochs?: number;
  /** Rows per step, default 128. */
  readonly batchSize?: number;
  /** Adam learning rate, default 1e-3. */
  readonly learningRate?: number;
  /** Adam beta1, default 0.9. */
  readonly beta1?: number;
  /** Adam beta2, default 0.999. */
  readonly beta2?: number;
  /** Drop the last partial batch of each epoch, default true. */
  readonly dropLast?: boolean;
  /**
   * Class-balanced batches (half label 1, half label 0; see `balancedBatchIndices`), with as
   * many steps per epoch as plain batching would have. Needs labels (`labels` or a Dataset).
   */
  readonly balanced?: boolean;
  /** Labels for `balanced` when `X` is a plain array. */
  readonly labels?: ArrayLike<number>;
  /** Seed or generator for shuffling, default 0. */
  readonly seed?: SeedLike;
  /** Called after each epoch with its mean reconstruction MSE. */
  readonly onEpoch?: (epoch: number, loss: number) => void;
}

type Matrix = Float64Array | Float32Array;

function matrixOf(X: Matrix | Dataset, nCols: number, arg: string): { data: Matrix; n: number } {
  const data = (X as Dataset).X ?? (X as Matrix);
  if ((X as Dataset).X && (X as Dataset).nCols !== nCols) {
    throw new AdaarInputError(arg, `has ${(X as Dataset).nCols} columns, expected ${nCols}`);
  }
  if (data.length % nCols !== 0) {
    throw new AdaarInputError(arg, `length ${data.length} is not a multiple of ${nCols} columns`);
  }
  return { data, n: data.length / nCols };
}

/**
 * A dense autoencoder (encoder {@link Mlp} + decoder {@link Mlp}) trained on reconstruction MSE
 * with one Adam for both networks. Used as ADAAR's user space and as BAGAN's pre-training.
 *
 * @example
 * ```ts
 * const ae = new Autoencoder({ inputDim: d, latentDim: 16, seed: 1 });
 * const { losses } = await ae.fit(train, { epochs: 30 });
 * const z = ae.encode(train);          // Float32Array, n x 16
 * const xHat = ae.decode(z);           // Float32Array, n x d
 * ae.dispose();
 * ```
 */
export class Autoencoder {
  /** The encoder: inputDim -> ... -> latentDim. */
  readonly encoder: Mlp;
  /** The decoder: latentDim -> ... -> inputDim. */
  readonly decoder: Mlp;

  /** @throws AdaarInputError for invalid sizes (see {@link Mlp}). */
  constructor(opts: AutoencoderOptions);
  /** Wraps existing networks (the encoder's output width must equal the decoder's input). */
  constructor(encoder: Mlp, decoder: Mlp);
  constructor(a: AutoencoderOptions | Mlp, b?: Mlp) {
    if (a instanceof Mlp) {
      if (!b || a.outputDim !== b.inputDim || b.outputDim !== a.inputDim) {
        throw new AdaarInputError('decoder', 'must map the encoder output back to its input size');
      }
      this.encoder = a;
      this.decoder = b;
      return;
    }
    const o = a;
    if (!Number.isInteger(o.latentDim) || o.latentDim < 1) {
      throw new AdaarInputError('latentDim', `expected a positive integer, got ${o.latentDim}`);
    }
    const rng = toRng(o.seed ?? 0);
    const hidden = o.hidden ?? [128, 128];
    const act = o.activation ?? leakyRelu(0.3);
    this.encoder = new Mlp({
      inputDim: o.inputDim,
      layers: [
        ...hidden.map((units) => ({
          units,
          activation: act,
          dropout: o.dropout ?? 0,
          bias: o.encoderBias ?? true,
        })),
        {
          units: o.latentDim,
          activation: o.latentActivation ?? 'linear',
          bias: o.encoderBias ?? true,
        },
      ],
      seed: rng.split(),
    });
    const dh = o.decoderHidden ?? [...hidden].reverse();
    const dact = o.decoderActivation ?? act;
    this.decoder = new Mlp({
      inputDim: o.latentDim,
      layers: [
        ...dh.map((units) => ({ units, activation: dact, bias: o.decoderBias ?? true })),
        {
          units: o.inputDim,
          activation: o.outputActivation ?? 'linear',
          bias: o.decoderBias ?? true,
        },
      ],
      seed: rng.split(),
    });
  }

  /** Number of input features. */
  get inputDim(): number {
    return this.encoder.inputDim;
  }

  /** Latent size. */
  get latentDim(): number {
    return this.encoder.outputDim;
  }

  /**
   * Trains encoder and decoder together on `mean((decode(encode(x)) - x)^2)` with Adam,
   * encoder dropout active. Reads the loss back once per epoch only.
   *
   * @param X - a Dataset (its `X`) or row-major values, `n x inputDim`.
   * @returns the mean reconstruction loss of every epoch.
   * @throws AdaarInputError for a wrong width, too few rows, or `balanced` without two classes.
   */
  async fit(X: Matrix | Dataset, opts: AutoencoderFitOptions = {}): Promise<{ losses: number[] }> {
    await ensureBackend();
    const { data, n } = matrixOf(X, this.inputDim, 'X');
    const epochs = opts.epochs ?? 50;
    const batchSize = opts.batchSize ?? 128;
    const dropLast = opts.dropLast ?? true;
    if (!Number.isInteger(epochs) || epochs < 0) {
      throw new AdaarInputError('epochs', `expected an integer >= 0, got ${epochs}`);
    }
    const labels = opts.labels ?? (X as Dataset).y;
    if (opts.balanced && (!labels || labels.length !== n)) {
      throw new AdaarInputError('labels', `balanced batches need ${n} labels`);
    }
    const rng = toRng(opts.seed ?? 0);
    const perEpoch = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    if (perEpoch === 0) {
      throw new AdaarInputError(
        'X',
        `has ${n} rows, fewer than one batch of ${batchSize} (dropLast)`,
      );
    }
    const opt = new Adam([this.encoder, this.decoder], {
      ...(opts.learningRate !== undefined ? { learningRate: opts.learningRate } : {}),
      ...(opts.beta1 !== undefined ? { beta1: opts.beta1 } : {}),
      ...(opts.beta2 !== undefined ? { beta2: opts.beta2 } : {}),
    });
    const d = this.inputDim;
    const losses: number[] = [];
    try {
      for (let e = 0; e < epochs; e++) {
        const batches = opts.balanced
          ? balancedBatchIndices(labels as ArrayLike<number>, batchSize, perEpoch, rng)
          : batchIndices(n, batchSize, rng, { dropLast });
        let total = tf.scalar(0);
        for (const idx of batches) {
          const next = tf.tidy(() => {
            const xb = tf.tensor2d(gatherRows(data, d, idx), [idx.length, d]);
            const loss = opt.minimize(() =>
              mse(
                this.decoder.apply(this.encoder.apply(xb, { training: true, inputGrad: false }), {
                  training: true,
                }),
                xb,
              ),
            );
            return tf.add(total, loss);
          });
          total.dispose();
          total = next as tf.Scalar;
        }
        const mean = total.dataSync()[0] / batches.length;
        total.dispose();
        losses.push(mean);
        opts.onEpoch?.(e, mean);
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      opt.dispose();
    }
    return { losses };
  }

  /** Latent codes of the rows of `X` (evaluation mode), row-major `n x latentDim`. */
  encode(X: Matrix | Dataset): Float32Array {
    const { data } = matrixOf(X, this.inputDim, 'X');
    return this.encoder.predictArray(data);
  }

  /** Reconstructions from latent codes (evaluation mode), row-major `n x inputDim`. */
  decode(Z: Matrix): Float32Array {
    const { data } = matrixOf(Z, this.latentDim, 'Z');
    return this.decoder.predictArray(data);
  }

  /** Releases both networks. */
  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
  }
}
