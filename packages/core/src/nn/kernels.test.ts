import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lcgValues, maxAbsDiff } from '../../test/helpers/reference';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { leakyRelu } from './activation';
import { Adam } from './adam';
import { useCustomKernels } from './kernels';
import { bceWithLogits, mse } from './losses';
import { Mlp } from './mlp';

// The custom kernels (SIMD GEMM, transpose, activation + bias gradients, fused Adam, BCE/MSE)
// must give what the plain tfjs ops give (the path used on the tensorflow backend).

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});
afterAll(() => {
  useCustomKernels(true);
});

function trainTwoSteps(
  kernels: boolean,
  dims = [5, 7, 6, 3],
): { losses: number[]; weights: Float32Array[] } {
  useCustomKernels(kernels);
  const [d, ...widths] = dims;
  const o = widths[widths.length - 1];
  const net = new Mlp({ inputDim: d, widths, activation: leakyRelu(0.2), seed: 9 });
  const opt = new Adam(net, { learningRate: 0.05, beta1: 0.5 });
  const x = tf.tensor2d(Float32Array.from(lcgValues(11 * d, 1)), [11, d]);
  const t = tf.tensor2d(
    Float32Array.from(lcgValues(11 * o, 2), (v) => (v > 0 ? 1 : 0)),
    [11, o],
  );
  const w = tf.tensor2d(
    Float32Array.from(lcgValues(11 * o, 3), (v) => v + 1.5),
    [11, o],
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
  // [5, 7, 6, 3]: JavaScript-loop paths and tfjs matMuls; [8, 12, 16, 4]: the SIMD GEMM
  // everywhere (widths multiples of 4), with a leftover row block (11 rows).
  for (const dims of [
    [5, 7, 6, 3],
    [8, 12, 16, 4],
  ]) {
    it(`match plain tfjs ops on forward, backward, losses and Adam (${dims.join('-')})`, () => {
      const a = trainTwoSteps(true, dims);
      const b = trainTwoSteps(false, dims);
      expect(maxAbsDiff(a.losses, b.losses)).toBeLessThan(1e-5);
      a.weights.forEach((wa, i) => {
        expect(maxAbsDiff(wa, b.weights[i])).toBeLessThan(1e-5);
      });
    });
  }

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
