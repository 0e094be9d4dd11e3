import { Rng } from '@adaar/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { Autoencoder } from './autoencoder';
import { Mlp } from './mlp';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** 200 rows in 6-D lying on a 2-D plane (plus tiny noise): a 2-D latent reconstructs them. */
function planeData(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const basis = [
    [1, 0.5, -0.3, 0.8, 0, 0.2],
    [0, 1, 0.7, -0.4, 0.9, -0.6],
  ];
  const X = new Float64Array(n * 6);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    for (let j = 0; j < 6; j++)
      X[i * 6 + j] = a * basis[0][j] + b * basis[1][j] + 0.01 * rng.normal();
  }
  return X;
}

function mseOf(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

describe('Autoencoder', () => {
  it('learns to reconstruct low-dimensional data, deterministically by seed, without leaks', async () => {
    const X = planeData(256, 1);
    const before = tf.memory().numTensors;
    const make = () =>
      new Autoencoder({ inputDim: 6, latentDim: 2, hidden: [16], activation: 'tanh', seed: 4 });
    const ae = make();
    const variance = mseOf(X, new Float64Array(X.length));
    const r0 = mseOf(ae.decode(ae.encode(X)), X);
    const { losses } = await ae.fit(X, { epochs: 25, batchSize: 32, learningRate: 2e-2, seed: 2 });
    expect(losses).toHaveLength(25);
    const r1 = mseOf(ae.decode(ae.encode(X)), X);
    expect(r1).toBeLessThan(0.05 * variance);
    expect(r1).toBeLessThan(r0 / 10);
    expect(losses[24]).toBeLessThan(losses[0]);
    const z = ae.encode(X);
    expect(z.length).toBe(256 * 2);
    const ae2 = make();
    const ae3 = make();
    const opts = { epochs: 2, batchSize: 32, seed: 9 };
    expect((await ae2.fit(X, opts)).losses).toEqual((await ae3.fit(X, opts)).losses);
    expect(ae2.encode(X)).toEqual(ae3.encode(X));
    ae3.dispose();
    ae.dispose();
    ae2.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('supports balanced batches from a Dataset and wraps existing networks', async () => {
    const X = planeData(64, 2);
    const y = new Uint8Array(64);
    for (let i = 0; i < 8; i++) y[i] = 1;
    const ds = { nRows: 64, nCols: 6, X, y, featureNames: ['a', 'b', 'c', 'd', 'e', 'f'] };
    const enc = new Mlp({ inputDim: 6, widths: [8, 3], seed: 1 });
    const dec = new Mlp({ inputDim: 3, widths: [8, 6], bias: false, seed: 2 });
    const ae = new Autoencoder(enc, dec);
    expect(ae.latentDim).toBe(3);
    const { losses } = await ae.fit(ds, { epochs: 3, batchSize: 16, balanced: true });
    expect(losses).toHaveLength(3);
    await expect(ae.fit(X, { epochs: 1, balanced: true })).rejects.toThrow(/labels/);
    await expect(ae.fit(X.subarray(0, 60), { epochs: 1, batchSize: 128 })).rejects.toThrow(
      /fewer than one batch/,
    );
    expect(() => new Autoencoder(enc, enc)).toThrow(/decoder/);
    ae.dispose();
  });
});
