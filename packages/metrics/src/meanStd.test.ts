import { describe, expect, it } from 'vitest';
import ref from './__fixtures__/sklearn_extra.json';
import { meanStd } from './meanStd';

describe('meanStd', () => {
  it('hand-worked: (2, 4, 4, 4, 5, 5, 7, 9) has mean 5 and sample std sqrt(32/7)', () => {
    const r = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.std).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(r.n).toBe(8);
  });
  it('matches numpy mean and std(ddof=1), also far from zero', () => {
    for (const c of ref.mean_std) {
      const r = meanStd(c.values);
      expect(Math.abs(r.mean - c.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(c.mean));
      expect(Math.abs(r.std - c.std)).toBeLessThanOrEqual(1e-9 * c.std);
    }
  });
  it('gives std 0 for constant values and NaN for a single value', () => {
    expect(meanStd([0.1, 0.1, 0.1]).std).toBe(0);
    const one = meanStd(Float64Array.of(0.87));
    expect(one.mean).toBe(0.87);
    expect(one.std).toBeNaN();
  });
  it('throws on empty or non-finite values, naming them', () => {
    expect(() => meanStd([])).toThrow(/^values: is empty/);
    expect(() => meanStd([1, Number.NaN])).toThrow(/^values: .*NaN at index 1/);
  });
});
