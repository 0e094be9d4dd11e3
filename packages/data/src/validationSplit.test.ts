import { describe, expect, it } from 'vitest';
import { outOfTimeSplit } from './outOfTimeSplit';
import { validationSplit } from './validationSplit';

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

describe('validationSplit', () => {
  it('carves a stratified part out of the training rows only', () => {
    const { train: tr } = outOfTimeSplit(data, { train: [1, 2, 3], test: 5 });
    const { train, validation } = validationSplit(data, tr, { fraction: 0.2, seed: 7 });
    expect([...train, ...validation].sort((a, b) => a - b)).toEqual([...tr]);
    expect(new Set([...train, ...validation]).size).toBe(tr.length);
    // 30 positives and 570 negatives in periods 1-3 -> 6 and 114 in validation.
    expect(count(validation)).toEqual({ pos: 6, neg: 114 });
    expect(validationSplit(data, tr, { seed: 7 })).toEqual(validationSplit(data, tr, { seed: 7 }));
  });

  it('names bad arguments', () => {
    expect(() => validationSplit(data, [0, 1, 2], { fraction: 0 })).toThrow(/fraction: /);
    expect(() => validationSplit(data, [0, 1, 2, 3])).toThrow(/trainRows: has 1 high-risk/);
    expect(() => validationSplit(data, [0, 5000])).toThrow(/trainRows: /);
  });
});
