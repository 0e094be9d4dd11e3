import { describe, expect, it } from 'vitest';
import { bruteRecallAtPrecision, randomCase } from './__fixtures__/bruteForce';
import { recallAtPrecision } from './recallAtPrecision';

describe('recallAtPrecision', () => {
  it('hand-worked: the lowest threshold still meeting the floor', () => {
    // Descending: 0.9 (+) P=1 R=1/2; 0.8 (-) P=1/2; 0.3 (+) P=2/3 R=1; 0.2 (-) P=1/2 R=1.
    const y = [1, 0, 1, 0];
    const s = [0.9, 0.8, 0.3, 0.2];
    expect(recallAtPrecision(y, s, 0.6)).toBe(1);
    expect(recallAtPrecision(y, s, 0.7)).toBe(0.5);
    expect(recallAtPrecision(y, s, 1)).toBe(0.5);
    expect(recallAtPrecision(y, s)).toBe(1);
  });
  it('lets tied scores enter together', () => {
    // The tie at 0.5 holds 1 positive and 3 negatives: taking only part of it is not allowed.
    const y = [1, 1, 0, 0, 0, 0];
    const s = [0.9, 0.5, 0.5, 0.5, 0.5, 0.1];
    // threshold 0.9: P=1, R=1/2; threshold 0.5: P=2/5, R=1.
    expect(recallAtPrecision(y, s, 0.5)).toBe(0.5);
    expect(recallAtPrecision(y, s, 0.4)).toBe(1);
  });
  it('is 0 when no threshold reaches the floor', () => {
    expect(recallAtPrecision([0, 0, 0, 0, 1], [0.9, 0.8, 0.7, 0.6, 0.1], 0.3)).toBe(0);
  });
  it('uses >=: a precision of exactly 1/10 qualifies', () => {
    // Top 10 rows: 1 positive (P = 1/10, R = 1/2); the other positive comes after 20 more
    // negatives, where precision is 1/30 and then 2/31.
    const y = [1, ...Array(29).fill(0), 1];
    const s = [...Array(10).fill(0.9), ...Array(20).fill(0.5), 0.1];
    expect(recallAtPrecision(y, s, 0.1)).toBe(0.5);
  });
  it('equals the brute-force definition on random tied data', () => {
    for (const [seed, n, rate, dec] of [
      [31, 400, 0.03, 1],
      [32, 900, 0.02, 2],
      [33, 300, 0.2, 0],
    ]) {
      const { y, s } = randomCase(seed, n, rate, dec);
      for (const p of [0.05, 0.1, 0.25, 0.5, 1]) {
        expect(recallAtPrecision(y, s, p)).toBe(bruteRecallAtPrecision(y, s, p));
      }
    }
  });
});
