import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from './stratifiedKFold';

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

describe('stratifiedKFold', () => {
  it('every row is tested exactly once; per-fold class counts differ by at most one', () => {
    const folds = stratifiedKFold(data, { k: 3, seed: 2 });
    expect(folds).toHaveLength(3);
    const seen = new Uint8Array(1000);
    for (const f of folds) {
      for (const i of f.test) seen[i]++;
      expect(f.train.length + f.test.length).toBe(1000);
      expect(isAscendingUnique(f.train) && isAscendingUnique(f.test)).toBe(true);
      const inTest = new Set(f.test);
      expect(f.train.some((i) => inTest.has(i))).toBe(false);
    }
    expect(seen.every((v) => v === 1)).toBe(true);
    // 50 positives over 3 folds: 17/17/16; 950 negatives: 317/317/316.
    const pos = folds.map((f) => count(f.test).pos).sort();
    const neg = folds.map((f) => count(f.test).neg).sort();
    expect(pos).toEqual([16, 17, 17]);
    expect(neg).toEqual([316, 317, 317]);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('names bad k', () => {
    expect(() => stratifiedKFold(data, { k: 1 })).toThrow(/k: /);
    expect(() => stratifiedKFold(data, { k: 51 })).toThrow(/k: .*50 high-risk/);
  });
});
