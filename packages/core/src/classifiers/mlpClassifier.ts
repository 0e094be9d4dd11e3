import { AdaarInputError, type Dataset, NotFittedError, toRng } from '@adaar/data';
import { auc } from '@adaar/metrics';
import { ensureBackend } from '../backend';
import { loadModelDir, saveModelDir } from '../io/modelDir';
import { type Activation, checkActivation } from '../nn/activation';
import { Adam } from '../nn/adam';
import { batchIndices, gatherRows } from '../nn/batches';
import { bceWithLogits } from '../nn/losses';
import { Mlp } from '../nn/mlp';
import { tf } from '../tf';
import {
  type Classifier,
  type ClassifierFitOptions,
  checkTraining,
  featuresOf,
  sigmoid,
} from './classifier';

/** Hyper-parameters of {@link MLPClassifier}. */
export interface MLPClassifierOptions {
  /** Hidden widths, default `[64, 32]` (so d -> 64 -> 32 -> 1). */
  readonly hidden?: readonly number[];
  /** Hidden activation, default `'relu'`. */
  readonly activation?: Activation;
  /** Dropout after each hidden layer while training, default 0. */
  readonly dropout?: number;
  /** Adam learning rate, default 1e-3. */
  readonly learningRate?: number;
  /** Rows per step, default 256. */
  readonly batchSize?: number;
  /** Maximum number of epochs, default 100. */
  readonly maxEpochs?: number;
  /** Epochs without a validation-AUC gain of more than `minDelta` before stopping, default 10. */
  readonly patience?: number;
  /** Minimum AUC gain that counts as an improvement, default 1e-4. */
  readonly minDelta?: number;
  /** Restore the weights of the best validation epoch at the end, default true. */
  readonly restoreBest?: boolean;
}

/** One epoch of an {@link MLPClassifier} fit. */
export interface MLPEpoch {
  readonly epoch: number;
  /** Mean training BCE of the epoch's batches. */
  readonly loss: number;
  /** Validation AUC after the epoch (when a validation set was given). */
  readonly valAuc?: number;
}

type Resolved = Required<MLPClassifierOptions>;

function resolve(o: MLPClassifierOptions): Resolved {
  const r: Resolved = {
    hidden: o.hidden ?? [64, 32],
    activation: checkActivation(o.activation ?? 'relu', 'activation'),
    dropout: o.dropout ?? 0,
    learningRate: o.learningRate ?? 1e-3,
    batchSize: o.batchSize ?? 256,
    maxEpochs: o.maxEpochs ?? 100,
    patience: o.patience ?? 10,
    minDelta: o.minDelta ?? 1e-4,
    restoreBest: o.restoreBest ?? true,
  };
  for (const k of ['batchSize', 'maxEpochs', 'patience'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < (k === 'patience' ? 0 : 1)) {
      throw new AdaarInputError(k, `expected a positive integer, got ${r[k]}`);
    }
  }
  if (!(r.learningRate > 0))
    throw new AdaarInputError('learningRate', `expected > 0, got ${r.learningRate}`);
  return r;
}

/**
 * The bench's neural downstream classifier: a dense net d -> 64 -> 32 -> 1 (ReLU, logit output)
 * trained with binary cross-entropy and Adam (lr 1e-3) on shuffled mini-batches of 256, with
 * early stopping on validation AUC (patience 10) and the best epoch's weights restored.
 * Deterministic for a given seed and backend.
 *
 * @example
 * ```ts
 * const clf = new MLPClassifier({ maxEpochs: 50 });
 * await clf.fit(train, { validation: valid, seed: 1 });
 * const p = await clf.predictProba(test);   // Float64Array of P(high-risk)
 * clf.dispose();
 * ```
 */
export class MLPClassifier implements Classifier {
  /** Resolved hyper-parameters. */
  readonly options: Readonly<Resolved>;
  private net: Mlp | null = null;
  private epochs: MLPEpoch[] = [];
  private best = -1;
  private seedUsed: number | null = null;

  /** @throws AdaarInputError for invalid hyper-parameters. */
  constructor(opts: MLPClassifierOptions = {}) {
    this.options = resolve(opts);
  }

  /** Per-epoch training loss and validation AUC of the last fit. */
  get history(): readonly MLPEpoch[] {
    return this.epochs;
  }

  /** Epoch (0-based) whose weights are in use after early stopping, or -1 without validation. */
  get bestEpoch(): number {
    return this.best;
  }

  /** The trained network (owned by the classifier). @throws NotFittedError before fit. */
  get network(): Mlp {
    if (!this.net) throw new NotFittedError('MLPClassifier');
    return this.net;
  }

  /**
   * Trains a fresh network on `train`. With `validation`, stops once the validation AUC has not
   * improved by `minDelta` for `patience` epochs and restores the best epoch's weights.
   * @throws AdaarInputError for an empty or one-class train set, non-finite values, mismatched
   *   columns, bad sample weights or a one-class validation set.
   */
  async fit(train: Dataset, opts: ClassifierFitOptions = {}): Promise<void> {
    await ensureBackend();
    checkTraining(train, opts.sampleWeight);
    const val = opts.validation;
    if (val) {
      if (val.nCols !== train.nCols) {
        throw new AdaarInputError(
          'validation',
          `has ${val.nCols} columns, train has ${train.nCols}`,
        );
      }
      let pos = 0;
      for (let i = 0; i < val.nRows; i++) pos += val.y[i];
      if (pos === 0 || pos === val.nRows) {
        throw new AdaarInputError('validation', 'needs both classes for the early-stopping AUC');
      }
    }
    const o = this.options;
    const rng = toRng(opts.seed ?? 0);
    this.seedUsed = typeof opts.seed === 'number' ? opts.seed : null;
    this.net?.dispose();
    const net = new Mlp({
      inputDim: train.nCols,
      widths: [...o.hidden, 1],
      activation: o.activation,
      dropout: o.dropout,
      seed: rng.split(),
    });
    this.net = net;
    const shuffle = rng.split();
    const opt = new Adam(net, { learningRate: o.learningRate });
    const d = train.nCols;
    const yAll = Float32Array.from(train.y);
    const wAll = opts.sampleWeight ? Float32Array.from(opts.sampleWeight) : null;
    const valX = val ? Float32Array.from(val.X) : null;
    this.epochs = [];
    this.best = -1;
    let bestAuc = Number.NEGATIVE_INFINITY;
    let bestWeights: Float32Array[] | null = null;
    let wait = 0;
    try {
      for (let e = 0; e < o.maxEpochs; e++) {
        opts.signal?.throwIfAborted();
        net.train();
        const batches = batchIndices(train.nRows, o.batchSize, shuffle);
        let total = tf.scalar(0);
        for (const idx of batches) {
          const next = tf.tidy(() => {
            const m = idx.length;
            const xb = tf.tensor2d(gatherRows(train.X, d, idx), [m, d]);
            const yb = tf.tensor2d(gatherRows(yAll, 1, idx), [m, 1]);
            const wb = wAll ? tf.tensor2d(gatherRows(wAll, 1, idx), [m, 1]) : undefined;
            const loss = opt.minimize(() =>
              bceWithLogits(net.apply(xb, { inputGrad: false }), yb, wb),
            );
            return tf.add(total, loss);
          });
          total.dispose();
          total = next as tf.Scalar;
        }
        const loss = total.dataSync()[0] / batches.length;
        total.dispose();
        let valAuc: number | undefined;
        if (val && valX) {
          net.eval();
          valAuc = auc(val.y, net.predictArray(valX));
          if (valAuc > bestAuc + o.minDelta || bestWeights === null) {
            bestAuc = Math.max(bestAuc, valAuc);
            bestWeights = net.getWeights();
            this.best = e;
            wait = 0;
          } else {
            wait++;
          }
        }
        this.epochs.push({ epoch: e, loss, ...(valAuc !== undefined ? { valAuc } : {}) });
        opts.onProgress?.({
          phase: 'mlp-classifier',
          step: e + 1,
          total: o.maxEpochs,
          losses: { loss, ...(valAuc !== undefined ? { valAuc } : {}) },
        });
        if (val && wait >= o.patience) break;
        await new Promise<void>((r) => setImmediate(r));
      }
      if (o.restoreBest && bestWeights) net.setWeights(bestWeights);
      net.eval();
    } finally {
      opt.dispose();
    }
  }

  /**
   * P(class 1) for every row (sigmoid of the network's logit, computed in float64).
   * @throws NotFittedError before fit; AdaarInputError for a column mismatch or a non-finite value.
   */
  async predictProba(X: Dataset | Float64Array): Promise<Float64Array> {
    const net = this.network;
    const data = featuresOf(X, net.inputDim);
    const logits = net.predictArray(data);
    const out = new Float64Array(logits.length);
    for (let i = 0; i < out.length; i++) out[i] = sigmoid(logits[i]);
    return out;
  }

  /**
   * Saves the fitted classifier to `dir` (manifest + network). `preprocessing` (e.g. a
   * `Preprocessor.toJSON()`) is stored as given.
   * @throws NotFittedError before fit.
   */
  async save(dir: string, opts: { preprocessing?: unknown } = {}): Promise<void> {
    await saveModelDir(dir, {
      kind: 'mlp-classifier',
      config: this.options,
      seed: this.seedUsed,
      preprocessing: opts.preprocessing ?? null,
      state: { history: this.epochs, bestEpoch: this.best },
      networks: { net: this.network },
    });
  }

  /**
   * Loads a classifier saved by {@link MLPClassifier.save} (on the active backend).
   * @returns the classifier and the stored preprocessing JSON (or null).
   * @throws AdaarInputError when `dir` holds no MLP classifier.
   */
  static async load(dir: string): Promise<{ classifier: MLPClassifier; preprocessing: unknown }> {
    const { manifest, networks } = await loadModelDir(dir, 'mlp-classifier');
    const clf = new MLPClassifier(manifest.config as MLPClassifierOptions);
    clf.net = networks.net;
    clf.net.eval();
    const st = manifest.state as { history?: MLPEpoch[]; bestEpoch?: number } | undefined;
    clf.epochs = st?.history ?? [];
    clf.best = st?.bestEpoch ?? -1;
    clf.seedUsed = manifest.seed;
    return { classifier: clf, preprocessing: manifest.preprocessing };
  }

  /** Frees the network. Safe to call twice. */
  dispose(): void {
    this.net?.dispose();
    this.net = null;
  }
}
