import {
  Adam,
  Autoencoder,
  batchIndices,
  bceWithLogits,
  ensureBackend,
  gatherRows,
  leakyRelu,
  Mlp,
  mse,
  softmaxCrossEntropy,
  tf,
} from '@adaar/core';
import { type Dataset, indicesOfClass, type Rng, toRng } from '@adaar/data';
import type { FitOptions } from '@adaar/samplers';
import { latentSmote } from '../latent/latentSmote';
import { minorityNeighbours, type NeighbourTable } from '../latent/minorityNeighbours';
import { checkGanTrainingSet, throwIfAborted, yieldToEventLoop } from '../shared/fitHelpers';
import { oneHot } from '../shared/oneHot';
import { EpochMeans, type EpochRecord } from '../shared/trainingHistory';
import { FittedGlGan } from './fittedGlGan';
import { defaultGlGanLatentDim, type ResolvedGlGanOptions } from './glganOptions';

/** Number of classes of a binary credit dataset. */
const C = 2;

/** The networks of a GL-GAN (methods.md 3.2). */
export interface GlGanNetworks {
  /** Encoder E: LeakyReLU hidden layers, linear output of size L. */
  readonly encoder: Mlp;
  /** Generator G = decoder: ReLU hidden layers, linear output of size d. */
  readonly generator: Mlp;
  /** Discriminator: C + 1 logits ('multiclass') or one real/fake logit ('binary-aux'). */
  readonly discriminator: Mlp;
  /** Auxiliary classifier over the C real classes ('binary-aux' only). */
  readonly auxiliary: Mlp | null;
}

/** Builds the GL-GAN networks for `nCols` features (`o.latentDim` must be resolved). */
export function buildGlGanNetworks(
  nCols: number,
  o: ResolvedGlGanOptions,
  seed: Rng,
): GlGanNetworks {
  const act = leakyRelu(o.leakySlope);
  const encoder = new Mlp({
    inputDim: nCols,
    widths: [...o.encoderWidths, o.latentDim],
    activation: act,
    seed: seed.split(),
  });
  const generator = new Mlp({
    inputDim: o.latentDim,
    widths: [...o.generatorWidths, nCols],
    activation: 'relu',
    seed: seed.split(),
  });
  const multiclass = o.discriminator === 'multiclass';
  const discriminator = new Mlp({
    inputDim: nCols,
    widths: [...o.discriminatorWidths, multiclass ? C + 1 : 1],
    activation: act,
    dropout: o.dropout,
    seed: seed.split(),
  });
  const auxiliary = multiclass
    ? null
    : new Mlp({
        inputDim: nCols,
        widths: [...o.discriminatorWidths, C],
        activation: act,
        dropout: o.dropout,
        seed: seed.split(),
      });
  return { encoder, generator, discriminator, auxiliary };
}

/** Hooks into training, for tests of the method's structure. */
export interface GlGanTrainingHooks {
  /** Called at the start of each adversarial epoch with the minority codes and their kNN table. */
  readonly onEpochStart?: (epoch: number, codes: Float64Array, table: NeighbourTable) => void;
  /** Called for each D step with its fake latent points and their conditioning classes. */
  readonly onFakes?: (z: Float32Array, labels: Int32Array) => void;
  /** Called once when the adversarial phase starts and once when it ends. */
  readonly onAdversarialBoundary?: (nets: GlGanNetworks, when: 'start' | 'end') => void;
}

interface ClassCodes {
  /** Training-row index of each code. */
  readonly rows: Uint32Array;
  readonly codes: Float64Array;
  readonly table: NeighbourTable;
}

interface Fakes {
  readonly z: Float32Array;
  readonly labels: Int32Array;
  readonly baseRows: Uint32Array;
  readonly neighbourRows: Uint32Array;
  readonly lambda: Float32Array;
}

/**
 * Trains a GL-GAN (methods.md 3.4): autoencoder warm-up on all rows, then per epoch the
 * minority codes and their kNN table are refreshed, and per real batch one D step on the
 * real rows plus ceil(B/C) decoded latent-SMOTE points (class "fake"), then one E/G step on
 * `L_rec + α L_adv` with fresh latent-SMOTE points that G should make D judge real high-risk.
 *
 * @throws AdaarInputError when the training set is invalid or has fewer than 2 rows of a class.
 */
export async function trainGlGan(
  train: Dataset,
  opts: ResolvedGlGanOptions,
  fit: FitOptions = {},
  hooks: GlGanTrainingHooks = {},
): Promise<FittedGlGan> {
  checkGanTrainingSet(train, 2, 'GL-GAN');
  throwIfAborted(fit.signal);
  await ensureBackend();
  const { nRows, nCols } = train;
  const o: ResolvedGlGanOptions = {
    ...opts,
    latentDim: opts.latentDim || defaultGlGanLatentDim(nCols),
  };
  const L = o.latentDim;
  const rng = toRng(fit.seed ?? 0);
  const netRng = rng.split();
  const batchRng = rng.split();
  const smoteRng = rng.split();
  const sampleRng = rng.split();

  const X = train.X;
  const B = Math.min(o.batchSize, nRows);
  const posRows = indicesOfClass(train, 1);
  const negRows = indicesOfClass(train, 0);
  const XP = gatherRows(X, nCols, posRows);
  const history: EpochRecord[] = [];
  const nets = buildGlGanNetworks(nCols, o, netRng);
  const { encoder, generator, discriminator, auxiliary } = nets;
  const optimizers: Adam[] = [];
  const adam = (targets: Mlp | Mlp[], lr: number, beta1: number) => {
    const opt = new Adam(targets, { learningRate: lr, beta1, beta2: o.beta2 });
    optimizers.push(opt);
    return opt;
  };
  const xBuf = new Float32Array(B * nCols);
  let handedOver = false;
  try {
    // Warm-up: reconstruction on all rows (E, G).
    let t0 = performance.now();
    await new Autoencoder(encoder, generator).fit(X, {
      epochs: o.warmupEpochs,
      batchSize: B,
      learningRate: o.warmupLearningRate,
      beta1: 0.9,
      beta2: o.beta2,
      dropLast: o.dropLastBatch,
      seed: batchRng,
      onEpoch: (e, loss) => {
        throwIfAborted(fit.signal);
        record(history, 'warmup', e + 1, o.warmupEpochs, { rec: loss }, t0, fit);
        t0 = performance.now();
      },
    });

    const dOpt = adam(discriminator, o.learningRate, o.beta1);
    const egOpt = adam([encoder, generator], o.learningRate, o.beta1);
    const auxOpt = auxiliary ? adam(auxiliary, o.learningRate, o.beta1) : null;
    const multiclass = o.discriminator === 'multiclass';
    const dOut = multiclass ? C + 1 : 1;
    discriminator.train();
    auxiliary?.train();
    hooks.onAdversarialBoundary?.(nets, 'start');

    const encode = (rows: Uint32Array): ClassCodes => {
      const codes = Float64Array.from(encoder.predictArray(gatherRows(X, nCols, rows)));
      return { rows, codes, table: minorityNeighbours(codes, L, o.k) };
    };
    /** Latent-SMOTE fakes: `count` points, class 1 only or uniform over both classes. */
    const drawFakes = (count: number, minority: ClassCodes, majority: ClassCodes | null): Fakes => {
      let nMin = count;
      if (majority) {
        nMin = 0;
        for (let i = 0; i < count; i++) nMin += smoteRng.float() < 0.5 ? 1 : 0;
      }
      const z = new Float32Array(count * L);
      const labels = new Int32Array(count);
      const baseRows = new Uint32Array(count);
      const neighbourRows = new Uint32Array(count);
      const lambda = new Float32Array(count);
      const parts: [ClassCodes, number, number, number][] = [[minority, 1, 0, nMin]];
      if (majority) parts.push([majority, 0, nMin, count - nMin]);
      for (const [cc, label, offset, m] of parts) {
        if (m === 0) continue;
        const trace = {
          base: new Uint32Array(m),
          neighbour: new Uint32Array(m),
          lambda: new Float64Array(m),
        };
        latentSmote(cc.codes, L, cc.table, m, smoteRng, {
          out: z.subarray(offset * L, (offset + m) * L),
          trace,
        });
        for (let s = 0; s < m; s++) {
          labels[offset + s] = label;
          baseRows[offset + s] = cc.rows[trace.base[s]];
          neighbourRows[offset + s] = cc.rows[trace.neighbour[s]];
          lambda[offset + s] = trace.lambda[s];
        }
      }
      return { z, labels, baseRows, neighbourRows, lambda };
    };

    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      t0 = performance.now();
      const means = new EpochMeans();
      const minority = encode(posRows);
      let majority: ClassCodes | null = null;
      if (o.majorityFakes) {
        const pool =
          negRows.length <= o.majorityPoolSize
            ? negRows
            : smoteRng
                .permutation(negRows.length)
                .subarray(0, o.majorityPoolSize)
                .map((i) => negRows[i])
                .sort();
        majority = encode(pool);
      }
      hooks.onEpochStart?.(epoch, minority.codes, minority.table);
      for (const idx of batchIndices(nRows, B, batchRng, { dropLast: o.dropLastBatch })) {
        throwIfAborted(fit.signal);
        const b = idx.length;
        const nFake = Math.ceil(b / C);
        const xb = gatherRows(X, nCols, idx, xBuf.subarray(0, b * nCols));
        const yReal = new Int32Array(b);
        for (let r = 0; r < b; r++) yReal[r] = train.y[idx[r]];

        // D step: real rows -> their class, decoded latent-SMOTE points -> fake.
        const fakes = drawFakes(nFake, minority, majority);
        hooks.onFakes?.(fakes.z, fakes.labels);
        const [dLoss, auxLoss] = tf.tidy(() => {
          const x = tf.tensor2d(xb, [b, nCols]);
          const xFake = generator.apply(tf.tensor2d(fakes.z, [nFake, L]), {
            trainable: false,
            inputGrad: false,
          });
          // Targets live outside the loss closure: the CE gradient reads them after the forward.
          const realT = tf.tensor2d(oneHot(yReal, dOut), [b, dOut]);
          const fakeT = tf.tensor2d(oneHot(new Int32Array(nFake).fill(C), dOut), [nFake, dOut]);
          const d = dOpt
            .minimize(() => {
              const real = discriminator.apply(x, { inputGrad: false });
              const fake = discriminator.apply(xFake, { inputGrad: false });
              if (multiclass) {
                return tf.add(softmaxCrossEntropy(real, realT), softmaxCrossEntropy(fake, fakeT));
              }
              return tf.add(bceWithLogits(real, 1), bceWithLogits(fake, 0));
            })
            .dataSync()[0];
          let a = Number.NaN;
          if (auxiliary && auxOpt) {
            const t = tf.tensor2d(oneHot(yReal, C), [b, C]);
            a = auxOpt
              .minimize(() => softmaxCrossEntropy(auxiliary.apply(x, { inputGrad: false }), t))
              .dataSync()[0];
          }
          return [d, a];
        });
        means.add('d', dLoss);
        if (auxiliary) means.add('aux', auxLoss);

        // E/G step: reconstruction kept + α x adversarial on fresh latent-SMOTE points.
        const gFakes = drawFakes(nFake, minority, majority);
        let recValue = 0;
        let advValue = 0;
        tf.tidy(() => {
          const x = tf.tensor2d(xb, [b, nCols]);
          const target = tf.tensor2d(oneHot(gFakes.labels, dOut === 1 ? C : dOut), [
            nFake,
            dOut === 1 ? C : dOut,
          ]);
          const zConst = tf.tensor2d(gFakes.z, [nFake, L]);
          const xBase = o.adversarialIntoEncoder
            ? tf.tensor2d(gatherRows(X, nCols, gFakes.baseRows), [nFake, nCols])
            : null;
          const xNbr = o.adversarialIntoEncoder
            ? tf.tensor2d(gatherRows(X, nCols, gFakes.neighbourRows), [nFake, nCols])
            : null;
          const lam = tf.tensor2d(gFakes.lambda, [nFake, 1]);
          egOpt.minimize(() => {
            const rec = mse(generator.apply(encoder.apply(x, { inputGrad: false })), x);
            let z: tf.Tensor2D = zConst;
            if (xBase && xNbr) {
              const zb = encoder.apply(xBase, { inputGrad: false });
              const zn = encoder.apply(xNbr, { inputGrad: false });
              z = tf.add(zb, tf.mul(lam, tf.sub(zn, zb))) as tf.Tensor2D;
            }
            const xg = generator.apply(z, { inputGrad: o.adversarialIntoEncoder });
            const frozen = { training: true, trainable: false } as const;
            let adv: tf.Scalar;
            if (multiclass) {
              adv = softmaxCrossEntropy(discriminator.apply(xg, frozen), target);
            } else {
              adv = tf.add(
                bceWithLogits(discriminator.apply(xg, frozen), 1),
                softmaxCrossEntropy((auxiliary as Mlp).apply(xg, frozen), target),
              );
            }
            recValue = rec.dataSync()[0];
            advValue = adv.dataSync()[0];
            return tf.add(rec, tf.mul(adv, o.alpha));
          });
        });
        means.add('rec', recValue);
        means.add('adv', advValue);
      }
      record(history, 'adversarial', epoch, o.epochs, means.means(), t0, fit);
      await yieldToEventLoop();
    }
    hooks.onAdversarialBoundary?.(nets, 'end');
    const finalCodes = Float64Array.from(encoder.predictArray(XP));
    const fitted = new FittedGlGan({
      generator,
      minorityCodes: finalCodes,
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
    auxiliary?.dispose();
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
