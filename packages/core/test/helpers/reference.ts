// Plain float64 JavaScript references used by the tests (independent of tfjs).
import type { Activation } from '../../src/nn/activation';

export interface RefLayer {
  w: Float64Array; // inDim x units, row-major
  b: Float64Array | null;
  inDim: number;
  units: number;
  activation: Activation;
}

export function act(a: Activation, z: number): number {
  if (a === 'relu') return Math.max(z, 0);
  if (a === 'tanh') return Math.tanh(z);
  if (a === 'sigmoid') return 1 / (1 + Math.exp(-z));
  if (a === 'linear') return z;
  return z > 0 ? z : a.alpha * z;
}

/** Forward pass of a dense net in float64, `masks[i]` multiplies layer i's activation. */
export function refForward(
  layers: RefLayer[],
  x: Float64Array,
  n: number,
  masks?: (Float32Array | null)[],
): Float64Array {
  let h = x;
  layers.forEach((l, li) => {
    const out = new Float64Array(n * l.units);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < l.units; j++) {
        let s = l.b ? l.b[j] : 0;
        for (let k = 0; k < l.inDim; k++) s += h[r * l.inDim + k] * l.w[k * l.units + j];
        let v = act(l.activation, s);
        const m = masks?.[li];
        if (m) v *= m[r * l.units + j];
        out[r * l.units + j] = v;
      }
    }
    h = out;
  });
  return h;
}

/** Central finite-difference gradient of `f` at `x` (float64). */
export function numericGrad(
  f: (x: Float64Array) => number,
  x: Float64Array,
  eps = 1e-6,
): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    x[i] = old + eps;
    const fp = f(x);
    x[i] = old - eps;
    const fm = f(x);
    x[i] = old;
    g[i] = (fp - fm) / (2 * eps);
  }
  return g;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Deterministic pseudo-random values in [-1, 1) (a tiny LCG, so tests need no tfjs randomness). */
export function lcgValues(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2147483648 - 1;
  }
  return out;
}
