import { initBackend, tf } from '@adaar/core';
import { Rng } from '@adaar/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallTable, TINY_BAGAN } from '../../test/fixtures';
import { meanCovariance } from '../linalg/meanCovariance';
import type { MultivariateNormal } from '../linalg/multivariateNormal';
import { resolveBaganOptions } from './baganOptions';
import { type BaganNetworks, buildBaganNetworks, trainBagan } from './trainBagan';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('BAGAN networks (methods.md 2.2; 2.6 items 1, 6)', () => {
  it('trunk LeakyReLU 0.3 + dropout 0.3 (128 x 3); encoder head linear L; D head C+1 = 3 logits; G ReLU, linear output, no bias', () => {
    const o = resolveBaganOptions();
    const { encoder, generator, discriminator } = buildBaganNetworks(10, o, new Rng(1));
    const trunk = { activation: { kind: 'leakyRelu', alpha: 0.3 }, bias: true, dropout: 0.3 };
    expect(encoder.config().layers).toEqual([
      { units: 128, ...trunk },
      { units: 128, ...trunk },
      { units: 128, ...trunk },
      { units: 32, activation: 'linear', bias: true, dropout: 0 },
    ]);
    expect(discriminator.config().layers).toEqual([
      { units: 128, ...trunk },
      { units: 128, ...trunk },
      { units: 128, ...trunk },
      { units: 3, activation: 'linear', bias: true, dropout: 0 },
    ]);
    expect(generator.config()).toEqual({
      inputDim: 32,
      layers: [
        { units: 128, activation: 'relu', bias: false, dropout: 0 },
        { units: 128, activation: 'relu', bias: false, dropout: 0 },
        { units: 10, activation: 'linear', bias: false, dropout: 0 },
      ],
    });
    for (const n of [encoder, generator, discriminator]) n.dispose();
  });
});

describe('BAGAN training (methods.md 2.3; 2.6 items 3, 4, 5)', () => {
  it('after pre-training: D trunk = encoder trunk, fresh D head; G is the trained decoder; μ/Σ once, on all rows of each class, dropout off', async () => {
    const train = smallTable();
    const X32 = Float32Array.from(train.X);
    const holder: { seen?: { nets: BaganNetworks; means: Float64Array[]; covs: Float64Array[] } } =
      {};
    const fitted = await trainBagan(
      train,
      resolveBaganOptions(TINY_BAGAN),
      { seed: 2 },
      {
        afterInit: (nets, normals: readonly MultivariateNormal[]) => {
          const enc = nets.encoder.getWeights();
          const dis = nets.discriminator.getWeights();
          // 3 trunk layers x (W, b) copied; the head differs in shape and keeps its fresh init
          for (let i = 0; i < 6; i++) expect(Array.from(dis[i])).toEqual(Array.from(enc[i]));
          expect(enc[1].some((v) => v !== 0)).toBe(true); // trained trunk biases
          expect(dis[7].every((v) => v === 0)).toBe(true); // fresh head bias (zero init)
          expect(dis[6].some((v) => v !== 0)).toBe(true);
          // μ/Σ of the encoder outputs in eval mode (dropout off) over ALL rows of each class
          const codes = nets.encoder.eval().predictArray(X32);
          const rowsOf = (c: number) =>
            Array.from(train.y)
              .map((v, i) => (v === c ? i : -1))
              .filter((i) => i >= 0);
          for (const c of [0, 1]) {
            const { mean, cov } = meanCovariance(codes, 4, rowsOf(c));
            mean.forEach((v, j) => {
              expect(normals[c].mean[j]).toBeCloseTo(v, 5);
            });
            cov.forEach((v, j) => {
              expect(normals[c].cov[j]).toBeCloseTo(v, 5);
            });
          }
          // with dropout on, the codes differ: the check above can tell the two apart
          const noisy = tf.tidy(() =>
            nets.encoder
              .apply(tf.tensor2d(X32, [train.nRows, train.nCols]), {
                training: true,
                trainable: false,
                inputGrad: false,
              })
              .dataSync(),
          );
          expect(Math.abs(noisy[0] - codes[0]) + Math.abs(noisy[1] - codes[1])).toBeGreaterThan(
            1e-4,
          );
          holder.seen = {
            nets,
            means: normals.map((n) => n.mean.slice()),
            covs: normals.map((n) => n.cov.slice()),
          };
        },
      },
    );
    const s = holder.seen;
    if (!s) throw new Error('afterInit was not called');
    // G is the decoder object itself; μ/Σ are never re-estimated after adversarial training
    expect(fitted.generator).toBe(s.nets.generator);
    for (const c of [0, 1]) {
      expect(Array.from(fitted.classNormals[c].mean)).toEqual(Array.from(s.means[c]));
      expect(Array.from(fitted.classNormals[c].cov)).toEqual(Array.from(s.covs[c]));
    }
    fitted.dispose();
  });

  it('batch layout: D steps see b real + ceil(b/C) fakes labelled C = 2, G steps b + ceil(b/C) draws labelled 0/1; last partial batch dropped', async () => {
    const train = smallTable({ nRows: 300 }); // 300 / 64 -> 4 full batches, 44 rows dropped
    const dSteps: { rows: number; targets: number[] }[] = [];
    const gSteps: number[][] = [];
    const fitted = await trainBagan(
      train,
      resolveBaganOptions(TINY_BAGAN),
      { seed: 3 },
      {
        onDiscriminatorStep: (rows, targets) => dSteps.push({ rows, targets: Array.from(targets) }),
        onGeneratorStep: (labels) => gSteps.push(Array.from(labels)),
      },
    );
    expect(dSteps.length).toBe(2 * 4);
    expect(gSteps.length).toBe(2 * 4);
    for (const d of dSteps) {
      expect(d.rows).toBe(64 + 32);
      expect(d.targets.length).toBe(96);
      expect(d.targets.slice(0, 64).every((t) => t === 0 || t === 1)).toBe(true);
      expect(d.targets.slice(64).every((t) => t === 2)).toBe(true);
    }
    const all = gSteps.flat();
    for (const g of gSteps) expect(g.length).toBe(96);
    expect(all.every((t) => t === 0 || t === 1)).toBe(true);
    const share = all.reduce((a, b) => a + b, 0) / all.length;
    expect(share).toBeGreaterThan(0.4); // uniform p_g = (1/2, 1/2)
    expect(share).toBeLessThan(0.6);
    fitted.dispose();
  });

  it("'rebalance' draws the minority with about the majority's share", async () => {
    const train = smallTable({ nRows: 300, positives: 60 }); // shares 0.8 / 0.2
    const gLabels: number[] = [];
    const fitted = await trainBagan(
      train,
      resolveBaganOptions({ ...TINY_BAGAN, generatorLabels: 'rebalance', autoencoderEpochs: 0 }),
      { seed: 3 },
      { onGeneratorStep: (labels) => gLabels.push(...labels) },
    );
    const share = gLabels.reduce((a, b) => a + b, 0) / gLabels.length;
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.88);
    fitted.dispose();
  });
});
