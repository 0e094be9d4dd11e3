import { describe, expect, it } from 'vitest';
import { bruteAuc, randomCase } from './__fixtures__/bruteForce';
import { auc } from './auc';
import { gini } from './gini';

describe('auc', () => {
  it('hand-worked: sklearn doc example is 0.75', () => {
    // Pairs (pos, neg): (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, 0.1) win, (0.8, 0.4) win.
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });
  it('hand-worked: a cross-class tie counts one half', () => {
    // (0.8 > 0.5), (0.8 > 0.2), (0.5 = 0.5) -> 1/2, (0.5 > 0.2): 3.5 / 4.
    expect(auc([1, 1, 0, 0], [0.8, 0.5, 0.5, 0.2])).toBe(0.875);
    expect(auc([1, 0], [0.3, 0.3])).toBe(0.5);
  });
  it('equals the O(n^2) pair count on random tied data', () => {
    for (const [seed, n, rate, dec] of [
      [11, 300, 0.1, 1],
      [12, 800, 0.03, 2],
      [13, 1500, 0.4, 0],
      [14, 600, 0.5, 6],
    ]) {
      const { y, s } = randomCase(seed, n, rate, dec);
      expect(Math.abs(auc(y, s) - bruteAuc(y, s))).toBeLessThan(1e-12);
    }
  });
  it('is invariant to monotone transforms and flips under negation', () => {
    const { y, s } = randomCase(21, 700, 0.05, 1);
    const a = auc(y, s);
    expect(
      auc(
        y,
        s.map((v) => Math.exp(3 * v) - 7),
      ),
    ).toBe(a);
    expect(
      Math.abs(
        auc(
          y,
          s.map((v) => -v),
        ) -
          (1 - a),
      ),
    ).toBeLessThan(1e-15);
  });
  it('is exactly 1/2 for constant scores at large n (integer arithmetic)', () => {
    const n = 200_000;
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i += 7) y[i] = 1;
    expect(auc(y, new Float64Array(n).fill(0.3))).toBe(0.5);
  });
  it('treats -0 and 0 as one tied score', () => {
    expect(auc([1, 0], [-0, 0])).toBe(0.5);
  });
  it('accepts a declared label coding', () => {
    expect(auc([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], { positive: 2, negative: 1 })).toBe(0.75);
    expect(
      auc(
        ['n', 'n', 'p', 'p'].map((c) => (c === 'p' ? 7 : -1)),
        [0.1, 0.4, 0.35, 0.8],
        {
          positive: 7,
          negative: -1,
        },
      ),
    ).toBe(0.75);
  });
});

describe('gini', () => {
  it('is 2 AUC - 1', () => {
    expect(gini([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.5);
    expect(gini([1, 1, 0, 0], [0.8, 0.5, 0.5, 0.2])).toBe(0.75);
    expect(gini([1, 0], [0, 1])).toBe(-1);
  });
});
