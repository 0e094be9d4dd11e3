import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { labelDistribution, sampleLabels } from './labelSampling';

describe('BAGAN label sampling', () => {
  it('uniform: 1/C for each class, whatever the shares', () => {
    expect(Array.from(labelDistribution('uniform', [0.97, 0.03]))).toEqual([0.5, 0.5]);
  });

  it('rebalance swaps the shares for two classes: p = (0.03, 0.97) for shares (0.97, 0.03)', () => {
    const p = labelDistribution('rebalance', [0.97, 0.03]);
    expect(p[0]).toBeCloseTo(0.03, 12);
    expect(p[1]).toBeCloseTo(0.97, 12);
  });

  it('rebalance clamps negative weights at 0 and renormalises (3 classes)', () => {
    // 2/C = 2/3: raw weights (2/3-0.8, 2/3-0.15, 2/3-0.05) -> (0, 0.5167, 0.6167)
    const p = labelDistribution('rebalance', [0.8, 0.15, 0.05]);
    expect(p[0]).toBe(0);
    expect(p[1]).toBeCloseTo((2 / 3 - 0.15) / (4 / 3 - 0.2), 12);
    expect(p[2]).toBeCloseTo((2 / 3 - 0.05) / (4 / 3 - 0.2), 12);
  });

  it('sampled label frequencies match the probabilities', () => {
    const n = 50_000;
    const labels = sampleLabels([0.2, 0.8], n, new Rng(3));
    let ones = 0;
    for (const l of labels) ones += l;
    expect(ones / n).toBeGreaterThan(0.79);
    expect(ones / n).toBeLessThan(0.81);
    const three = sampleLabels([0.5, 0, 0.5], 10_000, new Rng(4));
    expect(three.includes(1)).toBe(false);
  });
});
