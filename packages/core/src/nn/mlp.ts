import { AdaarInputError, type Rng, type SeedLike, toRng } from '@adaar/data';
import { tf } from '../tf';
import { type Activation, checkActivation } from './activation';
import { glorotUniform } from './glorot';
import { denseBackward, denseForward, matMul2d, transpose2d } from './ops';

/** One dense layer of an {@link Mlp}: `dropout(act(x W + b))`. */
export interface DenseLayerSpec {
  /** Output width. */
  readonly units: number;
  /** Activation, default `'linear'`. */
  readonly activation?: Activation;
  /** Whether the layer has a bias (zero-initialised), default true. */
  readonly bias?: boolean;
  /** Dropout rate in [0, 1) applied after the activation in training mode, default 0. */
  readonly dropout?: number;
}

/** A fully resolved layer (what {@link Mlp.config} reports). */
export interface DenseLayerConfig {
  readonly units: number;
  readonly activation: Activation;
  readonly bias: boolean;
  readonly dropout: number;
}

/** JSON-serialisable architecture of an {@link Mlp}. */
export interface MlpConfig {
  readonly inputDim: number;
  readonly layers: readonly DenseLayerConfig[];
}

/**
 * Options of {@link Mlp}. Give either `widths` (with the shared `activation`, `outputActivation`,
 * `dropout`, `bias`) or explicit `layers`.
 */
export interface MlpOptions {
  /** Number of input features. */
  readonly inputDim: number;
  /** Widths of every layer, the last one being the output, e.g. `[128, 128, 1]`. */
  readonly widths?: readonly number[];
  /** Explicit per-layer specs (overrides `widths` and the shared options). */
  readonly layers?: readonly DenseLayerSpec[];
  /** Activation of the hidden layers (with `widths`), default `'relu'`. */
  readonly activation?: Activation;
  /** Activation of the output layer (with `widths`), default `'linear'` (logits). */
  readonly outputActivation?: Activation;
  /** Dropout rate after each hidden activation (with `widths`), default 0. */
  readonly dropout?: number;
  /** Bias in every layer (with `widths`), default true. */
  readonly bias?: boolean;
  /** Seed or generator for the Glorot-uniform init and the dropout masks, default 0. */
  readonly seed?: SeedLike;
}

/** Options of {@link Mlp.apply}. */
export interface ApplyOptions {
  /** Training mode (dropout active); default: the network's mode ({@link Mlp.train}/{@link Mlp.eval}). */
  readonly training?: boolean;
  /**
   * Whether gradients may flow into this network's weights (default true). Pass false for a
   * frozen network inside another network's loss (e.g. D in a generator step): its weight
   * gradients are then not computed at all.
   */
  readonly trainable?: boolean;
  /**
   * Whether a gradient w.r.t. `x` is needed (default true). Pass false when `x` is data: the
   * first layer's input-gradient matMul is skipped.
   */
  readonly inputGrad?: boolean;
  /**
   * Explicit dropout masks in training mode, one per layer (`null` for layers without dropout),
   * each `[n, units]` row-major with values 0 or `1 / (1 - rate)`. Default: drawn from the
   * network's seeded generator.
   */
  readonly dropoutMasks?: readonly (Float32Array | null)[];
}

interface Layer extends DenseLayerConfig {
  readonly inDim: number;
  readonly w: tf.Variable<tf.Rank.R2>;
  readonly b: tf.Variable<tf.Rank.R1> | null;
}

function resolveLayers(opts: MlpOptions): DenseLayerConfig[] {
  let specs: readonly DenseLayerSpec[];
  if (opts.layers) {
    specs = opts.layers;
  } else if (opts.widths) {
    const n = opts.widths.length;
    const hidden = checkActivation(opts.activation ?? 'relu', 'activation');
    const out = checkActivation(opts.outputActivation ?? 'linear', 'outputActivation');
    specs = opts.widths.map((units, i) => ({
      units,
      activation: i === n - 1 ? out : hidden,
      bias: opts.bias ?? true,
      dropout: i === n - 1 ? 0 : (opts.dropout ?? 0),
    }));
  } else {
    throw new AdaarInputError('widths', 'give `widths` or `layers`');
  }
  if (specs.length === 0) throw new AdaarInputError('widths', 'needs at least one layer');
  return specs.map((s, i) => {
    if (!Number.isInteger(s.units) || s.units < 1) {
      throw new AdaarInputError(
        'layers',
        `layer ${i}: units must be a positive integer, got ${s.units}`,
      );
    }
    const dropout = s.dropout ?? 0;
    if (!(dropout >= 0 && dropout < 1)) {
      throw new AdaarInputError('dropout', `layer ${i}: expected a rate in [0, 1), got ${dropout}`);
    }
    return {
      units: s.units,
      activation: checkActivation(s.activation ?? 'linear', `layers[${i}].activation`),
      bias: s.bias ?? true,
      dropout,
    };
  });
}

/**
 * A dense multilayer perceptron on TensorFlow.js with seeded Glorot-uniform init, per-layer
 * activations, dropout with a train/eval switch (masks drawn from the seeded {@link Rng}), and
 * a hand-written backward pass: the whole network is one `tf.customGrad` node whose gradient
 * uses materialised transposes and plain matMuls (several times faster on wasm than tfjs'
 * flagged matMuls), and skips weight gradients of frozen networks.
 *
 * Requires an active backend ({@link initBackend}). Call {@link Mlp.dispose} when done.
 *
 * @example
 * ```ts
 * const net = new Mlp({ inputDim: 8, widths: [64, 32, 1], seed: 1 });
 * const logits = tf.tidy(() => net.apply(x));   // x: tf.Tensor2D [n, 8]
 * ```
 */
export class Mlp {
  /** Number of input features. */
  readonly inputDim: number;
  /** Width of the output layer. */
  readonly outputDim: number;
  private readonly layerList: Layer[];
  private readonly vars: tf.Variable[];
  private readonly dropoutRng: Rng;
  private isTraining = true;
  private disposed = false;

  /**
   * @throws AdaarInputError for a non-positive `inputDim`, missing widths, bad units or rates.
   */
  constructor(opts: MlpOptions) {
    if (!Number.isInteger(opts.inputDim) || opts.inputDim < 1) {
      throw new AdaarInputError('inputDim', `expected a positive integer, got ${opts.inputDim}`);
    }
    const cfg = resolveLayers(opts);
    const rng = toRng(opts.seed ?? 0);
    const initRng = rng.split();
    this.dropoutRng = rng.split();
    this.inputDim = opts.inputDim;
    this.layerList = [];
    this.vars = [];
    let inDim = opts.inputDim;
    for (const c of cfg) {
      // tf.variable does not take ownership of its initial value: dispose it.
      const w0 = tf.tensor2d(glorotUniform(inDim, c.units, initRng), [inDim, c.units], 'float32');
      const w = tf.variable(w0, true) as tf.Variable<tf.Rank.R2>;
      w0.dispose();
      let b: tf.Variable<tf.Rank.R1> | null = null;
      if (c.bias) {
        const b0 = tf.zeros([c.units], 'float32');
        b = tf.variable(b0, true) as tf.Variable<tf.Rank.R1>;
        b0.dispose();
      }
      this.layerList.push({ ...c, inDim, w, b });
      this.vars.push(w);
      if (b) this.vars.push(b);
      inDim = c.units;
    }
    this.outputDim = inDim;
  }

  /**
   * A network with the given architecture (e.g. from a saved {@link MlpConfig}); weights are
   * freshly initialised from `seed` (default 0) until set.
   */
  static fromConfig(config: MlpConfig, seed?: SeedLike): Mlp {
    return new Mlp({
      inputDim: config.inputDim,
      layers: config.layers,
      ...(seed !== undefined ? { seed } : {}),
    });
  }

  /** Trainable variables in layer order: `[W0, b0, W1, b1, ...]` (absent biases skipped). */
  get variables(): readonly tf.Variable[] {
    return this.vars;
  }

  /** Architecture as plain JSON. */
  config(): MlpConfig {
    return {
      inputDim: this.inputDim,
      layers: this.layerList.map(({ units, activation, bias, dropout }) => ({
        units,
        activation,
        bias,
        dropout,
      })),
    };
  }

  /** Number of layers. */
  get numLayers(): number {
    return this.layerList.length;
  }

  /** Total number of trainable scalars. */
  paramCount(): number {
    return this.vars.reduce((s, v) => s + v.size, 0);
  }

  /** Current mode: true in training mode (dropout active). */
  get training(): boolean {
    return this.isTraining;
  }

  /** Switches to training mode (dropout active). Returns this. */
  train(): this {
    this.isTraining = true;
    return this;
  }

  /** Switches to evaluation mode (dropout off). Returns this. */
  eval(): this {
    this.isTraining = false;
    return this;
  }

  /**
   * Forward pass `x -> output` (logits for a linear output layer), differentiable w.r.t. the
   * network's variables (unless `trainable: false`) and w.r.t. `x` (unless `inputGrad: false`).
   * Use inside `tf.tidy` or an optimizer's `minimize`.
   *
   * @param x - `[n, inputDim]` float32.
   * @throws AdaarInputError when `x` is not `[n, inputDim]`.
   */
  apply(x: tf.Tensor2D, opts: ApplyOptions = {}): tf.Tensor2D {
    this.checkAlive();
    if (x.rank !== 2 || x.shape[1] !== this.inputDim) {
      throw new AdaarInputError('x', `expected shape [n, ${this.inputDim}], got [${x.shape}]`);
    }
    const training = opts.training ?? this.isTraining;
    const trainable = opts.trainable ?? true;
    const inputGrad = opts.inputGrad ?? true;
    if (opts.dropoutMasks) this.checkMasks(opts.dropoutMasks, x.shape[0]);
    const masks = training ? (opts.dropoutMasks ?? this.drawMasks(x.shape[0])) : null;
    if (!trainable && !inputGrad) return tf.tidy(() => this.plainForward(x, masks));
    const layers = this.layerList;
    const vars = this.vars;
    const nVars = vars.length;
    const f = (...args: unknown[]) => {
      const save = args[args.length - 1] as (t: tf.Tensor[]) => void;
      const xIn = inputGrad ? (args[0] as tf.Tensor2D) : x;
      const maskTensors = masks
        ? masks.map((m, i) => (m ? tf.tensor2d(m, [x.shape[0], layers[i].units]) : null))
        : null;
      const hs: tf.Tensor2D[] = [xIn];
      const as: tf.Tensor2D[] = [];
      let h = xIn;
      for (let i = 0; i < layers.length; i++) {
        const l = layers[i];
        const a = denseForward(h, l.w, l.b, l.activation);
        as.push(a);
        const mk = maskTensors?.[i];
        h = mk ? (tf.mul(a, mk) as tf.Tensor2D) : a;
        hs.push(h);
      }
      // Saved for the backward pass (each save is a kernel dispatch): layer inputs only for
      // weight gradients, activation outputs only for non-linear layers, each tensor once (a
      // layer's input is the previous layer's output when there is no dropout).
      const toSave: tf.Tensor[] = [];
      const slot = (t: tf.Tensor): number => {
        let k = toSave.indexOf(t);
        if (k < 0) k = toSave.push(t) - 1;
        return k;
      };
      const hIdx = layers.map((_, i) => (trainable ? slot(hs[i]) : -1));
      const aIdx = layers.map((l, i) => (l.activation === 'linear' ? -1 : slot(as[i])));
      const mIdx = layers.map((_, i) => {
        const m = maskTensors?.[i];
        return m ? slot(m) : -1;
      });
      save(toSave);
      return {
        value: h,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const n = layers.length;
          const at = (k: number) => (k >= 0 ? (saved[k] as tf.Tensor2D) : null);
          const gW: tf.Tensor[] = new Array(n);
          const gB: (tf.Tensor | null)[] = new Array(n);
          let g = dy as tf.Tensor2D;
          let dx: tf.Tensor2D | null = null;
          for (let i = n - 1; i >= 0; i--) {
            const l = layers[i];
            const m = at(mIdx[i]);
            if (m) g = tf.mul(g, m);
            // a linear layer's gradient does not read its output: pass g in its place
            const a = at(aIdx[i]) ?? g;
            const { dz, db } = denseBackward(g, a, l.activation, trainable && l.b !== null);
            if (trainable) {
              gW[i] = matMul2d(at(hIdx[i]) as tf.Tensor2D, dz, true);
              gB[i] = db;
            }
            if (i > 0 || inputGrad) {
              const d = matMul2d(dz, transpose2d(l.w));
              if (i > 0) g = d;
              else dx = d;
            }
          }
          const out: tf.Tensor[] = [];
          if (inputGrad) out.push(dx as tf.Tensor2D);
          if (trainable) {
            for (let i = 0; i < n; i++) {
              out.push(gW[i]);
              const b = gB[i];
              if (b) out.push(b);
            }
          }
          return out;
        },
      };
    };
    const inputs: tf.Tensor[] = [];
    if (inputGrad) inputs.push(x);
    if (trainable) for (let i = 0; i < nVars; i++) inputs.push(vars[i]);
    // biome-ignore lint/suspicious/noExplicitAny: tf.customGrad's typing is for fixed arities.
    const op = tf.customGrad(f as any) as (...t: tf.Tensor[]) => tf.Tensor2D;
    return op(...inputs);
  }

  /**
   * Inference in evaluation mode (no dropout, no gradient bookkeeping) on row-major data,
   * in batches of `batchSize` rows (default 4096). Returns the outputs, row-major.
   *
   * @param X - `nRows * inputDim` values (Float32Array or Float64Array).
   * @throws AdaarInputError when the length is not a multiple of `inputDim`.
   */
  predictArray(X: Float32Array | Float64Array, batchSize = 4096): Float32Array {
    this.checkAlive();
    if (X.length % this.inputDim !== 0) {
      throw new AdaarInputError(
        'X',
        `length ${X.length} is not a multiple of inputDim ${this.inputDim}`,
      );
    }
    const n = X.length / this.inputDim;
    const out = new Float32Array(n * this.outputDim);
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const chunk = X.subarray(start * this.inputDim, end * this.inputDim);
      const data = chunk instanceof Float32Array ? chunk : Float32Array.from(chunk);
      const y = tf.tidy(() =>
        this.plainForward(tf.tensor2d(data, [end - start, this.inputDim]), null),
      );
      out.set(y.dataSync() as Float32Array, start * this.outputDim);
      y.dispose();
    }
    return out;
  }

  /** Current weights as typed arrays, in {@link Mlp.variables} order (a copy). */
  getWeights(): Float32Array[] {
    this.checkAlive();
    return this.vars.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  /**
   * Overwrites the weights, in {@link Mlp.variables} order.
   * @throws AdaarInputError when the count or a length differs.
   */
  setWeights(weights: readonly (Float32Array | Float64Array | readonly number[])[]): void {
    this.checkAlive();
    if (weights.length !== this.vars.length) {
      throw new AdaarInputError(
        'weights',
        `expected ${this.vars.length} arrays, got ${weights.length}`,
      );
    }
    weights.forEach((w, i) => {
      const v = this.vars[i];
      if (w.length !== v.size) {
        throw new AdaarInputError(
          'weights',
          `array ${i} has ${w.length} values, expected ${v.size}`,
        );
      }
    });
    tf.tidy(() => {
      weights.forEach((w, i) => {
        const v = this.vars[i];
        v.assign(tf.tensor(Float32Array.from(w), v.shape, 'float32'));
      });
    });
  }

  /**
   * Copies the weights of the first `layers` layers (default: all) of `source` into this
   * network, e.g. BAGAN's encoder trunk into its discriminator. Shapes and bias presence must
   * match layer by layer.
   * @throws AdaarInputError when the layers do not match.
   */
  copyWeightsFrom(source: Mlp, opts: { layers?: number } = {}): void {
    this.checkAlive();
    const k = opts.layers ?? this.layerList.length;
    if (!Number.isInteger(k) || k < 0 || k > this.layerList.length || k > source.layerList.length) {
      throw new AdaarInputError(
        'layers',
        `expected an integer in [0, ${Math.min(this.layerList.length, source.layerList.length)}], got ${k}`,
      );
    }
    for (let i = 0; i < k; i++) {
      const a = this.layerList[i];
      const b = source.layerList[i];
      if (a.inDim !== b.inDim || a.units !== b.units || Boolean(a.b) !== Boolean(b.b)) {
        throw new AdaarInputError(
          'source',
          `layer ${i} differs: [${a.inDim}, ${a.units}, bias ${Boolean(a.b)}] vs [${b.inDim}, ${b.units}, bias ${Boolean(b.b)}]`,
        );
      }
    }
    for (let i = 0; i < k; i++) {
      const a = this.layerList[i];
      const b = source.layerList[i];
      a.w.assign(b.w);
      if (a.b && b.b) a.b.assign(b.b);
    }
  }

  /** Releases the variables. The network cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.vars);
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('Mlp: used after dispose()');
  }

  private checkMasks(masks: readonly (Float32Array | null)[], n: number): void {
    if (masks.length !== this.layerList.length) {
      throw new AdaarInputError(
        'dropoutMasks',
        `expected ${this.layerList.length} entries, got ${masks.length}`,
      );
    }
    masks.forEach((m, i) => {
      if (m && m.length !== n * this.layerList[i].units) {
        throw new AdaarInputError(
          'dropoutMasks',
          `mask ${i} has ${m.length} values, expected ${n * this.layerList[i].units}`,
        );
      }
    });
  }

  private drawMasks(n: number): (Float32Array | null)[] | null {
    let any = false;
    const masks = this.layerList.map((l) => {
      if (l.dropout <= 0) return null;
      any = true;
      const keep = 1 - l.dropout;
      const threshold = Math.round(l.dropout * 4294967296);
      const scale = 1 / keep;
      const m = new Float32Array(n * l.units);
      const rng = this.dropoutRng;
      for (let i = 0; i < m.length; i++) m[i] = rng.nextUint32() >= threshold ? scale : 0;
      return m;
    });
    return any ? masks : null;
  }

  private plainForward(
    x: tf.Tensor2D,
    masks: readonly (Float32Array | null)[] | null,
  ): tf.Tensor2D {
    let h = x;
    for (let i = 0; i < this.layerList.length; i++) {
      const l = this.layerList[i];
      h = denseForward(h, l.w, l.b, l.activation);
      const m = masks?.[i];
      if (m) h = tf.mul(h, tf.tensor2d(m, [x.shape[0], l.units])) as tf.Tensor2D;
    }
    return h;
  }
}
