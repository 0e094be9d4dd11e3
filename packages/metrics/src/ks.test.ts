import { describe, expect, it } from 'vitest';
import { bruteKs, randomCase } from './__fixtures__/bruteForce';
import { ks } from './ks';

describe('ks', () => {
  it('hand-worked: the gap and where it occurs', () => {
    // Descending 0.8 (+): TPR 1/2 FPR 0 -> 1/2; 0.4 (-): 1/2 - 1/2 = 0; 0.35 (+): 1 - 1/2.
    // The maximum 1/2 is first reached at 0.8 (highest threshold wins a tie).
    expect(ks([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toEqual({
      statistic: 0.5,
      threshold: 0.8,
      tpr: 0.5,
      fpr: 0,
    });
  });
  it('moves tied rows together', () => {
    // Tie at 0.6 with 2 pos + 1 neg: TPR 2/3, FPR 1/3 -> 1/3; then 0.2 (+): 1 - 1/3 = 2/3.
    const r = ks([1, 1, 0, 1, 0, 0], [0.6, 0.6, 0.6, 0.2, 0.1, 0.1]);
    expect(r.statistic).toBeCloseTo(2 / 3, 15);
    expect(r.threshold).toBe(0.2);
    expect(r.tpr).toBe(1);
    expect(r.fpr).toBeCloseTo(1 / 3, 15);
  });
  it('is 0 with threshold Infinity for an inverted scorer', () => {
    expect(ks([1, 1, 0, 0], [0.1, 0.2, 0.5, 0.6])).toEqual({
      statistic: 0,
      threshold: Number.POSITIVE_INFINITY,
      tpr: 0,
      fpr: 0,
    });
  });
  it('equals the brute-force max(TPR - FPR) and its threshold on random tied data', () => {
    for (const [seed, n, rate, dec] of [
      [61, 500, 0.05, 1],
      [62, 1000, 0.3, 2],
      [63, 300, 0.1, 0],
    ]) {
      const { y, s } = randomCase(seed, n, rate, dec);
      const r = ks(y, s);
      const b = bruteKs(y, s);
      expect(Math.abs(r.statistic - b.ks)).toBeLessThan(1e-12);
      expect(r.threshold).toBe(b.t);
    }
  });
});
