import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { useCustomKernels } from './kernels';
import { bceWithLogits, mse, softmaxCrossEntropy } from './losses';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function valueAndGrad(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor): [number, Float32Array] {
  const { value, grad } = tf.valueAndGrad(f)(x);
  const out: [number, Float32Array] = [value.dataSync()[0], grad.dataSync() as Float32Array];
  tf.dispose([value, grad]);
  return out;
}

describe('bceWithLogits', () => {
  it('matches hand-computed values and gradients, also for huge logits', () => {
    const l = [0, 2, -3, 1000, -1000, 30];
    const t = [1, 0, 1, 0, 1, 0.25];
    // per-row loss softplus(l) - t*l, written out: ln 2, ln(1+e^2), ln(1+e^-3)+3, 1000, 1000, ...
    const per = [
      Math.LN2,
      Math.log(1 + Math.exp(2)),
      Math.log(1 + Math.exp(-3)) + 3,
      1000,
      1000,
      30 - 7.5,
    ];
    const expected = per.reduce((a, b) => a + b, 0) / 6;
    const x = tf.tensor2d(l, [6, 1]);
    const tt = tf.tensor2d(t, [6, 1]);
    const [v, g] = valueAndGrad((z) => bceWithLogits(z, tt), x);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeCloseTo(expected, 3);
    l.forEach((li, i) => {
      expect(g[i]).toBeCloseTo((sigmoid(li) - t[i]) / 6, 6);
    });
    tf.dispose([x, tt]);
  });

  it('accepts a constant target and per-row weights', () => {
    const x = tf.tensor1d([0.5, -1.5, 2]);
    const w = tf.tensor1d([1, 2, 0.5]);
    const [v1] = valueAndGrad((z) => bceWithLogits(z, 1), x);
    expect(v1).toBeCloseTo((softplus(-0.5) + softplus(1.5) + softplus(-2)) / 3, 6);
    const [v2, g2] = valueAndGrad((z) => bceWithLogits(z, 0, w), x);
    expect(v2).toBeCloseTo((softplus(0.5) + 2 * softplus(-1.5) + 0.5 * softplus(2)) / 3, 6);
    expect(g2[1]).toBeCloseTo((2 * sigmoid(-1.5)) / 3, 6);
    expect(() => bceWithLogits(x, tf.tensor1d([1, 0]))).toThrow(/targets: has 2 values/);
    tf.dispose([x, w]);
  });
});

describe('softmaxCrossEntropy', () => {
  it('matches hand-computed log-sum-exp values and gradients without overflow', () => {
    const logits = tf.tensor2d([1, 2, 3, 1000, 0, -1000], [2, 3]);
    const labels = tf.tensor1d([2, 1], 'int32');
    const row1 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3; // 0.40760596
    const row2 = 1000; // logsumexp = 1000 (exactly, in float), minus l[1] = 0
    const [v, g] = valueAndGrad((z) => softmaxCrossEntropy(z as tf.Tensor2D, labels), logits);
    expect(v).toBeCloseTo((row1 + row2) / 2, 3);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    const p1 = [Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z - 1];
    const p2 = [1, -1, 0];
    [...p1, ...p2].forEach((e, i) => {
      expect(g[i]).toBeCloseTo(e / 2, 6);
    });
    const oneHot = tf.tensor2d([0, 0, 1, 0, 1, 0], [2, 3]);
    const [v2] = valueAndGrad((q) => softmaxCrossEntropy(q as tf.Tensor2D, oneHot), logits);
    expect(v2).toBeCloseTo(v, 5);
    const [v3] = valueAndGrad((q) => softmaxCrossEntropy(q as tf.Tensor2D, 2), logits);
    expect(v3).toBeCloseTo((row1 + 2000) / 2, 3);
    expect(() => softmaxCrossEntropy(logits, 3)).toThrow(/labels: expected a class index/);
    tf.dispose([logits, labels, oneHot]);
  });
});

describe('mse', () => {
  it('matches hand-computed values and gradients', () => {
    const p = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const t = tf.tensor2d([0, 2, 5, 4], [2, 2]);
    const [v, g] = valueAndGrad((z) => mse(z, t), p);
    expect(v).toBeCloseTo((1 + 0 + 4 + 0) / 4, 6);
    expect(Array.from(g)).toEqual([0.5, 0, -1, 0]);
    const [v2] = valueAndGrad((z) => mse(z, 1), p);
    expect(v2).toBeCloseTo((0 + 1 + 4 + 9) / 4, 6);
    tf.dispose([p, t]);
  });
});

describe('targets created inside the loss closure', () => {
  // tf.variableGrads tidies the forward pass: a targets/weights/labels tensor made inside the
  // closure is gone before the backward pass, so the losses must not read it there.
  for (const kernels of [true, false]) {
    it(`give the hand-computed gradients (custom kernels ${kernels ? 'on' : 'off'})`, () => {
      useCustomKernels(kernels);
      try {
        const l = [0.5, -1.5, 2];
        const v = tf.variable(tf.tensor2d(l, [3, 1]));
        const before = tf.memory().numTensors;
        const run = (loss: () => tf.Scalar): Float32Array => {
          const { value, grads } = tf.variableGrads(loss, [v]);
          const g = grads[v.name].dataSync() as Float32Array;
          tf.dispose([value, grads[v.name]]);
          return g;
        };
        const t = [1, 0, 1];
        const w = [2, 1, 0.5];
        const gb = run(() => bceWithLogits(v, tf.tensor2d(t, [3, 1]), tf.tensor2d(w, [3, 1])));
        l.forEach((li, i) => {
          expect(gb[i]).toBeCloseTo((w[i] * (sigmoid(li) - t[i])) / 3, 6);
        });
        const gm = run(() => mse(v, tf.tensor2d([0, 0, 3], [3, 1])));
        [(2 * 0.5) / 3, (2 * -1.5) / 3, (2 * -1) / 3].forEach((e, i) => {
          expect(gm[i]).toBeCloseTo(e, 6);
        });
        const gs = run(() =>
          softmaxCrossEntropy(tf.reshape(v, [1, 3]) as tf.Tensor2D, tf.tensor1d([1], 'int32')),
        );
        const z = Math.exp(0.5) + Math.exp(-1.5) + Math.exp(2);
        expect(gs[1]).toBeCloseTo(Math.exp(-1.5) / z - 1, 6);
        expect(gs[2]).toBeCloseTo(Math.exp(2) / z, 6);
        expect(tf.memory().numTensors).toBe(before);
        v.dispose();
      } finally {
        useCustomKernels(true);
      }
    });
  }
});
