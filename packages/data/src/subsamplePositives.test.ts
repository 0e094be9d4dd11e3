import { describe, expect, it } from 'vitest';
import { subsamplePositives } from './subsamplePositives';

/** 1000 rows, 50 positives (rows 0, 20, 40, ...), periods 1..5 in blocks of 200. */
const y = new Uint8Array(1000);
for (let i = 0; i < 1000; i += 20) y[i] = 1;
const period = Float64Array.from({ length: 1000 }, (_, i) => 1 + Math.floor(i / 200));
const data = { y, period };

const count = (idx: ArrayLike<number>) => {
  let p = 0;
  for (let k = 0; k < idx.length; k++) p += y[idx[k]];
  return { pos: p, neg: idx.length - p };
};
const isAscendingUnique = (a: Uint32Array) => a.every((v, i) => i === 0 || v > a[i - 1]);

describe('subsamplePositives', () => {
  it('keeps every negative and round(rate x nNeg / (1 - rate)) positives', () => {
    // 950 negatives at 2 %: round(0.02 * 950 / 0.98) = round(19.39) = 19 positives.
    const kept = subsamplePositives(data, undefined, { rate: 0.02, seed: 1 });
    expect(count(kept)).toEqual({ pos: 19, neg: 950 });
    expect(isAscendingUnique(kept)).toBe(true);
    expect(subsamplePositives(data, undefined, { seed: 1 })).toEqual(kept);
    expect(subsamplePositives(data, undefined, { seed: 2 })).not.toEqual(kept);
  });

  it('returns rows unchanged when already at or below the rate', () => {
    const kept = subsamplePositives(data, [0, 1, 2, 3, 5, 20], { rate: 0.5 });
    expect(Array.from(kept)).toEqual([0, 1, 2, 3, 5, 20]);
  });

  it('chooses positives uniformly (over seeds)', () => {
    const hits = new Float64Array(1000);
    for (let s = 0; s < 300; s++)
      for (const i of subsamplePositives(data, undefined, { seed: s, rate: 0.02 })) hits[i]++;
    // Each positive kept with probability 19/50 -> mean 114, sd 8.4 over 300 seeds.
    for (let i = 0; i < 1000; i += 20) {
      expect(hits[i]).toBeGreaterThan(80);
      expect(hits[i]).toBeLessThan(150);
    }
  });

  it('names bad arguments', () => {
    expect(() => subsamplePositives(data, undefined, { rate: 0 })).toThrow(/rate: /);
    expect(() => subsamplePositives(data, [0, 20])).toThrow(/rows: hold no low-risk/);
  });
});
