/*
 * Speed of the metrics on 1M scores (the target: well under a second for everything).
 * Run: pnpm --filter @adaar/metrics bench   (vitest bench; not part of the test suite)
 */
import { Rng } from '@adaar/data';
import { bench, describe } from 'vitest';
import { auc, evaluateScores, ksDecileTable, recallAtPrecision } from '../src/index';

function makeData(n: number, decimals: number | null): { y: Uint8Array; s: Float64Array } {
  const rng = new Rng(2024);
  const y = new Uint8Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.float() < 0.02 ? 1 : 0;
    const p = 1 / (1 + Math.exp(-(rng.normal() + 1.2 * y[i] - 3)));
    s[i] = decimals === null ? p : Math.round(p * 10 ** decimals) / 10 ** decimals;
  }
  return { y, s };
}

const N = 1_000_000;
const continuous = makeData(N, null);
const rounded = makeData(N, 3);
const opts = { time: 3000, iterations: 5, warmupIterations: 1 };

describe('1M scores, 2 % positives, continuous (no ties)', () => {
  bench('auc', () => void auc(continuous.y, continuous.s), opts);
  bench('recallAtPrecision(0.1)', () => void recallAtPrecision(continuous.y, continuous.s), opts);
  bench(
    'evaluateScores (AUC, Gini, AP, KS, Brier, R@P x2)',
    () => {
      evaluateScores(continuous.y, continuous.s);
    },
    opts,
  );
  bench('ksDecileTable', () => void ksDecileTable(continuous.y, continuous.s), opts);
});

describe('1M scores, rounded to 3 decimals (heavy ties)', () => {
  bench('evaluateScores', () => void evaluateScores(rounded.y, rounded.s), opts);
});

describe('small inputs (bootstrap-sized)', () => {
  const small = makeData(2000, null);
  bench('auc, n = 2000', () => void auc(small.y, small.s), opts);
});
