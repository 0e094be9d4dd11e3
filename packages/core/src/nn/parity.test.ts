import { afterAll, describe, expect, it } from 'vitest';
import { lcgValues, maxAbsDiff } from '../../test/helpers/reference';
import { type BackendName, initBackend } from '../backend';
import { tf } from '../tf';
import { type Activation, leakyRelu } from './activation';
import { Adam } from './adam';
import { bceWithLogits, mse, softmaxCrossEntropy } from './losses';
import { Mlp } from './mlp';

// The same seeded init, data and dropout mask on the `cpu` and `wasm` backends must give the
// same forward values, gradients and Adam update (to 1e-5) for every layer type and loss.

type LossKind = 'bce' | 'softmax' | 'mse';
interface Case {
  name: string;
  activation: Activation;
  loss: LossKind;
  dropout: boolean;
  frozenTail?: boolean;
}

const cases: Case[] = [
  ...(['relu', 'tanh', 'sigmoid', 'linear', leakyRelu(0.2)] as Activation[]).map((a) => ({
    name: `dense ${JSON.stringify(a)} + bce`,
    activation: a,
    loss: 'bce' as const,
    dropout: false,
  })),
  { name: 'dropout (fixed mask) + bce', activation: leakyRelu(0.3), loss: 'bce', dropout: true },
  { name: 'softmax cross-entropy', activation: 'relu', loss: 'softmax', dropout: false },
  { name: 'mse', activation: 'tanh', loss: 'mse', dropout: false },
  {
    name: 'generator through a frozen net',
    activation: 'relu',
    loss: 'bce',
    dropout: false,
    frozenTail: true,
  },
];

const N = 9;
const D = 6;

interface Result {
  loss: number;
  out: Float32Array;
  grads: Float32Array[];
  after: Float32Array[];
}

async function run(backend: BackendName, c: Case): Promise<Result> {
  await initBackend({ backend });
  const outDim = c.loss === 'softmax' ? 3 : c.loss === 'mse' ? D : 1;
  const net = new Mlp({
    inputDim: D,
    layers: [
      { units: 8, activation: c.activation, dropout: c.dropout ? 0.3 : 0 },
      { units: 7, activation: c.activation, bias: false },
      { units: outDim, activation: 'linear' },
    ],
    seed: 17,
  });
  const tail = c.frozenTail ? new Mlp({ inputDim: outDim, widths: [5, 1], seed: 3 }) : null;
  const masks = c.dropout
    ? [Float32Array.from(lcgValues(N * 8, 4), (v) => (v > -0.4 ? 1 / 0.7 : 0)), null, null]
    : undefined;
  const x = tf.tensor2d(
    Float32Array.from(lcgValues(N * D, 8), (v) => 2 * v),
    [N, D],
  );
  const yBin = tf.tensor2d(
    Float32Array.from(lcgValues(N, 2), (v) => (v > 0 ? 1 : 0)),
    [N, 1],
  );
  const yCls = tf.tensor1d(
    Int32Array.from(lcgValues(N, 3), (v) => Math.floor((v + 1) * 1.5)),
    'int32',
  );
  const fwd = () => {
    const h = net.apply(x, {
      training: true,
      inputGrad: false,
      ...(masks ? { dropoutMasks: masks } : {}),
    });
    return tail ? tail.apply(h, { trainable: false }) : h;
  };
  const lossFn = () => {
    const o = fwd();
    if (c.loss === 'softmax') return softmaxCrossEntropy(o, yCls);
    if (c.loss === 'mse') return mse(o, x);
    return bceWithLogits(o, yBin);
  };
  const out = tf.tidy(fwd);
  const { value, grads } = tf.variableGrads(lossFn, net.variables as tf.Variable[]);
  const opt = new Adam(net, { learningRate: 0.01 });
  const gradList = net.variables.map((v) => grads[v.name]);
  opt.applyGradients(gradList);
  const res: Result = {
    loss: value.dataSync()[0],
    out: out.dataSync() as Float32Array,
    grads: gradList.map((g) => g.dataSync() as Float32Array),
    after: net.getWeights(),
  };
  tf.dispose([out, value, x, yBin, yCls, ...gradList]);
  opt.dispose();
  net.dispose();
  tail?.dispose();
  return res;
}

describe('cpu vs wasm parity (forward + backward + Adam step)', () => {
  afterAll(async () => {
    await initBackend({ backend: 'wasm' });
  });
  for (const c of cases) {
    it(c.name, async () => {
      const a = await run('cpu', c);
      const b = await run('wasm', c);
      expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5);
      expect(maxAbsDiff(a.out, b.out)).toBeLessThan(1e-5);
      a.grads.forEach((g, i) => {
        expect(maxAbsDiff(g, b.grads[i])).toBeLessThan(1e-5);
        // a real gradient, not all zeros
        expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(1e-6);
      });
      a.after.forEach((w, i) => {
        expect(maxAbsDiff(w, b.after[i])).toBeLessThan(1e-5);
      });
    });
  }
});
