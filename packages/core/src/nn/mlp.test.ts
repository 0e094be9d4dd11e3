import { beforeAll, describe, expect, it } from 'vitest';
import {
  lcgValues,
  maxAbsDiff,
  numericGrad,
  type RefLayer,
  refForward,
} from '../../test/helpers/reference';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { type Activation, leakyRelu } from './activation';
import { Mlp } from './mlp';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

function refLayers(net: Mlp): RefLayer[] {
  const ws = net.getWeights();
  const cfg = net.config();
  let k = 0;
  let inDim = cfg.inputDim;
  return cfg.layers.map((l) => {
    const w = Float64Array.from(ws[k++]);
    const b = l.bias ? Float64Array.from(ws[k++]) : null;
    const layer = { w, b, inDim, units: l.units, activation: l.activation };
    inDim = l.units;
    return layer;
  });
}

const N = 5;
const ACTS: Activation[] = ['relu', 'tanh', 'sigmoid', 'linear', leakyRelu(0.2)];

describe('Mlp', () => {
  it('initialises Glorot-uniform kernels from the seed and zero biases', () => {
    const a = new Mlp({ inputDim: 40, widths: [60, 1], seed: 3 });
    const b = new Mlp({ inputDim: 40, widths: [60, 1], seed: 3 });
    const c = new Mlp({ inputDim: 40, widths: [60, 1], seed: 4 });
    const [w0, b0] = a.getWeights();
    const lim = Math.sqrt(6 / 100);
    expect(Math.max(...w0.map(Math.abs))).toBeLessThanOrEqual(lim);
    expect(Math.max(...w0.map(Math.abs))).toBeGreaterThan(0.95 * lim);
    expect(Array.from(b0)).toEqual(new Array(60).fill(0));
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(maxAbsDiff(w0, c.getWeights()[0])).toBeGreaterThan(0.1);
    expect(a.paramCount()).toBe(40 * 60 + 60 + 60 + 1);
    a.dispose();
    b.dispose();
    c.dispose();
  });

  for (const activation of ACTS) {
    it(`forward and gradients match float64 finite differences (${JSON.stringify(activation)}, dropout)`, () => {
      const before = tf.memory().numTensors;
      const net = new Mlp({
        inputDim: 4,
        layers: [
          { units: 6, activation, dropout: 0.25 },
          { units: 5, activation, bias: false },
          { units: 3, activation },
        ],
        seed: 11,
      });
      const x64 = lcgValues(N * 4, 7);
      const coef = lcgValues(N * 3, 9);
      const mask0 = Float32Array.from(lcgValues(N * 6, 5), (v) => (v > -0.5 ? 1 / 0.75 : 0));
      const masks = [mask0, null, null];
      const layers = refLayers(net);
      const loss64 = () => {
        const out = refForward(layers, x64, N, masks);
        return out.reduce((s, v, i) => s + v * coef[i], 0);
      };
      const x = tf.tensor2d(Float32Array.from(x64), [N, 4]);
      const c = tf.tensor2d(Float32Array.from(coef), [N, 3]);
      const f = () =>
        tf.sum(tf.mul(net.apply(x, { training: true, dropoutMasks: masks }), c)) as tf.Scalar;
      const out = tf.tidy(() => net.apply(x, { training: true, dropoutMasks: masks }));
      expect(maxAbsDiff(out.dataSync(), refForward(layers, x64, N, masks))).toBeLessThan(1e-5);
      const { value, grads } = tf.variableGrads(f, net.variables as tf.Variable[]);
      expect(value.dataSync()[0]).toBeCloseTo(loss64(), 5);
      // weights: compare every variable to the numeric gradient
      let k = 0;
      for (const l of layers) {
        for (const arr of [l.w, l.b]) {
          if (!arr) continue;
          const num = numericGrad(() => loss64(), arr);
          const got = grads[net.variables[k].name].dataSync();
          expect(maxAbsDiff(got, num)).toBeLessThan(2e-4);
          k++;
        }
      }
      // input gradient
      const gx = tf.grads((xx: tf.Tensor) =>
        tf.sum(tf.mul(net.apply(xx as tf.Tensor2D, { training: true, dropoutMasks: masks }), c)),
      )([x])[0];
      expect(
        maxAbsDiff(
          gx.dataSync(),
          numericGrad(() => loss64(), x64),
        ),
      ).toBeLessThan(2e-4);
      tf.dispose([out, value, gx, x, c, ...Object.values(grads)]);
      net.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('frozen mode computes only the input gradient; inputGrad:false only weight gradients', () => {
    const net = new Mlp({ inputDim: 3, widths: [4, 2], seed: 1 });
    const x = tf.tensor2d(Float32Array.from(lcgValues(6, 1)), [2, 3]);
    const full = tf.grads((xx: tf.Tensor) => tf.sum(net.apply(xx as tf.Tensor2D)))([x])[0];
    const frozen = tf.grads((xx: tf.Tensor) =>
      tf.sum(net.apply(xx as tf.Tensor2D, { trainable: false })),
    )([x])[0];
    expect(maxAbsDiff(full.dataSync(), frozen.dataSync())).toBe(0);
    expect(() =>
      tf.variableGrads(
        () => tf.sum(net.apply(x, { trainable: false })) as tf.Scalar,
        net.variables as tf.Variable[],
      ),
    ).toThrow();
    expect(() =>
      tf.grads((xx: tf.Tensor) => tf.sum(net.apply(xx as tf.Tensor2D, { inputGrad: false })))([x]),
    ).toThrow();
    tf.dispose([x, full, frozen]);
    net.dispose();
  });

  it('dropout: eval mode is deterministic, training mode drops about `rate` of units, seeded', () => {
    const mk = () => new Mlp({ inputDim: 8, widths: [200, 1], dropout: 0.3, seed: 5 });
    const a = mk();
    const b = mk();
    const x = tf.tensor2d(Float32Array.from(lcgValues(50 * 8, 2)), [50, 8]);
    // probe the hidden layer: a 1-layer net with dropout on its output
    const probe = new Mlp({
      inputDim: 8,
      layers: [{ units: 200, activation: 'linear', dropout: 0.3 }],
      seed: 5,
    });
    const h = tf.tidy(() => probe.apply(x, { training: true }));
    const e = tf.tidy(() => probe.apply(x, { training: false }));
    const hv = h.dataSync();
    const ev = e.dataSync();
    let zeros = 0;
    for (let i = 0; i < hv.length; i++) {
      if (hv[i] === 0) zeros++;
      else expect(hv[i]).toBeCloseTo(ev[i] / 0.7, 4);
    }
    expect(zeros / hv.length).toBeGreaterThan(0.27);
    expect(zeros / hv.length).toBeLessThan(0.33);
    const ya = tf.tidy(() => a.apply(x, { training: true }));
    const yb = tf.tidy(() => b.apply(x, { training: true }));
    expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
    a.eval();
    const y1 = tf.tidy(() => a.apply(x));
    const y2 = tf.tidy(() => a.apply(x));
    expect(Array.from(y1.dataSync())).toEqual(Array.from(y2.dataSync()));
    expect(Array.from(a.predictArray(x.dataSync() as Float32Array))).toEqual(
      Array.from(y1.dataSync()),
    );
    tf.dispose([x, h, e, ya, yb, y1, y2]);
    for (const n of [a, b, probe]) n.dispose();
  });

  it('copies a trunk from another network and sets/gets weights', () => {
    const enc = new Mlp({ inputDim: 5, widths: [7, 7, 3], activation: leakyRelu(0.3), seed: 1 });
    const disc = new Mlp({
      inputDim: 5,
      widths: [7, 7, 3 + 1],
      activation: leakyRelu(0.3),
      seed: 2,
    });
    const head = disc.getWeights()[4];
    disc.copyWeightsFrom(enc, { layers: 2 });
    const e = enc.getWeights();
    const d = disc.getWeights();
    for (let i = 0; i < 4; i++) expect(Array.from(d[i])).toEqual(Array.from(e[i]));
    expect(Array.from(d[4])).toEqual(Array.from(head));
    expect(() => disc.copyWeightsFrom(enc)).toThrow(/layer 2 differs/);
    const ws = e.map((w) => w.map((v) => v * 2));
    enc.setWeights(ws);
    expect(enc.getWeights()).toEqual(ws);
    expect(() => enc.setWeights(ws.slice(1))).toThrow(/weights: expected 6 arrays/);
    enc.dispose();
    disc.dispose();
  });

  it('validates its arguments', () => {
    expect(() => new Mlp({ inputDim: 0, widths: [1] })).toThrow(/inputDim/);
    expect(() => new Mlp({ inputDim: 2, widths: [] })).toThrow(/widths/);
    expect(() => new Mlp({ inputDim: 2, widths: [3, 1], dropout: 1 })).toThrow(/dropout/);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid input
    expect(() => new Mlp({ inputDim: 2, widths: [1], activation: 'gelu' as any })).toThrow(
      /activation/,
    );
    const net = new Mlp({ inputDim: 2, widths: [1] });
    const x = tf.zeros([3, 4]) as tf.Tensor2D;
    expect(() => net.apply(x)).toThrow(/x: expected shape \[n, 2\]/);
    net.dispose();
    expect(() => net.apply(x)).toThrow(/dispose/);
    x.dispose();
  });
});
