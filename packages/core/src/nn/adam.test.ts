import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { Adam } from './adam';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** Adam straight from the paper's pseudo-code, in float64. */
function refAdam(p0: number, grads: number[], lr: number, b1: number, b2: number, eps: number) {
  let p = p0;
  let m = 0;
  let v = 0;
  grads.forEach((g, i) => {
    const t = i + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    const mHat = m / (1 - b1 ** t);
    const vHat = v / (1 - b2 ** t);
    p -= (lr * mHat) / (Math.sqrt(vHat) + eps);
  });
  return p;
}

describe('Adam', () => {
  it('first step equals the hand-computed update p - lr * sign(g) (bias-corrected)', () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const opt = new Adam({ variables: [w] }, { learningRate: 0.1 });
    opt.applyGradients([tf.tensor1d([2, -0.5])]);
    // m̂ = g, v̂ = g², so the step is lr * g / (|g| + eps)
    const [a, b] = w.dataSync();
    expect(a).toBeCloseTo(1 - (0.1 * 2) / (2 + 1e-7), 6);
    expect(b).toBeCloseTo(-2 + (0.1 * 0.5) / (0.5 + 1e-7), 6);
    opt.dispose();
    w.dispose();
  });

  it('follows the reference over several steps (beta1 0.5 as in GANs)', () => {
    const gs = [0.3, -1.2, 0.05, 2.5, -0.7];
    const w = tf.variable(tf.scalar(0.5));
    const opt = new Adam(
      { variables: [w] },
      { learningRate: 0.01, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 },
    );
    for (const g of gs) tf.tidy(() => opt.applyGradients([tf.scalar(g)]));
    expect(w.dataSync()[0]).toBeCloseTo(refAdam(0.5, gs, 0.01, 0.5, 0.999, 1e-8), 6);
    expect(opt.iterations).toBe(5);
    opt.dispose();
    w.dispose();
  });

  it('minimize updates only its own variables and returns the loss', () => {
    const a = tf.variable(tf.scalar(1));
    const b = tf.variable(tf.scalar(2));
    const opt = new Adam({ variables: [a] }, { learningRate: 0.1 });
    const loss = opt.minimize(() => tf.mul(a, b) as tf.Scalar);
    expect(loss.dataSync()[0]).toBe(2);
    expect(a.dataSync()[0]).toBeCloseTo(0.9, 5);
    expect(b.dataSync()[0]).toBe(2);
    const c = tf.variable(tf.scalar(3));
    const opt2 = new Adam({ variables: [a, c] });
    expect(() => opt2.minimize(() => tf.mul(a, b) as tf.Scalar)).toThrow(/received no gradient/);
    tf.dispose([loss, a, b, c]);
    opt.dispose();
    opt2.dispose();
  });

  it('validates hyper-parameters', () => {
    const w = tf.variable(tf.scalar(0));
    expect(() => new Adam({ variables: [w] }, { learningRate: 0 })).toThrow(/learningRate/);
    expect(() => new Adam({ variables: [w] }, { beta1: 1 })).toThrow(/beta1/);
    expect(() => new Adam({ variables: [] })).toThrow(/targets/);
    w.dispose();
  });
});
