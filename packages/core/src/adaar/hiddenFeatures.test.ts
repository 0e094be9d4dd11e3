import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { leakyRelu } from '../nn/activation';
import { Mlp } from '../nn/mlp';
import { tf } from '../tf';
import { hiddenFeatures } from './hiddenFeatures';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('hiddenFeatures', () => {
  it('equals a hand-computed forward pass through the hidden layers only', () => {
    const net = new Mlp({ inputDim: 3, widths: [4, 2, 1], activation: leakyRelu(0.2), seed: 3 });
    const x = [0.5, -1, 2, -0.3, 0.8, -2];
    const W = net.variables.map((v) => Array.from(v.dataSync()));
    // by hand: h1 = lrelu(x W0 + b0), h2 = lrelu(h1 W1 + b1); the output layer is not applied
    const lrelu = (v: number) => (v > 0 ? v : 0.2 * v);
    const dense = (inp: number[], w: number[], b: number[], nOut: number) =>
      b.map((bj, j) => lrelu(inp.reduce((s, xi, i) => s + xi * w[i * nOut + j], bj)));
    const expected: number[] = [];
    for (let r = 0; r < 2; r++) {
      const h1 = dense(x.slice(r * 3, r * 3 + 3), W[0], W[1], 4);
      expected.push(...dense(h1, W[2], W[3], 2));
    }
    const out = tf.tidy(() => hiddenFeatures(net, tf.tensor2d(x, [2, 3])));
    expect(out.shape).toEqual([2, 2]);
    const got = Array.from(out.dataSync());
    out.dispose();
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
    net.dispose();
  });

  it('refuses a network without a hidden layer', () => {
    const net = new Mlp({ inputDim: 2, widths: [1], seed: 1 });
    expect(() => tf.tidy(() => hiddenFeatures(net, tf.zeros([1, 2])))).toThrow(RangeError);
    net.dispose();
  });
});
