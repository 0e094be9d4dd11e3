import { beforeAll, describe, expect, it } from 'vitest';
import { lcgValues, maxAbsDiff } from '../../test/helpers/reference';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { Adam } from './adam';
import { adversarialStep } from './adversarial';
import { bceWithLogits } from './losses';
import { Mlp } from './mlp';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('adversarialStep', () => {
  it('updates only the trained network, with the gradient of the loss through the frozen ones', () => {
    const before = tf.memory().numTensors;
    const g = new Mlp({ inputDim: 3, widths: [5, 4], seed: 1 });
    const d1 = new Mlp({ inputDim: 4, widths: [6, 1], seed: 2 });
    const dec = new Mlp({ inputDim: 4, widths: [4], seed: 3 });
    const d2 = new Mlp({ inputDim: 4, widths: [3, 1], seed: 4 });
    const z = tf.tensor2d(Float32Array.from(lcgValues(8 * 3, 5)), [8, 3]);
    const lossOf = (outs: tf.Tensor2D[]) =>
      tf.add(bceWithLogits(outs[0], 1), tf.mul(0.5, bceWithLogits(outs[1], 0))) as tf.Scalar;
    // expected update: the gradient of the same loss w.r.t. G's variables, through plain applies
    const { value, grads } = tf.variableGrads(
      () => lossOf([d1.apply(dec.apply(g.apply(z))), d2.apply(g.apply(z))]),
      g.variables as tf.Variable[],
    );
    const ref = new Mlp({ inputDim: 3, widths: [5, 4], seed: 1 });
    const refOpt = new Adam(ref, { learningRate: 0.05 });
    refOpt.applyGradients(g.variables.map((v) => grads[v.name]));
    const frozenBefore = [d1, dec, d2].map((n) => n.getWeights());
    const optG = new Adam(g, { learningRate: 0.05 });
    const loss = adversarialStep({
      network: g,
      optimizer: optG,
      input: z,
      frozen: [[dec, d1], d2],
      loss: lossOf,
    });
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    g.getWeights().forEach((w, i) => {
      expect(maxAbsDiff(w, ref.getWeights()[i])).toBeLessThan(1e-6);
    });
    const fresh = new Mlp({ inputDim: 3, widths: [5, 4], seed: 1 });
    expect(maxAbsDiff(g.getWeights()[0], fresh.getWeights()[0])).toBeGreaterThan(1e-3);
    [d1, dec, d2].forEach((n, k) => {
      expect(n.getWeights()).toEqual(frozenBefore[k]);
    });
    expect(() =>
      adversarialStep({
        network: d1,
        optimizer: optG,
        input: z,
        frozen: d2,
        loss: ([o]) => bceWithLogits(o, 1),
      }),
    ).toThrow(/optimizer: must be bound/);
    tf.dispose([loss, value, z, ...Object.values(grads)]);
    for (const o of [optG, refOpt]) o.dispose();
    for (const n of [g, d1, dec, d2, ref, fresh]) n.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
