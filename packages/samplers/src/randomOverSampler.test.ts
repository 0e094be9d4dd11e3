import { createDataset } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { RandomOverSampler } from './randomOverSampler';
import { runSamplerConformance } from './testing';

runSamplerConformance('ros', () => new RandomOverSampler());

describe('RandomOverSampler', () => {
  it('returns copies of high-risk rows, each drawn about equally often', () => {
    const X = [
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 40],
      [0, 0],
      [-1, -1],
    ];
    const train = createDataset(X, [1, 1, 1, 1, 0, 0]);
    const rows = new RandomOverSampler().fit(train, { seed: 2 }).sample(4000);
    const counts = [0, 0, 0, 0];
    for (let s = 0; s < 4000; s++) {
      const a = rows[2 * s];
      expect(rows[2 * s + 1]).toBe(a * 10);
      expect([1, 2, 3, 4]).toContain(a);
      counts[a - 1]++;
    }
    // chi-square with 3 degrees of freedom: 16.27 is the 0.1 % critical value
    const chi2 = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(16.27);
  });

  it('writes into a caller-provided buffer', () => {
    const train = createDataset([[1], [2], [0]], [1, 1, 0]);
    const out = new Float64Array(10).fill(-1);
    const rows = new RandomOverSampler().fit(train).sample(3, { out });
    expect(rows.buffer).toBe(out.buffer);
    expect(rows.length).toBe(3);
    expect(Array.from(out.subarray(3))).toEqual(new Array(7).fill(-1));
    expect(() =>
      new RandomOverSampler().fit(train).sample(3, { out: new Float64Array(2) }),
    ).toThrow(/^out: /);
  });
});
