import { AdaarInputError, Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { randomCase } from './__fixtures__/bruteForce';
import ref from './__fixtures__/sklearn_extra.json';
import { auc } from './auc';
import { bootstrapCI, quantileSorted } from './bootstrapCI';

const meanOfScores = (_y: Uint8Array, s: Float64Array): number => {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i];
  return t / s.length;
};

describe('bootstrapCI', () => {
  it('interpolates quantiles like numpy.percentile', () => {
    const sorted = Float64Array.from(ref.percentile.values).sort();
    ref.percentile.q.forEach((q, i) => {
      expect(Math.abs(quantileSorted(sorted, q) - ref.percentile.percentile[i])).toBeLessThan(
        1e-15,
      );
    });
  });
  it('is reproducible by seed and changes with it; accepts an Rng', () => {
    const { y, s } = randomCase(81, 300, 0.1, 3);
    const a = bootstrapCI(y, s, auc, { seed: 5, resamples: 200 });
    const b = bootstrapCI(y, s, auc, { seed: 5, resamples: 200 });
    const c = bootstrapCI(y, s, auc, { seed: 6, resamples: 200 });
    const d = bootstrapCI(y, s, auc, { seed: new Rng(5), resamples: 200 });
    expect(Array.from(b.samples)).toEqual(Array.from(a.samples));
    expect(Array.from(d.samples)).toEqual(Array.from(a.samples));
    expect(Array.from(c.samples)).not.toEqual(Array.from(a.samples));
    expect(a.estimate).toBe(auc(y, s));
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
  });
  it('keeps class counts fixed when stratified', () => {
    const { y, s } = randomCase(82, 200, 0.05, 2);
    const nPos = y.filter((v) => v === 1).length;
    const r = bootstrapCI(y, s, (yy) => yy.reduce((t, v) => t + v, 0), { resamples: 50 });
    expect(r.lower).toBe(nPos);
    expect(r.upper).toBe(nPos);
    expect(r.redraws).toBe(0);
  });
  it('gives the textbook interval for a mean: mean -+ 1.96 sd / sqrt(n)', () => {
    const rng = new Rng(83);
    const n = 400;
    const s = Array.from({ length: n }, () => rng.normal());
    const y = s.map((_, i) => (i % 2 === 0 ? 1 : 0));
    const m = s.reduce((t, v) => t + v, 0) / n;
    const sd = Math.sqrt(s.reduce((t, v) => t + (v - m) ** 2, 0) / n);
    const se = sd / Math.sqrt(n);
    const r = bootstrapCI(y, s, meanOfScores, { resamples: 2000, stratified: false, seed: 1 });
    expect(Math.abs(r.standardError / se - 1)).toBeLessThan(0.08);
    expect(Math.abs(r.lower - (m - 1.959964 * se))).toBeLessThan(0.25 * se);
    expect(Math.abs(r.upper - (m + 1.959964 * se))).toBeLessThan(0.25 * se);
  });
  it('gives an AUC standard error close to Hanley-McNeil (1982)', () => {
    const rng = new Rng(84);
    const y: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < 600; i++) {
      const pos = i < 180 ? 1 : 0;
      y.push(pos);
      s.push(rng.normal() + 1.0 * pos);
    }
    const A = auc(y, s);
    const P = 180;
    const N = 420;
    const q1 = A / (2 - A);
    const q2 = (2 * A * A) / (1 + A);
    const hm = Math.sqrt((A * (1 - A) + (P - 1) * (q1 - A * A) + (N - 1) * (q2 - A * A)) / (P * N));
    const r = bootstrapCI(y, s, auc, { resamples: 1000, seed: 2 });
    expect(Math.abs(r.standardError / hm - 1)).toBeLessThan(0.12);
  });
  it('throws naming the argument on bad input', () => {
    const { y, s } = randomCase(85, 50, 0.2, 2);
    expect(() => bootstrapCI(y, s, auc, { resamples: 1 })).toThrow(/^resamples: /);
    expect(() => bootstrapCI(y, s, auc, { level: 1.2 })).toThrow(/^level: /);
    expect(() => bootstrapCI(y, s, 'auc' as never)).toThrow(/^metric: /);
    expect(() => bootstrapCI(y, s, () => Number.NaN, { resamples: 5 })).toThrow(/^metric: /);
    expect(() => bootstrapCI([0, 0, 0], [1, 2, 3], auc)).toThrow(AdaarInputError);
  });
});
