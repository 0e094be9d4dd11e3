import { AdaarInputError } from '@adaar/data';

/**
 * Where the generator and the discriminators look (methods.md 4.6-A).
 * - `'latent'` (default): G emits latent codes; D1 and D2 read latent codes (real users
 *   encoded by the autoencoder); samples are decoded back to features.
 * - `'decoded'` (A1): G emits latent codes, but D1 and D2 judge the decoded rows
 *   `Dec(G(eps))` against real rows (raw, or their reconstructions, see `decodedReal`).
 * - `'anchored'` (A2): G reads `[Enc(x_i); eps]` for a real high-risk user `x_i` and emits a
 *   latent offset `Delta`, so `h = Enc(x_i) + Delta` stays near a real user; decoded plainly
 *   or residually (`residualDecode`).
 */
export type AdaarSpace = 'latent' | 'decoded' | 'anchored';

/** Named design presets. `'paper-recon'` is the methods.md section 4 reconstruction. */
export type AdaarVariant = 'paper-recon';

/**
 * Options of {@link Adaar}. Every field is optional; defaults follow methods.md section 4
 * (the `'paper-recon'` variant). The ablations remove exactly one module: `ae: false`,
 * `d1: false`, `d2: false`.
 */
export interface AdaarOptions {
  /** Design preset whose defaults apply to every field not given. Default `'paper-recon'`. */
  readonly variant?: AdaarVariant;
  /**
   * Use the autoencoder's user space. `false` = the "w/o AE" ablation: G emits standardised
   * features and D1/D2 read standardised features (latent size H = d). Default true.
   */
  readonly ae?: boolean;
  /** Train D1 ("alike real high-risk") and use its adversarial term. `false` = "w/o D1". Default true. */
  readonly d1?: boolean;
  /** Train D2 (risk discriminator) and use its risk term. `false` = "w/o D2". Default true. */
  readonly d2?: boolean;

  /** Where G, D1 and D2 look (4.6-A). Default `'latent'`. With `ae: false`, `'decoded'` is the same as `'latent'`. */
  readonly space?: AdaarSpace;
  /** With `space: 'decoded'`: real rows shown to D1/D2 are `'raw'` (default) or their AE `'reconstructed'` versions. */
  readonly decodedReal?: 'raw' | 'reconstructed';
  /** With `space: 'anchored'`: decode as `x_i + Dec(h_i + Delta) - Dec(h_i)`. Default false. */
  readonly residualDecode?: boolean;
  /** B1: also train D2 to call generated rows high-risk, weight `d2SyntheticWeight` (4.6-B). Default false. */
  readonly d2OnSynthetic?: boolean;
  /** gamma, the weight of D2's synthetic term with `d2OnSynthetic`. Default 1. */
  readonly d2SyntheticWeight?: number;
  /**
   * Share s in [0, 1) of the high-risk half of each D2 batch that is generated rows labelled
   * high-risk: D2 sees `b - m` real high-risk, `m = min(b - 1, round(s * b))` generated (G
   * detached) and `b` low-risk rows per iteration, so it stays cooperative but also learns where
   * G's samples lie. Not with `d2OnSynthetic`. Default 0 (the paper: D2 on real rows only).
   */
  readonly d2SyntheticShare?: number;
  /**
   * Encoder during the adversarial phase (4.6-C): `'frozen'` (default), or `'finetune'`:
   * each discriminator step also updates Enc (D1/D2 gradients reach it) and Enc+Dec take
   * `finetuneAeWeight x L_AE` on the same real batch.
   */
  readonly encoder?: 'frozen' | 'finetune';
  /** mu, the weight of the reconstruction loss with `encoder: 'finetune'`. Default 1. */
  readonly finetuneAeWeight?: number;

  /** Latent size H. Default `min(32, max(8, ceil(d / 2)))`; forced to d when `ae` is false. */
  readonly latentDim?: number;
  /** Encoder hidden widths (the decoder mirrors them). Default [64, 32]. */
  readonly aeHidden?: readonly number[];
  /** Noise size of G's input. Default 32. */
  readonly noiseDim?: number;
  /** G hidden widths. Default [64, 64]. */
  readonly generatorHidden?: readonly number[];
  /** D1 and D2 hidden widths. Default [64, 32]. */
  readonly discriminatorHidden?: readonly number[];
  /** LeakyReLU slope of every hidden layer. Default 0.2. */
  readonly leakySlope?: number;
  /** Dropout rate of D1's hidden layers (active in D1's own step only). Default 0. */
  readonly d1Dropout?: number;

  /** Autoencoder pre-training epochs over all training users. Default 50. */
  readonly aeEpochs?: number;
  /** Autoencoder batch size. Default 256. */
  readonly aeBatchSize?: number;
  /** Autoencoder Adam learning rate (beta 0.9, 0.999). Default 1e-3. */
  readonly aeLearningRate?: number;
  /** Draw each AE batch half from high-risk, half from low-risk users (with replacement). Default false. */
  readonly aeBalancedBatches?: boolean;

  /** T, adversarial iterations (one D1, one D2 and one G step each). Default 5000. */
  readonly iterations?: number;
  /** b, rows drawn per class per iteration (with replacement); also G's batch. Default 64. */
  readonly batchPerClass?: number;
  /** Adam learning rate of G, D1 and D2. Default 2e-4. */
  readonly learningRate?: number;
  /** Adam beta1 of G, D1 and D2. Default 0.5. */
  readonly beta1?: number;
  /** Adam beta2 of G, D1 and D2. Default 0.999. */
  readonly beta2?: number;
  /** lambda, the weight of D2's risk term in G's loss. Default 1. */
  readonly lambda?: number;
  /**
   * omega, weight of the overlap "unlike" term added to G's loss when D2 is on:
   * `omega * mean max(0, m_P - D2logit(G(e)))`, where `m_P` is D2's mean logit on the
   * iteration's real high-risk batch (held constant). It pushes only generated rows that D2
   * scores as less risky than real high-risk users, i.e. those in the overlap. Default 0.
   */
  readonly overlapWeight?: number;
  /**
   * Feature matching weight phi: adds `phi * mean_k (f_k(real) - f_k(fake))^2` to G's loss,
   * where `f(.)` is the batch mean of D1's last hidden layer (its penultimate layer) on the
   * iteration's real high-risk batch (held constant) and on G's batch (Salimans et al. 2016).
   * It asks the generated batch to match real high-risk users' statistics, not only to fool
   * D1 row by row (aimed at spread). Needs D1: absent in the "w/o D1" ablation. Default 0.
   */
  readonly featureMatchingWeight?: number;
  /**
   * Share of draws kept at sample time, in (0, 1]. Below 1, `sample(n)` draws
   * `ceil(n / sampleFilterKeep)` candidates and keeps the `n` with the highest
   * `log D1(x) + log D2(x)` (the discriminators' probabilities of "real high-risk" and
   * "high-risk", each scoring the returned row, encoded first when they read latent codes; a
   * missing discriminator is left out), in draw order. End-of-fit diagnostics use the same
   * filter. Default 1 (no filter).
   */
  readonly sampleFilterKeep?: number;
  /** One-sided label smoothing of D1's real targets (target = 1 - labelSmoothing). Default 0. */
  readonly labelSmoothing?: number;
  /** D2 warm-up iterations on balanced real batches before the adversarial loop. Default 200. */
  readonly d2WarmupIterations?: number;

  /** Z-score the training features inside the sampler (samples are returned unscaled). Default true. */
  readonly standardize?: boolean;
  /** Record mean losses and D1/D2 outputs every this many iterations (one readback each). Default 50. */
  readonly logEvery?: number;
  /**
   * Compute sample diagnostics (methods.md section 7) at the end of the fit: `true` (default)
   * or `false`. With a number N they are also computed every N adversarial iterations.
   */
  readonly diagnostics?: boolean | number;
  /** Synthetic rows drawn for each diagnostics point. Default 500. */
  readonly diagnosticsSamples?: number;
}

/** Every option resolved for a given number of columns. */
export interface ResolvedAdaarOptions {
  readonly variant: AdaarVariant;
  readonly ae: boolean;
  readonly d1: boolean;
  readonly d2: boolean;
  readonly space: AdaarSpace;
  readonly decodedReal: 'raw' | 'reconstructed';
  readonly residualDecode: boolean;
  readonly d2OnSynthetic: boolean;
  readonly d2SyntheticWeight: number;
  readonly d2SyntheticShare: number;
  readonly encoder: 'frozen' | 'finetune';
  readonly finetuneAeWeight: number;
  readonly latentDim: number;
  readonly aeHidden: readonly number[];
  readonly noiseDim: number;
  readonly generatorHidden: readonly number[];
  readonly discriminatorHidden: readonly number[];
  readonly leakySlope: number;
  readonly d1Dropout: number;
  readonly aeEpochs: number;
  readonly aeBatchSize: number;
  readonly aeLearningRate: number;
  readonly aeBalancedBatches: boolean;
  readonly iterations: number;
  readonly batchPerClass: number;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly lambda: number;
  readonly overlapWeight: number;
  readonly featureMatchingWeight: number;
  readonly sampleFilterKeep: number;
  readonly labelSmoothing: number;
  readonly d2WarmupIterations: number;
  readonly standardize: boolean;
  readonly logEvery: number;
  readonly diagnostics: boolean;
  readonly diagnosticsEvery: number;
  readonly diagnosticsSamples: number;
}

type Preset = Omit<ResolvedAdaarOptions, 'latentDim' | 'diagnosticsEvery'> & {
  readonly diagnostics: boolean | number;
};

/** Defaults of each {@link AdaarVariant}. `latentDim` depends on the data and is set in {@link resolveAdaarOptions}. */
export const ADAAR_VARIANTS: Readonly<Record<AdaarVariant, Preset>> = {
  'paper-recon': {
    variant: 'paper-recon',
    ae: true,
    d1: true,
    d2: true,
    space: 'latent',
    decodedReal: 'raw',
    residualDecode: false,
    d2OnSynthetic: false,
    d2SyntheticWeight: 1,
    d2SyntheticShare: 0,
    encoder: 'frozen',
    finetuneAeWeight: 1,
    aeHidden: [64, 32],
    noiseDim: 32,
    generatorHidden: [64, 64],
    discriminatorHidden: [64, 32],
    leakySlope: 0.2,
    d1Dropout: 0,
    aeEpochs: 50,
    aeBatchSize: 256,
    aeLearningRate: 1e-3,
    aeBalancedBatches: false,
    iterations: 5000,
    batchPerClass: 64,
    learningRate: 2e-4,
    beta1: 0.5,
    beta2: 0.999,
    lambda: 1,
    overlapWeight: 0,
    featureMatchingWeight: 0,
    sampleFilterKeep: 1,
    labelSmoothing: 0,
    d2WarmupIterations: 200,
    standardize: true,
    logEvery: 50,
    diagnostics: true,
    diagnosticsSamples: 500,
  },
};

/** The default latent size for d features: `min(32, max(8, ceil(d / 2)))` (methods.md 4.2). */
export function defaultLatentDim(nCols: number): number {
  return Math.min(32, Math.max(8, Math.ceil(nCols / 2)));
}

const isInt = (v: number, min: number) => Number.isInteger(v) && v >= min;
const isNum = (v: number, min: number, max = Number.POSITIVE_INFINITY) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * Fills in defaults (from the variant's preset) and validates every option.
 *
 * @param nCols - number of feature columns d of the training set.
 * @throws AdaarInputError naming the option (`options.<name>`) when a value is invalid, or
 *   when `d1` and `d2` are both false (the generator would have no loss).
 */
export function resolveAdaarOptions(opts: AdaarOptions, nCols: number): ResolvedAdaarOptions {
  const variant = opts.variant ?? 'paper-recon';
  const preset = ADAAR_VARIANTS[variant];
  if (!preset) {
    throw new AdaarInputError(
      'options.variant',
      `unknown variant "${String(variant)}"; expected one of ${Object.keys(ADAAR_VARIANTS).join(', ')}`,
    );
  }
  const defined = Object.fromEntries(
    Object.entries(opts).filter(([, v]) => v !== undefined),
  ) as AdaarOptions;
  const m = { ...preset, ...defined };
  const fail = (name: string, msg: string): never => {
    throw new AdaarInputError(`options.${name}`, msg);
  };
  for (const k of [
    'ae',
    'd1',
    'd2',
    'residualDecode',
    'd2OnSynthetic',
    'aeBalancedBatches',
    'standardize',
  ] as const) {
    if (typeof m[k] !== 'boolean') fail(k, `expected a boolean, got ${String(m[k])}`);
  }
  if (!m.d1 && !m.d2)
    fail('d1', 'd1 and d2 cannot both be false: the generator would have no loss');
  if (!['latent', 'decoded', 'anchored'].includes(m.space)) {
    fail('space', `expected 'latent', 'decoded' or 'anchored', got ${String(m.space)}`);
  }
  if (!['raw', 'reconstructed'].includes(m.decodedReal)) {
    fail('decodedReal', `expected 'raw' or 'reconstructed', got ${String(m.decodedReal)}`);
  }
  if (!['frozen', 'finetune'].includes(m.encoder)) {
    fail('encoder', `expected 'frozen' or 'finetune', got ${String(m.encoder)}`);
  }
  for (const k of ['noiseDim', 'aeBatchSize', 'batchPerClass', 'logEvery'] as const) {
    if (!isInt(m[k], 1)) fail(k, `expected an integer >= 1, got ${m[k]}`);
  }
  for (const k of ['iterations', 'd2WarmupIterations', 'aeEpochs'] as const) {
    if (!isInt(m[k], 0)) fail(k, `expected an integer >= 0, got ${m[k]}`);
  }
  if (!isInt(m.diagnosticsSamples, 2)) {
    fail('diagnosticsSamples', `expected an integer >= 2, got ${m.diagnosticsSamples}`);
  }
  for (const k of ['aeLearningRate', 'learningRate'] as const) {
    if (!(isNum(m[k], 0) && m[k] > 0)) fail(k, `expected a positive number, got ${m[k]}`);
  }
  for (const k of ['beta1', 'beta2'] as const) {
    if (!(isNum(m[k], 0) && m[k] < 1)) fail(k, `expected a number in [0, 1), got ${m[k]}`);
  }
  for (const k of [
    'lambda',
    'overlapWeight',
    'featureMatchingWeight',
    'd2SyntheticWeight',
    'finetuneAeWeight',
    'leakySlope',
  ] as const) {
    if (!isNum(m[k], 0)) fail(k, `expected a number >= 0, got ${m[k]}`);
  }
  if (!(isNum(m.d2SyntheticShare, 0) && m.d2SyntheticShare < 1)) {
    fail('d2SyntheticShare', `expected a number in [0, 1), got ${m.d2SyntheticShare}`);
  }
  if (m.d2SyntheticShare > 0 && m.d2OnSynthetic) {
    fail('d2SyntheticShare', 'cannot be combined with d2OnSynthetic (choose one)');
  }
  if (!(isNum(m.sampleFilterKeep, 0, 1) && m.sampleFilterKeep > 0)) {
    fail('sampleFilterKeep', `expected a number in (0, 1], got ${m.sampleFilterKeep}`);
  }
  if (!(isNum(m.labelSmoothing, 0) && m.labelSmoothing < 1)) {
    fail('labelSmoothing', `expected a number in [0, 1), got ${m.labelSmoothing}`);
  }
  if (!(isNum(m.d1Dropout, 0) && m.d1Dropout < 1)) {
    fail('d1Dropout', `expected a number in [0, 1), got ${m.d1Dropout}`);
  }
  for (const k of ['aeHidden', 'generatorHidden', 'discriminatorHidden'] as const) {
    const w = m[k];
    if (!Array.isArray(w) || !w.every((v) => isInt(v, 1))) {
      fail(k, `expected an array of integers >= 1, got ${JSON.stringify(w)}`);
    }
  }
  let diagnostics: boolean;
  let diagnosticsEvery = 0;
  if (typeof m.diagnostics === 'boolean') diagnostics = m.diagnostics;
  else if (isInt(m.diagnostics, 1)) {
    diagnostics = true;
    diagnosticsEvery = m.diagnostics;
  } else {
    return fail('diagnostics', `expected a boolean or an integer >= 1, got ${m.diagnostics}`);
  }
  let latentDim: number;
  if (!m.ae) latentDim = nCols;
  else if (opts.latentDim !== undefined) {
    if (!isInt(opts.latentDim, 1))
      fail('latentDim', `expected an integer >= 1, got ${opts.latentDim}`);
    latentDim = opts.latentDim;
  } else latentDim = defaultLatentDim(nCols);
  // Without the AE, Enc = Dec = identity: 'decoded' equals 'latent'; 'anchored' anchors on x_i.
  const space = m.ae || m.space === 'anchored' ? m.space : 'latent';
  return {
    ...m,
    space,
    aeHidden: [...m.aeHidden],
    generatorHidden: [...m.generatorHidden],
    discriminatorHidden: [...m.discriminatorHidden],
    latentDim,
    diagnostics,
    diagnosticsEvery,
  };
}
