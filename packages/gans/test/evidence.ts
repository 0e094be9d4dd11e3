import { initBackend } from '@adaar/core';
import {
  type Dataset,
  fitPreprocessor,
  indicesOfClass,
  Rng,
  syntheticCredit,
  validationSplit,
} from '@adaar/data';
import { expect } from 'vitest';

/** Nearest-neighbour resemblance of synthetic rows on a class-balanced reference. */
export interface BalancedNearestShare {
  /** Share of synthetic rows whose nearest reference row is high-risk. */
  readonly synthetic: number;
  /** The same share for the real high-risk rows (leave-one-out): what a perfect copy scores. */
  readonly realHighRisk: number;
  /** The same share for held-back low-risk rows (not in the reference): a majority-like sample. */
  readonly realLowRisk: number;
}

function nearestIsPositive(
  q: Float64Array,
  qi: number,
  ref: Float64Array,
  refY: Uint8Array,
  d: number,
  skip: number,
): number {
  let best = Number.POSITIVE_INFINITY;
  let label = 0;
  const n = refY.length;
  for (let j = 0; j < n; j++) {
    if (j === skip) continue;
    let s = 0;
    for (let c = 0; c < d; c++) {
      const t = q[qi * d + c] - ref[j * d + c];
      s += t * t;
    }
    if (s < best) {
      best = s;
      label = refY[j];
    }
  }
  return label;
}

/**
 * Builds a balanced reference (all high-risk rows + as many random low-risk rows) and reports
 * the share of nearest neighbours that are high-risk, for the synthetic rows, for the real
 * high-risk rows (leave-one-out) and for other low-risk rows. About 0.5 means "no closer to
 * one class than the other".
 */
export function balancedNearestShare(
  synthetic: Float64Array,
  train: Dataset,
  seed = 0,
): BalancedNearestShare {
  const d = train.nCols;
  const pos = indicesOfClass(train, 1);
  const neg = indicesOfClass(train, 0);
  const perm = new Rng(seed).permutation(neg.length);
  const nRef = pos.length;
  const ref = new Float64Array(2 * nRef * d);
  const refY = new Uint8Array(2 * nRef);
  for (let k = 0; k < nRef; k++) {
    ref.set(train.X.subarray(pos[k] * d, (pos[k] + 1) * d), k * d);
    refY[k] = 1;
    const j = neg[perm[k]];
    ref.set(train.X.subarray(j * d, (j + 1) * d), (nRef + k) * d);
  }
  const held = new Float64Array(nRef * d);
  for (let k = 0; k < nRef; k++) {
    const j = neg[perm[nRef + (k % (neg.length - nRef))]];
    held.set(train.X.subarray(j * d, (j + 1) * d), k * d);
  }
  const share = (q: Float64Array, self: boolean) => {
    const m = q.length / d;
    let s = 0;
    for (let i = 0; i < m; i++) s += nearestIsPositive(q, i, ref, refY, d, self ? i : -1);
    return s / m;
  };
  return {
    synthetic: share(synthetic, false),
    realHighRisk: share(ref.subarray(0, nRef * d), true),
    realLowRisk: share(held, false),
  };
}

/** A logistic regression fitted by full-batch gradient descent with balanced class weights. */
export function fitBalancedLogistic(
  train: Dataset,
  iterations = 300,
  lr = 0.5,
  l2 = 1e-3,
): (X: Float64Array) => Float64Array {
  const { nRows: n, nCols: d, X, y } = train;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += y[i];
  const wPos = n / (2 * nPos);
  const wNeg = n / (2 * (n - nPos));
  const w = new Float64Array(d);
  let b = 0;
  const g = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      for (let c = 0; c < d; c++) z += w[c] * X[i * d + c];
      const p = 1 / (1 + Math.exp(-z));
      const e = (p - y[i]) * (y[i] ? wPos : wNeg);
      for (let c = 0; c < d; c++) g[c] += e * X[i * d + c];
      gb += e;
    }
    for (let c = 0; c < d; c++) w[c] -= lr * (g[c] / n + l2 * w[c]);
    b -= (lr * gb) / n;
  }
  return (Q: Float64Array) => {
    const m = Q.length / d;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let z = b;
      for (let c = 0; c < d; c++) z += w[c] * Q[i * d + c];
      out[i] = z;
    }
    return out;
  };
}

/** Mean of an array. */
export function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/** Rows of `train` of one class, row-major. */
export function classRows(train: Dataset, label: 0 | 1): Float64Array {
  const idx = indicesOfClass(train, label);
  const out = new Float64Array(idx.length * train.nCols);
  idx.forEach((i, k) => {
    out.set(train.X.subarray(i * train.nCols, (i + 1) * train.nCols), k * train.nCols);
  });
  return out;
}

/** The evidence setting: training rows and two judges of "resembles the high-risk class". */
export interface EvidenceSetting {
  /** The bench's M7/M9 training part: month 7 minus a stratified 20 % validation part. */
  readonly train: Dataset;
  /** Share of rows a class-balanced logistic model fitted on month 6 (held out) calls high-risk. */
  readonly highShare: (X: Float64Array) => number;
  /** `highShare` of the real high-risk training rows. */
  readonly realHigh: number;
  /** `highShare` of the real low-risk training rows. */
  readonly realLow: number;
}

/**
 * Builds the evidence setting on the embedded synthetic credit data (seed 0): ~12,400
 * training users of month 7, ~270 of them high-risk, as the bench's M7/M9 split.
 */
export async function evidenceSetting(): Promise<EvidenceSetting> {
  await initBackend({ backend: 'wasm' });
  const m7 = syntheticCredit({ months: [7], seed: 0 });
  const m6 = syntheticCredit({ months: [6], seed: 0 });
  const all = Uint32Array.from({ length: m7.nRows }, (_, i) => i);
  const fit = validationSplit(m7, all, { fraction: 0.2, seed: 0 }).train;
  const pre = fitPreprocessor(m7, fit);
  const train = pre.transform(m7, fit);
  const score = fitBalancedLogistic(pre.transform(m6));
  const highShare = (X: Float64Array) => {
    const s = score(X);
    return s.reduce((t, v) => t + (v > 0 ? 1 : 0), 0) / s.length;
  };
  return {
    train,
    highShare,
    realHigh: highShare(classRows(train, 1)),
    realLow: highShare(classRows(train, 0)),
  };
}

/** The two judges' verdicts on some rows. */
export interface Resemblance {
  readonly highShare: number;
  readonly nearest: BalancedNearestShare;
}

/** Judges rows (e.g. synthetic high-risk rows) in an evidence setting. */
export function judge(rows: Float64Array, e: EvidenceSetting): Resemblance {
  return { highShare: e.highShare(rows), nearest: balancedNearestShare(rows, e.train) };
}

/**
 * Asserts that rows resemble the high-risk class more than the low-risk class, by both
 * judges: the held-out model calls them high-risk closer to as often as it does real
 * high-risk rows than real low-risk rows; and with as many real high-risk as low-risk rows to
 * choose from, their nearest real row is high-risk more often than for real low-risk rows.
 */
export function expectHighRiskLike(r: Resemblance, e: EvidenceSetting): void {
  expect(Math.abs(r.highShare - e.realHigh)).toBeLessThan(Math.abs(r.highShare - e.realLow));
  expect(r.nearest.synthetic).toBeGreaterThan(r.nearest.realLowRisk);
}
