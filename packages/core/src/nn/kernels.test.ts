import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lcgValues, maxAbsDiff } from '../../test/helpers/reference';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { leakyRelu } from './activation';
import { Adam } from './adam';
import { useCustomKernels } from './kernels';
import { bceWithLogits, mse } from './losses';
import { Mlp } from './mlp';

// The custom JS kernels (transpose, column sums, fused Adam, BCE/MSE) must give what the plain
// tfjs ops give (the path used on the tensorflow backend).

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});
afterAll(() => {
  useCustomKernels(true);
});

function trainTwoSteps(kernels: boolean): { losses: number[]; weights: Float32Array[] } {
  useCustomKernels(kernels);
  const net = new Mlp({ inputDim: 5, widths: [7, 6, 3], activation: leakyRelu(0.2), seed: 9 });
  const opt = new Adam(net, { learningRate: 0.05, beta1: 0.5 });
  const x = tf.tensor2d(Float32Array.from(lcgValues(11 * 5, 1)), [11, 5]);
  const t = tf.tensor2d(
    Float32Array.from(lcgValues(11 * 3, 2), (v) => (v > 0 ? 1 : 0)),
    [11, 3],
  );
  const w = tf.tensor2d(
    Float32Array.from(lcgValues(11 * 3, 3), (v) => v + 1.5),
    [11, 3],
  );
  const losses: number[] = [];
  for (let s = 0; s < 2; s++) {
    const l = tf.tidy(() =>
      opt.minimize(() => {
        const o = net.apply(x, { inputGrad: false });
        return tf.addN([
          bceWithLogits(o, t, w),
          bceWithLogits(o, 0.3),
          mse(o, t),
          mse(o, -1),
        ]) as tf.Scalar;
      }),
    );
    losses.push(l.dataSync()[0]);
    l.dispose();
  }
  const weights = net.getWeights();
  tf.dispose([x, t, w]);
  opt.dispose();
  net.dispose();
  return { losses, weights };
}

describe('custom kernels', () => {
  it('match plain tfjs ops on forward, backward, losses and Adam', () => {
    const a = trainTwoSteps(true);
    const b = trainTwoSteps(false);
    expect(maxAbsDiff(a.losses, b.losses)).toBeLessThan(1e-5);
    a.weights.forEach((wa, i) => {
      expect(maxAbsDiff(wa, b.weights[i])).toBeLessThan(1e-5);
    });
  });

  it('clone shares the buffer on wasm and frees it once every reference is gone', () => {
    useCustomKernels(true);
    const before = tf.memory();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});
