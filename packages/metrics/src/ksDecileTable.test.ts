import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { randomCase } from './__fixtures__/bruteForce';
import { ks } from './ks';
import { ksDecileTable } from './ksDecileTable';

describe('ksDecileTable', () => {
  it('hand-worked: 20 distinct scores in 4 bands of 5', () => {
    // Scores 20..1 (descending), positives at 20, 19, 16, 12, 3 (P = 5, N = 15).
    const s = Array.from({ length: 20 }, (_, i) => 20 - i);
    const pos = new Set([20, 19, 16, 12, 3]);
    const y = s.map((v) => (pos.has(v) ? 1 : 0));
    const t = ksDecileTable(y, s, { bins: 4 });
    expect(t.map((r) => [r.band, r.maxScore, r.minScore, r.count, r.positives])).toEqual([
      [1, 20, 16, 5, 3],
      [2, 15, 11, 5, 1],
      [3, 10, 6, 5, 0],
      [4, 5, 1, 5, 1],
    ]);
    // Band 1: cum TPR 3/5, cum FPR 2/15 -> KS 7/15; lift = (3/5) / (5/20) = 2.4.
    expect(t[0].cumulativePositiveShare).toBe(0.6);
    expect(t[0].cumulativeNegativeShare).toBeCloseTo(2 / 15, 15);
    expect(t[0].ks).toBeCloseTo(7 / 15, 15);
    expect(t[0].lift).toBeCloseTo(2.4, 14);
    expect(t[1].ks).toBeCloseTo(4 / 5 - 6 / 15, 15);
    expect(t[3].cumulativePositiveShare).toBe(1);
    expect(t[3].cumulativeNegativeShare).toBe(1);
    expect(t[3].ks).toBe(0);
  });
  it('never splits a tie: a tie spanning cuts makes one band and fewer rows', () => {
    // 10 rows, 5 bins: nominal band of 0-based rank r is floor(r / 2).
    // Ranks 0-1 distinct (band 0); the tie at 0.5 starts at rank 2 (band 1) and covers
    // ranks 2-7, swallowing nominal bands 2 and 3; rank 8 opens band 4, rank 9 joins it.
    const s = [0.9, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.2, 0.1];
    const y = [1, 1, 0, 0, 1, 0, 0, 0, 1, 0];
    const t = ksDecileTable(y, s, { bins: 5 });
    expect(t.map((r) => r.count)).toEqual([2, 6, 2]);
    expect(t.map((r) => r.band)).toEqual([1, 2, 3]);
    expect([t[1].maxScore, t[1].minScore, t[1].positives]).toEqual([0.5, 0.5, 1]);
    // A tie whose first row sits inside a band joins that band: 0.9 at rank 0, tie from rank 1.
    const t2 = ksDecileTable(y, [0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.3, 0.2, 0.1], { bins: 5 });
    expect(t2.map((r) => r.count)).toEqual([7, 1, 2]);
  });
  it('adds up and never exceeds the overall KS, on random data', () => {
    const { y, s } = randomCase(71, 2000, 0.05, 2);
    const t = ksDecileTable(y, s);
    expect(t.length).toBe(10);
    expect(t.reduce((a, r) => a + r.count, 0)).toBe(2000);
    expect(t.reduce((a, r) => a + r.positives, 0)).toBe(y.filter((v) => v === 1).length);
    for (let i = 1; i < t.length; i++) expect(t[i].maxScore).toBeLessThan(t[i - 1].minScore);
    const best = Math.max(...t.map((r) => r.ks));
    expect(best).toBeLessThanOrEqual(ks(y, s).statistic + 1e-15);
    for (const r of t) expect(Math.abs(r.count - 200)).toBeLessThanOrEqual(20);
  });
  it('rejects a bad bin count', () => {
    expect(() => ksDecileTable([0, 1], [0, 1], { bins: 0 })).toThrow(AdaarInputError);
    expect(() => ksDecileTable([0, 1], [0, 1], { bins: 2.5 })).toThrow(/bins/);
  });
});
