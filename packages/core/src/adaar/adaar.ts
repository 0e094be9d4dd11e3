import { type Dataset, NotFittedError, type Rng, toRng } from '@adaar/data';
import {
  type FitOptions,
  type SampleOptions,
  type Sampler,
  validateTrainingSet,
} from '@adaar/samplers';
import { ensureBackend } from '../backend';
import { LogisticRegression } from '../classifiers/logisticRegression';
import { tf } from '../tf';
import {
  buildGenerationState,
  disposeGenerationState,
  type GenerationState,
} from './adaarGenerator';
import { loadAdaar } from './adaarIo';
import { type AdaarNetworks, buildAdaarNetworks, disposeNetworks } from './adaarNetworks';
import { type AdaarOptions, type ResolvedAdaarOptions, resolveAdaarOptions } from './adaarOptions';
import { trainAdaar } from './adaarTrainer';
import { diagnoseSamples, type RiskLogitScorer } from './diagnostics';
import { type AdaarDiagnostics, type AdaarScaling, FittedAdaar } from './fittedAdaar';
import { drawFiltered } from './sampleFilter';
import { emptyTrainingCurve } from './trainingCurve';

/** Options of {@link Adaar}'s constructor: the model options plus run-time hooks. */
export interface AdaarConstructorOptions extends AdaarOptions {
  /**
   * Reference risk model for the riskiness-gap diagnostic: logits of rows in the training
   * set's feature space. Not saved with the model. Default (when diagnostics are on): an L2
   * logistic regression (C = 1) fitted on the training set.
   */
  readonly riskLogit?: RiskLogitScorer;
  /** Name reported by the sampler; default derived from the ablation flags (see {@link adaarName}). */
  readonly name?: string;
}

/**
 * Registry name of a configuration: `'adaar'`, or `'adaar-no-ae'`, `'adaar-no-d1'`,
 * `'adaar-no-d2'` for the ablations (joined, e.g. `'adaar-no-ae-no-d2'`, when several apply).
 */
export function adaarName(opts: Pick<AdaarOptions, 'ae' | 'd1' | 'd2'> = {}): string {
  let name = 'adaar';
  if (opts.ae === false) name += '-no-ae';
  if (opts.d1 === false) name += '-no-d1';
  if (opts.d2 === false) name += '-no-d2';
  return name;
}

/** Fewest high-risk training rows ADAAR accepts (its diagnostics need a spread). */
export const ADAAR_MIN_POSITIVES = 2;

function computeScaling(train: Dataset, standardize: boolean): AdaarScaling {
  const { nRows, nCols, X } = train;
  const mean = new Float64Array(nCols);
  const std = new Float64Array(nCols).fill(1);
  if (!standardize) return { mean, std };
  for (let i = 0; i < nRows; i++) for (let j = 0; j < nCols; j++) mean[j] += X[i * nCols + j];
  for (let j = 0; j < nCols; j++) mean[j] /= nRows;
  const ss = new Float64Array(nCols);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) ss[j] += (X[i * nCols + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < nCols; j++) {
    const s = Math.sqrt(ss[j] / Math.max(1, nRows - 1));
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

/**
 * ADAAR (Liu et al., CIKM 2020) as reconstructed in methods.md section 4: an autoencoder
 * learns the "user space" from all training users; a generator maps noise to that space; D1
 * tells real high-risk users from generated ones ("alike"), D2 is a risk discriminator
 * trained on balanced real high-risk / low-risk batches ("unlike low-risk"); G minimises the
 * non-saturating D1 term plus `lambda` x the D2 risk term; samples are decoded back to
 * feature space. Options expose the ablations (`ae`, `d1`, `d2`) and the 4.6 alternatives.
 *
 * Implements the {@link Sampler} contract: `fit` once, then `sample(n)` any number of times.
 * Requires a TensorFlow.js backend (initialised on first use, see `initBackend`).
 *
 * @example
 * ```ts
 * const fitted = await new Adaar({ iterations: 2000 }).fit(train, { seed: 1 });
 * const rows = fitted.sample(4 * nPositives);   // K = 4
 * console.log(fitted.diagnostics, fitted.trainingCurveJSON());
 * fitted.dispose();
 * ```
 */
export class Adaar implements Sampler<FittedAdaar> {
  /** Registry name (`'adaar'`, `'adaar-no-ae'`, ...). */
  readonly name: string;
  /** The options given (unresolved; defaults are applied per dataset in `fit`). */
  readonly options: AdaarOptions;
  private readonly riskLogit?: RiskLogitScorer;
  private last: FittedAdaar | undefined;

  /**
   * @param options - see {@link AdaarOptions}; validated here against a nominal width and
   *   again in `fit`.
   * @throws AdaarInputError (argument `options.<name>`) for an invalid option.
   */
  constructor(options: AdaarConstructorOptions = {}) {
    const { riskLogit, name, ...rest } = options;
    resolveAdaarOptions(rest, 1);
    this.options = rest;
    this.name = name ?? adaarName(rest);
    if (riskLogit) this.riskLogit = riskLogit;
  }

  /**
   * Trains the model on `train` (features in any units: they are standardised inside).
   * Progress is reported per phase: `autoencoder` (per epoch), `d2-warmup` and `adversarial`
   * (every `logEvery` iterations), each with the window's mean losses.
   *
   * @throws AdaarInputError (argument `train`) for an invalid training set or fewer than
   *   {@link ADAAR_MIN_POSITIVES} high-risk rows; (argument `options.<name>`) for bad options.
   * @throws the signal's reason when `opts.signal` aborts; Error when a loss becomes non-finite.
   */
  async fit(train: Dataset, opts: FitOptions = {}): Promise<FittedAdaar> {
    opts.signal?.throwIfAborted();
    const summary = validateTrainingSet(train, {
      minPositives: ADAAR_MIN_POSITIVES,
      reason: 'ADAAR needs at least 2 high-risk rows',
    });
    const o = resolveAdaarOptions(this.options, train.nCols);
    await ensureBackend();
    const rng = toRng(opts.seed ?? 0);
    const netRng = rng.split();
    const trainRng = rng.split();
    const sampleRng = rng.split();
    const diagRng = rng.split();

    const { nRows, nCols } = train;
    const scaling = computeScaling(train, o.standardize);
    const X = new Float32Array(nRows * nCols);
    for (let i = 0; i < X.length; i++) {
      const j = i % nCols;
      X[i] = (train.X[i] - scaling.mean[j]) / scaling.std[j];
    }
    const pos = summary.positiveIndices;
    const neg = new Uint32Array(nRows - pos.length);
    for (let i = 0, k = 0; i < nRows; i++) if (train.y[i] === 0) neg[k++] = i;

    const nets = buildAdaarNetworks(o, nCols, netRng);
    const curve = emptyTrainingCurve(o.logEvery);
    let state: GenerationState = {};
    try {
      const riskLogit =
        this.riskLogit ?? (o.diagnostics ? await logisticRiskLogit(train) : undefined);
      const diagnose = (s: GenerationState) =>
        this.diagnose(o, nets, s, scaling, train, diagRng, riskLogit);
      await trainAdaar({ X, nRows, nCols, pos, neg }, o, nets, trainRng, curve, {
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        onCheckpoint: async (step, s) => {
          curve.diagnostics.push({ step, ...(await diagnose(s)) });
        },
      });
      const XP = tf.tensor2d(gather(X, nCols, pos), [pos.length, nCols]);
      state = buildGenerationState(o, nets, XP);
      XP.dispose();
      let diagnostics: AdaarDiagnostics | undefined;
      if (o.diagnostics) {
        const t0 = performance.now();
        const last = o.diagnosticsEvery > 0 ? curve.diagnostics.at(-1) : undefined;
        const sampleDiag =
          last && last.step === o.iterations
            ? (({ step: _s, ...rest }) => rest)(last)
            : await diagnose(state);
        if (!(last && last.step === o.iterations)) {
          curve.diagnostics.push({ step: o.iterations, ...sampleDiag });
        }
        diagnostics = { ...sampleDiag, ...lastWindow(curve.adversarial.values) };
        curve.seconds.diagnostics = (performance.now() - t0) / 1000;
      }
      const fitted = new FittedAdaar({
        name: this.name,
        nCols,
        featureNames: [...train.featureNames],
        options: o,
        nets,
        state,
        scaling,
        curve,
        ...(diagnostics ? { diagnostics } : {}),
        rng: sampleRng,
        ...(typeof opts.seed === 'number' || opts.seed === undefined
          ? { seed: opts.seed ?? 0 }
          : {}),
      });
      this.last = fitted;
      return fitted;
    } catch (err) {
      disposeNetworks(nets);
      disposeGenerationState(state);
      throw err;
    }
  }

  /**
   * Loads a model saved with `FittedAdaar.save` (same as {@link loadAdaar}).
   * @throws AdaarInputError (argument `dir`) for a missing or foreign directory.
   */
  static load(dir: string): Promise<FittedAdaar> {
    return loadAdaar(dir);
  }

  /**
   * Samples from the most recent `fit` (see {@link FittedAdaar.sample}).
   * @throws NotFittedError before `fit`.
   */
  sample(n: number, opts?: SampleOptions): Float64Array {
    if (!this.last) throw new NotFittedError('Adaar');
    return this.last.sample(n, opts);
  }

  private async diagnose(
    o: ResolvedAdaarOptions,
    nets: AdaarNetworks,
    state: GenerationState,
    scaling: AdaarScaling,
    train: Dataset,
    rng: Rng,
    riskLogit: RiskLogitScorer | undefined,
  ) {
    const n = o.diagnosticsSamples;
    const z = drawFiltered(o, nets, state, train.nCols, n, rng);
    const rows = new Float64Array(z.length);
    for (let i = 0; i < z.length; i++) {
      const j = i % train.nCols;
      rows[i] = z[i] * scaling.std[j] + scaling.mean[j];
    }
    return diagnoseSamples(rows, train, {
      seed: rng.split(),
      ...(riskLogit ? { riskLogit } : {}),
    });
  }
}

/** Logits of an L2 logistic regression (C = 1) fitted on `train`: the default reference risk model. */
async function logisticRiskLogit(train: Dataset): Promise<RiskLogitScorer> {
  const lr = new LogisticRegression({ C: 1 });
  await lr.fit(train);
  const w = Float64Array.from(lr.coef);
  const b = lr.intercept;
  const d = train.nCols;
  return (X, n) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * X[i * d + j];
      out[i] = z;
    }
    return out;
  };
}

function gather(X: Float32Array, nCols: number, idx: Uint32Array): Float32Array {
  const out = new Float32Array(idx.length * nCols);
  for (let i = 0; i < idx.length; i++) {
    out.set(X.subarray(idx[i] * nCols, (idx[i] + 1) * nCols), i * nCols);
  }
  return out;
}

const D_STATS = ['d1Real', 'd1Fake', 'd2Real', 'd2Low', 'd2Fake'] as const;

function lastWindow(values: Record<string, number[]>): Partial<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const k of D_STATS) {
    const v = values[k];
    if (v && v.length > 0) out[k] = v[v.length - 1];
  }
  return out;
}
