import { describe, expect, it } from 'vitest';
import { bruteAveragePrecision, randomCase } from './__fixtures__/bruteForce';
import { averagePrecision } from './averagePrecision';

describe('averagePrecision', () => {
  it('hand-worked: sklearn doc example is (1/2)(1) + (1/2)(2/3) = 5/6', () => {
    expect(Math.abs(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) - 5 / 6)).toBeLessThan(
      1e-15,
    );
  });
  it('takes a tie as one step (no interpolation inside it)', () => {
    // 0.9 (+): R 1/3 P 1; tie at 0.5 with 1 pos, 1 neg: R 2/3 P 2/3; 0.1 (+): R 1 P 3/4.
    const ap = averagePrecision([1, 1, 0, 1], [0.9, 0.5, 0.5, 0.1]);
    expect(Math.abs(ap - (1 / 3 + (1 / 3) * (2 / 3) + (1 / 3) * 0.75))).toBeLessThan(1e-15);
  });
  it('is the positive rate when all scores tie, 1 under perfect ranking', () => {
    expect(averagePrecision([1, 0, 0, 0, 0], [2, 2, 2, 2, 2])).toBeCloseTo(0.2, 15);
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2])).toBe(1);
  });
  it('equals the brute-force definition on random tied data', () => {
    for (const [seed, n, rate, dec] of [
      [51, 400, 0.03, 1],
      [52, 900, 0.15, 2],
    ]) {
      const { y, s } = randomCase(seed, n, rate, dec);
      expect(Math.abs(averagePrecision(y, s) - bruteAveragePrecision(y, s))).toBeLessThan(1e-12);
    }
  });
});
