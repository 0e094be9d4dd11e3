/**
 * Test/measurement helper: a plain-JS MLP (d -> 64 -> 32 -> 1, ReLU, BCE, Adam 1e-3,
 * mini-batches of 256, early stopping on validation AUC), as evaluation.md's default
 * downstream classifier. Independent of tfjs; used only to check the synthetic data's difficulty.
 */
import { Rng } from '../src/rng';
import { rankAuc } from './logistic';

interface Layer {
  W: Float64Array;
  b: Float64Array;
  nIn: number;
  nOut: number;
  mW: Float64Array;
  vW: Float64Array;
  mb: Float64Array;
  vb: Float64Array;
}

function layer(nIn: number, nOut: number, rng: Rng): Layer {
  const limit = Math.sqrt(6 / (nIn + nOut));
  const W = new Float64Array(nIn * nOut);
  for (let i = 0; i < W.length; i++) W[i] = (2 * rng.float() - 1) * limit;
  const z = () => new Float64Array(nIn * nOut);
  const zb = () => new Float64Array(nOut);
  return { W, b: zb(), nIn, nOut, mW: z(), vW: z(), mb: zb(), vb: zb() };
}

function forward(layers: Layer[], x: Float64Array, acts: Float64Array[]): number {
  acts[0] = x;
  let a = x;
  for (let l = 0; l < layers.length; l++) {
    const L = layers[l];
    const out = acts[l + 1];
    for (let o = 0; o < L.nOut; o++) {
      let s = L.b[o];
      for (let i = 0; i < L.nIn; i++) s += a[i] * L.W[i * L.nOut + o];
      out[o] = l < layers.length - 1 ? Math.max(0, s) : s;
    }
    a = out;
  }
  return a[0];
}

export function scoreMlp(layers: Layer[], X: Float64Array, d: number): Float64Array {
  const n = X.length / d;
  const acts = [new Float64Array(d), ...layers.map((L) => new Float64Array(L.nOut))];
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = forward(layers, X.subarray(i * d, (i + 1) * d), acts);
  return s;
}

export function fitMlp(
  X: Float64Array,
  y: Uint8Array,
  Xv: Float64Array,
  yv: Uint8Array,
  d: number,
  seed: number,
  maxEpochs = 40,
  patience = 5,
): Layer[] {
  const rng = new Rng(seed);
  const layers = [layer(d, 64, rng), layer(64, 32, rng), layer(32, 1, rng)];
  const n = y.length;
  const acts = [new Float64Array(d), ...layers.map((L) => new Float64Array(L.nOut))];
  const deltas = layers.map((L) => new Float64Array(L.nOut));
  const gW = layers.map((L) => new Float64Array(L.W.length));
  const gb = layers.map((L) => new Float64Array(L.nOut));
  const lr = 1e-3;
  const b1 = 0.9;
  const b2 = 0.999;
  let t = 0;
  let best = -1;
  let bestW: Float64Array[] = [];
  let since = 0;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    const order = rng.permutation(n);
    for (let start = 0; start < n; start += 256) {
      const end = Math.min(n, start + 256);
      for (let l = 0; l < 3; l++) {
        gW[l].fill(0);
        gb[l].fill(0);
      }
      for (let k = start; k < end; k++) {
        const i = order[k];
        const logit = forward(layers, X.subarray(i * d, (i + 1) * d), acts);
        deltas[2][0] = 1 / (1 + Math.exp(-logit)) - y[i];
        for (let l = 2; l >= 0; l--) {
          const L = layers[l];
          const aIn = acts[l];
          for (let o = 0; o < L.nOut; o++) {
            const dl = deltas[l][o];
            if (dl === 0) continue;
            gb[l][o] += dl;
            for (let j = 0; j < L.nIn; j++) gW[l][j * L.nOut + o] += dl * aIn[j];
          }
          if (l > 0) {
            const prev = deltas[l - 1];
            for (let j = 0; j < L.nIn; j++) {
              if (aIn[j] <= 0) {
                prev[j] = 0;
                continue;
              }
              let s = 0;
              for (let o = 0; o < L.nOut; o++) s += L.W[j * L.nOut + o] * deltas[l][o];
              prev[j] = s;
            }
          }
        }
      }
      t++;
      const m = end - start;
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      for (let l = 0; l < 3; l++) {
        const L = layers[l];
        for (let q = 0; q < L.W.length; q++) {
          const g = gW[l][q] / m;
          L.mW[q] = b1 * L.mW[q] + (1 - b1) * g;
          L.vW[q] = b2 * L.vW[q] + (1 - b2) * g * g;
          L.W[q] -= (lr * (L.mW[q] / c1)) / (Math.sqrt(L.vW[q] / c2) + 1e-8);
        }
        for (let q = 0; q < L.nOut; q++) {
          const g = gb[l][q] / m;
          L.mb[q] = b1 * L.mb[q] + (1 - b1) * g;
          L.vb[q] = b2 * L.vb[q] + (1 - b2) * g * g;
          L.b[q] -= (lr * (L.mb[q] / c1)) / (Math.sqrt(L.vb[q] / c2) + 1e-8);
        }
      }
    }
    const auc = rankAuc(yv, scoreMlp(layers, Xv, d));
    if (auc > best) {
      best = auc;
      bestW = layers.flatMap((L) => [L.W.slice(), L.b.slice()]);
      since = 0;
    } else if (++since >= patience) break;
  }
  layers.forEach((L, l) => {
    L.W.set(bestW[2 * l]);
    L.b.set(bestW[2 * l + 1]);
  });
  return layers;
}
