import type { Rng } from '@adaar/data';
import type { Progress } from '@adaar/samplers';
import { Adam } from '../nn/adam';
import { Autoencoder } from '../nn/autoencoder';
import { bceWithLogits, mse } from '../nn/losses';
import type { ApplyOptions, Mlp } from '../nn/mlp';
import { tf } from '../tf';
import {
  buildGenerationState,
  disposeGenerationState,
  drawGeneratorInput,
  type GenerationState,
  generateCodes,
} from './adaarGenerator';
import type { AdaarNetworks } from './adaarNetworks';
import type { ResolvedAdaarOptions } from './adaarOptions';
import { hiddenFeatures } from './hiddenFeatures';
import { LossWindow } from './lossWindow';
import { type AdaarTrainingCurve, pushCurvePoint } from './trainingCurve';

/** Standardised training data handed to {@link trainAdaar}. */
export interface AdaarTrainingData {
  /** Row-major standardised features, `nRows x nCols`. */
  readonly X: Float32Array;
  readonly nRows: number;
  readonly nCols: number;
  /** Row indices of the high-risk (label 1) rows. */
  readonly pos: Uint32Array;
  /** Row indices of the low-risk (label 0) rows. */
  readonly neg: Uint32Array;
}

/** Callbacks of {@link trainAdaar}. */
export interface AdaarTrainingHooks {
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
  /**
   * Called after adversarial iteration `step` when `step` is a multiple of
   * `diagnosticsEvery` (and with step 0 before the loop), with a generation state built from
   * the current networks (valid during the call only).
   */
  readonly onCheckpoint?: (step: number, state: GenerationState) => Promise<void>;
}

const FROZEN: ApplyOptions = { training: false, trainable: false, inputGrad: false };

function gatherRows(X: Float32Array, nCols: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * nCols);
  for (let i = 0; i < idx.length; i++) {
    out.set(X.subarray(idx[i] * nCols, (idx[i] + 1) * nCols), i * nCols);
  }
  return out;
}

function drawIndices(n: number, b: number, rng: Rng): Int32Array {
  const out = new Int32Array(b);
  for (let i = 0; i < b; i++) out[i] = rng.int(n);
  return out;
}

const nextTick = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason ?? new Error('aborted');
  }
}

function checkFinite(phase: string, step: number, losses: Record<string, number>): void {
  for (const [k, v] of Object.entries(losses)) {
    if (!Number.isFinite(v)) {
      throw new Error(`ADAAR training diverged: ${phase} loss ${k} is ${v} at step ${step}`);
    }
  }
}

/**
 * Trains ADAAR's networks in place (methods.md 4.4): autoencoder pre-training on all users,
 * D2 warm-up on balanced real batches, then T iterations of one D1, one D2 and one G step
 * (D1 and D2 share one gradient computation; each has its own Adam). Losses are read back
 * once every `logEvery` iterations; the curve is appended to `curve`.
 */
export async function trainAdaar(
  data: AdaarTrainingData,
  o: ResolvedAdaarOptions,
  nets: AdaarNetworks,
  rng: Rng,
  curve: AdaarTrainingCurve,
  hooks: AdaarTrainingHooks = {},
): Promise<void> {
  const { nCols } = data;
  const disposables: { dispose(): void }[] = [];
  const XPf = gatherRows(data.X, nCols, data.pos);
  const XNf = gatherRows(data.X, nCols, data.neg);
  const XP = tf.tensor2d(XPf, [data.pos.length, nCols]);
  const XN = tf.tensor2d(XNf, [data.neg.length, nCols]);
  disposables.push(XP, XN);
  try {
    if (nets.encoder && nets.decoder) {
      const t0 = performance.now();
      await pretrainAutoencoder(data, o, nets.encoder, nets.decoder, rng, curve, hooks);
      curve.seconds.autoencoder = (performance.now() - t0) / 1000;
    }
    const t1 = performance.now();
    await adversarialPhase(data, o, nets, XP, XN, rng, curve, hooks);
    curve.seconds.adversarial = (performance.now() - t1) / 1000;
  } finally {
    for (const d of disposables) d.dispose();
  }
}

async function pretrainAutoencoder(
  data: AdaarTrainingData,
  o: ResolvedAdaarOptions,
  enc: Mlp,
  dec: Mlp,
  rng: Rng,
  curve: AdaarTrainingCurve,
  hooks: AdaarTrainingHooks,
): Promise<void> {
  const labels = new Uint8Array(data.nRows);
  for (const i of data.pos) labels[i] = 1;
  try {
    await new Autoencoder(enc, dec).fit(data.X, {
      epochs: o.aeEpochs,
      batchSize: Math.min(o.aeBatchSize, data.nRows),
      learningRate: o.aeLearningRate,
      beta1: 0.9,
      beta2: 0.999,
      dropLast: false,
      balanced: o.aeBalancedBatches,
      labels,
      seed: rng.split(),
      onEpoch: (e, loss) => {
        const losses = { ae: loss };
        checkFinite('autoencoder', e + 1, losses);
        pushCurvePoint(curve.autoencoder, e + 1, losses);
        hooks.onProgress?.({ phase: 'autoencoder', step: e + 1, total: o.aeEpochs, losses });
        checkAbort(hooks.signal);
      },
    });
  } finally {
    enc.eval();
    dec.eval();
  }
}

async function adversarialPhase(
  data: AdaarTrainingData,
  o: ResolvedAdaarOptions,
  nets: AdaarNetworks,
  XP: tf.Tensor2D,
  XN: tf.Tensor2D,
  rng: Rng,
  curve: AdaarTrainingCurve,
  hooks: AdaarTrainingHooks,
): Promise<void> {
  const { encoder: enc, decoder: dec, generator: G, d1: D1, d2: D2 } = nets;
  const b = o.batchPerClass;
  const nP = data.pos.length;
  const nN = data.neg.length;
  const finetune = o.encoder === 'finetune' && enc !== undefined && dec !== undefined;
  const decoded = o.space === 'decoded' && dec !== undefined;
  const adam = { learningRate: o.learningRate, beta1: o.beta1, beta2: o.beta2 };
  const optG = new Adam(G, adam);
  const optD1 = D1 ? new Adam(D1, adam) : null;
  const optD2 = D2 ? new Adam(D2, adam) : null;
  const optAE = finetune ? new Adam([enc, dec], adam) : null;
  const owned: tf.Tensor[] = [];
  const window = new LossWindow();
  let genState: GenerationState = {};

  // What D1/D2 see as real rows, computed once when the encoder is frozen.
  const realView = (X: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      if (!enc || !dec) return tf.clone(X);
      if (o.space !== 'decoded') return enc.apply(X, FROZEN);
      return o.decodedReal === 'raw' ? tf.clone(X) : dec.apply(enc.apply(X, FROZEN), FROZEN);
    });
  let realP: tf.Tensor2D | null = null;
  let realN: tf.Tensor2D | null = null;
  const refreshState = () => {
    disposeGenerationState(genState);
    genState = buildGenerationState(o, nets, XP);
  };

  // Real rows of a batch as D1/D2 see them; inside a tape when the encoder is fine-tuned.
  const realBatch = (X: tf.Tensor2D, pre: tf.Tensor2D | null, idx: tf.Tensor1D) => {
    if (!finetune) return tf.gather(pre as tf.Tensor2D, idx) as tf.Tensor2D;
    const x = tf.gather(X, idx) as tf.Tensor2D;
    const h = (enc as Mlp).apply(x, { training: true, inputGrad: false });
    if (!decoded) return h;
    return o.decodedReal === 'raw' ? x : (dec as Mlp).apply(h, { trainable: true });
  };
  const toDiscriminatorSpace = (h: tf.Tensor2D, apply: ApplyOptions) =>
    decoded ? (dec as Mlp).apply(h, apply) : h;

  const mShare = o.d2SyntheticShare > 0 ? Math.min(b - 1, Math.round(o.d2SyntheticShare * b)) : 0;
  const d1RealTarget = 1 - o.labelSmoothing;
  const d2Rows = o.d2OnSynthetic ? 3 * b : 2 * b;
  const { d1Targets, d2Targets, d2Weights } = tf.tidy(() => ({
    d1Targets: tf.concat([tf.fill([b, 1], d1RealTarget), tf.zeros([b, 1])]) as tf.Tensor2D,
    d2Targets: tf.concat([
      tf.ones([b, 1]),
      tf.zeros([b, 1]),
      ...(o.d2OnSynthetic ? [tf.ones([b, 1])] : []),
    ]) as tf.Tensor2D,
    d2Weights: o.d2OnSynthetic
      ? (tf.concat([tf.ones([2 * b, 1]), tf.fill([b, 1], o.d2SyntheticWeight)]) as tf.Tensor2D)
      : undefined,
  }));
  owned.push(d1Targets, d2Targets, ...(d2Weights ? [d2Weights] : []));

  try {
    if (!finetune) {
      realP = realView(XP);
      realN = realView(XN);
      owned.push(realP, realN);
    }
    refreshState();

    // --- D2 warm-up on balanced real batches ---
    if (optD2 && D2 && o.d2WarmupIterations > 0) {
      // Loss targets are built outside the taped closure: bceWithLogits reads them again in
      // its backward pass, after the closure's own tensors are gone.
      const warmTargets = tf.slice(d2Targets, [0, 0], [2 * b, 1]);
      owned.push(warmTargets);
      const t0 = performance.now();
      for (let t = 1; t <= o.d2WarmupIterations; t++) {
        const ip = drawIndices(nP, b, rng);
        const ineg = drawIndices(nN, b, rng);
        const loss = tf.tidy(() => {
          const xp = realView2(finetune, enc, dec, o, XP, realP, ip);
          const xn = realView2(finetune, enc, dec, o, XN, realN, ineg);
          // mean over the 2b rows = L_D2 / 2 (Adam is scale-invariant; reported x 2)
          return optD2.minimize(() =>
            bceWithLogits(
              D2.apply(tf.concat([xp, xn]) as tf.Tensor2D, { inputGrad: false }),
              warmTargets,
            ),
          );
        });
        window.push({ d2: loss }, { d2: 2 });
        if (t % o.logEvery === 0 || t === o.d2WarmupIterations) {
          const losses = window.flush();
          checkFinite('d2Warmup', t, losses);
          pushCurvePoint(curve.d2Warmup, t, losses);
          hooks.onProgress?.({ phase: 'd2-warmup', step: t, total: o.d2WarmupIterations, losses });
          checkAbort(hooks.signal);
          await nextTick();
        }
      }
      curve.seconds.d2Warmup = (performance.now() - t0) / 1000;
    }

    if (hooks.onCheckpoint && o.diagnosticsEvery > 0) await hooks.onCheckpoint(0, genState);

    // --- adversarial loop ---
    const dVars: tf.Variable[] = [
      ...(D1?.variables ?? []),
      ...(D2?.variables ?? []),
      ...(finetune ? [...(enc as Mlp).variables, ...(dec as Mlp).variables] : []),
    ];
    // With a frozen encoder, D1's and D2's losses only reach their own network, and Adam is
    // invariant to a constant loss scale: each is minimised as a mean over its rows (L / 2, or
    // L / 3 with d2OnSynthetic), saving kernels. With a fine-tuned encoder the terms share the
    // encoder, so they are scaled back to the specified sum.
    const dScale = finetune ? { d1: 2, d2: d2Rows / b } : { d1: 1, d2: 1 };
    const n1 = D1?.variables.length ?? 0;
    const n2 = D2?.variables.length ?? 0;
    for (let t = 1; t <= o.iterations; t++) {
      const ip = drawIndices(nP, b, rng);
      const ineg = drawIndices(nN, b, rng);
      const drawD = drawGeneratorInput(o, nP, b, rng);
      const drawG = drawGeneratorInput(o, nP, b, rng);
      tf.tidy(() => {
        const ipT = tf.tensor1d(ip, 'int32');
        const inT = tf.tensor1d(ineg, 'int32');
        // ---- D1 + D2 step (generator output detached), one gradient computation ----
        const fakeH = generateCodes(
          nets,
          genState,
          tf.tensor2d(drawD.noise, [b, o.noiseDim]),
          drawD.anchorIdx ? tf.tensor1d(drawD.anchorIdx, 'int32') : null,
          FROZEN,
        );
        const fake = toDiscriminatorSpace(fakeH, FROZEN);
        // Tensors kept out of the tape's scope; the loss window owns them from here on.
        const kept: Record<string, tf.Tensor> = {};
        const { grads } = tf.variableGrads(() => {
          const xp = realBatch(XP, realP, ipT);
          const terms: tf.Scalar[] = [];
          if (D1) {
            const logits = D1.apply(tf.concat([xp, fake]) as tf.Tensor2D, {
              training: true,
              inputGrad: finetune,
            });
            // mean over the 2b rows = L_D1 / 2 (rescaled where it matters, see dScale)
            const l = bceWithLogits(logits, d1Targets);
            kept.d1 = tf.keep(l);
            kept.d1Logits = tf.keep(logits);
            terms.push(dScale.d1 === 1 ? l : (tf.mul(l, dScale.d1) as tf.Scalar));
          }
          if (D2) {
            const xn = realBatch(XN, realN, inT);
            // d2SyntheticShare: the last m rows of the high-risk half are generated ones.
            const pos =
              mShare > 0
                ? [tf.slice(xp, [0, 0], [b - mShare, -1]), tf.slice(fake, [0, 0], [mShare, -1])]
                : [xp];
            const rows = [...pos, xn, ...(o.d2OnSynthetic ? [fake] : [])];
            const logits = D2.apply(tf.concat(rows) as tf.Tensor2D, {
              training: true,
              inputGrad: finetune,
            });
            const l = bceWithLogits(logits, d2Targets, d2Weights);
            kept.d2 = tf.keep(l);
            kept.d2Logits = tf.keep(logits);
            terms.push(dScale.d2 === 1 ? l : (tf.mul(l, dScale.d2) as tf.Scalar));
          }
          if (finetune) {
            const x = tf.concat([tf.gather(XP, ipT), tf.gather(XN, inT)]) as tf.Tensor2D;
            const rec = (dec as Mlp).apply((enc as Mlp).apply(x, { inputGrad: false }));
            const l = mse(rec, x);
            kept.ae = tf.keep(l);
            terms.push(tf.mul(l, o.finetuneAeWeight) as tf.Scalar);
          }
          return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
        }, dVars);
        const g = dVars.map((v) => grads[v.name]);
        if (optD1) optD1.applyGradients(g.slice(0, n1));
        if (optD2) optD2.applyGradients(g.slice(n1, n1 + n2));
        if (optAE) optAE.applyGradients(g.slice(n1 + n2));
        if (kept.d1) {
          window.push({ d1: kept.d1 }, { d1: 2 });
          window.pushProbabilities(['d1Real', 'd1Fake'], kept.d1Logits);
        }
        // Overlap term's reference: D2's mean logit on this iteration's real high-risk rows.
        const d2RealMean =
          kept.d2 && o.overlapWeight > 0
            ? (tf.mean(tf.slice(kept.d2Logits, [0, 0], [b - mShare, 1])) as tf.Scalar)
            : null;
        if (kept.d2) {
          window.push({ d2: kept.d2 }, { d2: d2Rows / b });
          if (mShare > 0) {
            const l = kept.d2Logits;
            window.pushProbabilities(['d2Real'], tf.slice(l, [0, 0], [b - mShare, 1]));
            window.pushProbabilities(['d2FakeTrain'], tf.slice(l, [b - mShare, 0], [mShare, 1]));
            window.pushProbabilities(['d2Low'], tf.slice(l, [b, 0], [b, 1]));
          } else {
            window.pushProbabilities(
              o.d2OnSynthetic ? ['d2Real', 'd2Low', 'd2FakeTrain'] : ['d2Real', 'd2Low'],
              kept.d2Logits,
            );
          }
        }
        // Feature matching reference: D1's (updated) hidden features on the real batch, constant.
        const fmReal =
          D1 && o.featureMatchingWeight > 0
            ? (tf.mean(hiddenFeatures(D1, realBatch(XP, realP, ipT)), 0) as tf.Tensor1D)
            : null;
        if (kept.ae) window.push({ ae: kept.ae });

        // ---- G step (fresh noise; D1, D2 and the decoder frozen) ----
        const noiseG = tf.tensor2d(drawG.noise, [b, o.noiseDim]);
        const idxG = drawG.anchorIdx ? tf.tensor1d(drawG.anchorIdx, 'int32') : null;
        let d2FakeLogits: tf.Tensor | null = null;
        let fmValue: tf.Scalar | null = null;
        const gLoss = optG.minimize(() => {
          const h = generateCodes(nets, genState, noiseG, idxG, { inputGrad: false });
          const x = toDiscriminatorSpace(h, { training: false, trainable: false });
          const terms: tf.Scalar[] = [];
          if (D1) terms.push(bceWithLogits(D1.apply(x, { training: false, trainable: false }), 1));
          if (D1 && fmReal) {
            const gap = tf.sub(fmReal, tf.mean(hiddenFeatures(D1, x), 0));
            const fm = tf.mean(tf.square(gap)) as tf.Scalar;
            fmValue = tf.keep(fm);
            terms.push(tf.mul(fm, o.featureMatchingWeight) as tf.Scalar);
          }
          if (D2) {
            const l2 = D2.apply(x, { training: false, trainable: false });
            d2FakeLogits = tf.keep(l2);
            const risk = bceWithLogits(l2, 1);
            terms.push(o.lambda === 1 ? risk : (tf.mul(risk, o.lambda) as tf.Scalar));
            if (d2RealMean) {
              // Unlike term aimed at the overlap: hinge on rows D2 scores below real high-risk.
              const gap = tf.mean(tf.relu(tf.sub(d2RealMean, l2))) as tf.Scalar;
              terms.push(tf.mul(gap, o.overlapWeight) as tf.Scalar);
            }
          }
          return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
        });
        window.push({ g: gLoss });
        if (fmValue) window.push({ fm: fmValue });
        if (d2FakeLogits) window.pushProbabilities(['d2Fake'], d2FakeLogits);
      });

      if (t % o.logEvery === 0 || t === o.iterations) {
        if (finetune && o.space === 'anchored') refreshState();
        const losses = window.flush();
        checkFinite('adversarial', t, losses);
        pushCurvePoint(curve.adversarial, t, losses);
        hooks.onProgress?.({ phase: 'adversarial', step: t, total: o.iterations, losses });
        checkAbort(hooks.signal);
        await nextTick();
      }
      if (hooks.onCheckpoint && o.diagnosticsEvery > 0 && t % o.diagnosticsEvery === 0) {
        if (finetune) refreshState();
        await hooks.onCheckpoint(t, genState);
      }
    }
  } finally {
    window.dispose();
    disposeGenerationState(genState);
    tf.dispose(owned);
    optG.dispose();
    optD1?.dispose();
    optD2?.dispose();
    optAE?.dispose();
    D1?.eval();
    D2?.eval();
    G.eval();
  }
}

/** Real rows for the warm-up (outside any tape: the encoder is not updated there). */
function realView2(
  finetune: boolean,
  enc: Mlp | undefined,
  dec: Mlp | undefined,
  o: ResolvedAdaarOptions,
  X: tf.Tensor2D,
  pre: tf.Tensor2D | null,
  idx: Int32Array,
): tf.Tensor2D {
  const i = tf.tensor1d(idx, 'int32');
  if (!finetune) return tf.gather(pre as tf.Tensor2D, i) as tf.Tensor2D;
  const x = tf.gather(X, i) as tf.Tensor2D;
  const h = (enc as Mlp).apply(x, FROZEN);
  if (o.space !== 'decoded') return h;
  return o.decodedReal === 'raw' ? x : (dec as Mlp).apply(h, FROZEN);
}
