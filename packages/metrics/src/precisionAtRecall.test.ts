import { describe, expect, it } from 'vitest';
import { brutePrecisionAtRecall, randomCase } from './__fixtures__/bruteForce';
import { precisionAtRecall } from './precisionAtRecall';

describe('precisionAtRecall', () => {
  it('hand-worked: best precision among thresholds with enough recall', () => {
    // Points (R, P): (1/2, 1), (1/2, 1/2), (1, 2/3), (1, 1/2).
    const y = [1, 0, 1, 0];
    const s = [0.9, 0.8, 0.3, 0.2];
    expect(precisionAtRecall(y, s, 0.5)).toBe(1);
    expect(precisionAtRecall(y, s, 1)).toBe(2 / 3);
    expect(precisionAtRecall(y, s)).toBe(1);
  });
  it('is the positive rate when every score is tied', () => {
    expect(precisionAtRecall([1, 0, 0, 0], [0.5, 0.5, 0.5, 0.5], 0.3)).toBe(0.25);
  });
  it('equals the brute-force definition on random tied data', () => {
    for (const [seed, n, rate, dec] of [
      [41, 500, 0.05, 1],
      [42, 700, 0.3, 2],
    ]) {
      const { y, s } = randomCase(seed, n, rate, dec);
      for (const r of [0.01, 0.2, 0.5, 0.8, 1]) {
        expect(precisionAtRecall(y, s, r)).toBe(brutePrecisionAtRecall(y, s, r));
      }
    }
  });
});
