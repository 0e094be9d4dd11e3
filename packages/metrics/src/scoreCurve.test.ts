import { describe, expect, it } from 'vitest';
import { brutePoints, randomCase } from './__fixtures__/bruteForce';
import { scoreCurve } from './scoreCurve';

describe('scoreCurve', () => {
  it('hand-worked: one point per distinct score, ties together', () => {
    const c = scoreCurve([1, 0, 1, 0, 0], [0.9, 0.5, 0.5, 0.5, 0.1]);
    expect(Array.from(c.thresholds)).toEqual([0.9, 0.5, 0.1]);
    expect(Array.from(c.tp)).toEqual([1, 2, 2]);
    expect(Array.from(c.fp)).toEqual([0, 2, 3]);
    expect([c.nPositive, c.nNegative]).toEqual([2, 3]);
  });
  it('allows a single class', () => {
    const c = scoreCurve([0, 0], [0.2, 0.1]);
    expect(Array.from(c.fp)).toEqual([1, 2]);
    expect(c.nPositive).toBe(0);
  });
  it('equals brute-force counting on random tied data', () => {
    const { y, s } = randomCase(101, 700, 0.1, 1);
    const c = scoreCurve(y, s);
    const b = brutePoints(y, s);
    expect(Array.from(c.thresholds)).toEqual(b.map((p) => p.t));
    expect(Array.from(c.tp)).toEqual(b.map((p) => p.tp));
    expect(Array.from(c.fp)).toEqual(b.map((p) => p.fp));
  });
});
