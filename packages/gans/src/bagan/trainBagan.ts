import {
  Adam,
  Autoencoder,
  adversarialStep,
  batchIndices,
  ensureBackend,
  gatherRows,
  leakyRelu,
  Mlp,
  softmaxCrossEntropy,
  tf,
} from '@adaar/core';
import { type Dataset, toRng } from '@adaar/data';
import type { FitOptions } from '@adaar/samplers';
import type { MultivariateNormal } from '../linalg/multivariateNormal';
import { checkGanTrainingSet, throwIfAborted, yieldToEventLoop } from '../shared/fitHelpers';
import { oneHot } from '../shared/oneHot';
import { EpochMeans, type EpochRecord } from '../shared/trainingHistory';
import type { ResolvedBaganOptions } from './baganOptions';
import { baganFakeCount, discriminatorTargets } from './batchLayout';
import { checkLatentCapacity, drawClassLatents, fitClassNormals } from './classNormals';
import { FittedBagan } from './fittedBagan';
import { labelDistribution, sampleLabels } from './labelSampling';

/** Number of classes of a binary credit dataset. */
const C = 2;

/** The networks of a BAGAN, built from its options (exposed for tests of the architecture). */
export interface BaganNetworks {
  /** Encoder: trunk (LeakyReLU + dropout) then a linear `Dense(L)` head. */
  readonly encoder: Mlp;
  /** Generator = decoder: ReLU hidden layers, linear output, no bias anywhere. */
  readonly generator: Mlp;
  /** Discriminator: the same trunk then a fresh `Dense(C + 1)` head (logits of a softmax). */
  readonly discriminator: Mlp;
}

/**
 * Builds the three BAGAN networks of methods.md 2.2 (D's trunk still random: training copies
 * the encoder's trunk into it after pre-training).
 */
export function buildBaganNetworks(
  nCols: number,
  o: ResolvedBaganOptions,
  seed: ReturnType<typeof toRng>,
): BaganNetworks {
  const trunk = o.trunkWidths.map((units) => ({
    units,
    activation: leakyRelu(o.leakySlope),
    dropout: o.dropout,
  }));
  const encoder = new Mlp({
    inputDim: nCols,
    layers: [...trunk, { units: o.latentDim, activation: 'linear' }],
    seed: seed.split(),
  });
  const generator = new Mlp({
    inputDim: o.latentDim,
    widths: [...o.generatorWidths, nCols],
    activation: 'relu',
    outputActivation: 'linear',
    bias: false,
    seed: seed.split(),
  });
  const discriminator = new Mlp({
    inputDim: nCols,
    layers: [...trunk, { units: C + 1, activation: 'linear' }],
    seed: seed.split(),
  });
  return { encoder, generator, discriminator };
}

/** Hooks into training, for tests that pin the reference's behaviour. */
export interface BaganTrainingHooks {
  /** Called once after pre-training, with the networks right after D's trunk was initialised. */
  readonly afterInit?: (nets: BaganNetworks, normals: readonly MultivariateNormal[]) => void;
  /** Called for each D step with its inputs (real rows first, then fakes) and class targets. */
  readonly onDiscriminatorStep?: (rows: number, targets: Int32Array) => void;
  /** Called for each G step with the conditioning classes of its latent draws. */
  readonly onGeneratorStep?: (labels: Int32Array) => void;
}

/**
 * Trains a BAGAN on a binary training set (methods.md 2.3): autoencoder pre-training on all
 * rows, D's trunk from the encoder's, per-class latent normals estimated once, then
 * adversarial fine-tuning of G and D.
 *
 * @throws AdaarInputError when the training set is invalid or a class has fewer than
 *   `latentDim + 1` rows.
 */
export async function trainBagan(
  train: Dataset,
  o: ResolvedBaganOptions,
  fit: FitOptions = {},
  hooks: BaganTrainingHooks = {},
): Promise<FittedBagan> {
  const counts = checkGanTrainingSet(train, 2, 'BAGAN');
  checkLatentCapacity([counts.negative, counts.positive], o.latentDim);
  throwIfAborted(fit.signal);
  await ensureBackend();

  const rng = toRng(fit.seed ?? 0);
  const netRng = rng.split();
  const batchRng = rng.split();
  const latentRng = rng.split();
  const sampleRng = rng.split();

  const { nRows, nCols } = train;
  const X = train.X;
  const B = Math.min(o.batchSize, nRows);
  const history: EpochRecord[] = [];
  const nets = buildBaganNetworks(nCols, o, netRng);
  const { encoder, generator, discriminator } = nets;
  const optimizers: Adam[] = [];
  const adam = (targets: Mlp) => {
    const opt = new Adam(targets, {
      learningRate: o.learningRate,
      beta1: o.beta1,
      beta2: o.beta2,
    });
    optimizers.push(opt);
    return opt;
  };
  let handedOver = false;
  try {
    // Phase A: autoencoder on all classes, as they are (no rebalancing); encoder dropout on.
    let t0 = performance.now();
    await new Autoencoder(encoder, generator).fit(X, {
      epochs: o.autoencoderEpochs,
      batchSize: B,
      learningRate: o.learningRate,
      beta1: o.beta1,
      beta2: o.beta2,
      dropLast: o.dropLastBatch,
      seed: batchRng,
      onEpoch: (e, loss) => {
        throwIfAborted(fit.signal);
        record(history, 'autoencoder', e + 1, o.autoencoderEpochs, { ae: loss }, t0, fit);
        t0 = performance.now();
      },
    });

    // Phase B: D trunk <- encoder trunk (fresh head); latent normals once, dropout off.
    discriminator.copyWeightsFrom(encoder, { layers: o.trunkWidths.length });
    const codes = encoder.eval().predictArray(X);
    const normals = fitClassNormals(codes, train.y, o.latentDim, C, o.covarianceFactorization);
    hooks.afterInit?.(nets, normals);
    encoder.dispose();

    // Phase C: adversarial fine-tuning; the encoder is never used again.
    const shares = [counts.negative / nRows, counts.positive / nRows];
    const pD = labelDistribution(o.discriminatorLabels, shares);
    const pG = labelDistribution(o.generatorLabels, shares);
    const dOpt = adam(discriminator);
    const gOpt = adam(generator);
    discriminator.train();
    const xBuf = new Float32Array(B * nCols);
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      t0 = performance.now();
      const means = new EpochMeans();
      for (const idx of batchIndices(nRows, B, batchRng, { dropLast: o.dropLastBatch })) {
        throwIfAborted(fit.signal);
        const b = idx.length;
        const nFake = baganFakeCount(b, C);
        const yReal = new Int32Array(b);
        for (let r = 0; r < b; r++) yReal[r] = train.y[idx[r]];
        const targets = discriminatorTargets(yReal, nFake, C);
        hooks.onDiscriminatorStep?.(b + nFake, targets);
        const fakeLabels = sampleLabels(pD, nFake, latentRng);
        const zFake = drawClassLatents(
          normals,
          fakeLabels,
          latentRng,
          new Float32Array(nFake * o.latentDim),
        );
        const xb = gatherRows(X, nCols, idx, xBuf.subarray(0, b * nCols));
        const dLoss = tf.tidy(() => {
          const xFake = generator.apply(tf.tensor2d(zFake, [nFake, o.latentDim]), {
            trainable: false,
            inputGrad: false,
          });
          const input = tf.concat([tf.tensor2d(xb, [b, nCols]), xFake]) as tf.Tensor2D;
          const t = tf.tensor2d(oneHot(targets, C + 1), [targets.length, C + 1]);
          return dOpt
            .minimize(() =>
              softmaxCrossEntropy(discriminator.apply(input, { inputGrad: false }), t),
            )
            .dataSync()[0];
        });
        means.add('d', dLoss);

        const gLabels = sampleLabels(pG, b + nFake, latentRng);
        hooks.onGeneratorStep?.(gLabels);
        const zG = drawClassLatents(
          normals,
          gLabels,
          latentRng,
          new Float32Array(gLabels.length * o.latentDim),
        );
        const gLoss = tf.tidy(() => {
          const t = tf.tensor2d(oneHot(gLabels, C + 1), [gLabels.length, C + 1]);
          // D frozen (no weight update) but in training mode: its dropout stays active.
          return adversarialStep({
            network: generator,
            optimizer: gOpt,
            input: tf.tensor2d(zG, [gLabels.length, o.latentDim]),
            frozen: discriminator,
            frozenTraining: true,
            loss: ([logits]) => softmaxCrossEntropy(logits, t),
          }).dataSync()[0];
        });
        means.add('g', gLoss);
      }
      record(history, 'adversarial', epoch, o.epochs, means.means(), t0, fit);
      await yieldToEventLoop();
    }
    const fitted = new FittedBagan({
      generator,
      classNormals: normals,
      options: o,
      history,
      rng: sampleRng,
    });
    handedOver = true;
    return fitted;
  } finally {
    for (const opt of optimizers) opt.dispose();
    encoder.dispose();
    discriminator.dispose();
    if (!handedOver) generator.dispose();
  }
}

function record(
  history: EpochRecord[],
  phase: string,
  epoch: number,
  total: number,
  losses: Record<string, number>,
  t0: number,
  fit: FitOptions,
): void {
  history.push({ phase, epoch, losses, seconds: (performance.now() - t0) / 1000 });
  fit.onProgress?.({ phase, step: epoch, total, losses });
}
