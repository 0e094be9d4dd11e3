import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { stratifiedSplit } from './stratifiedSplit';

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

describe('stratifiedSplit', () => {
  it('keeps class counts exact (round(0.25 x 50) = 13 positives, 238 negatives) and partitions the rows', () => {
    const { train, test } = stratifiedSplit(data, { testSize: 0.25, seed: 1 });
    expect(count(test)).toEqual({ pos: 13, neg: 238 });
    expect(count(train)).toEqual({ pos: 37, neg: 712 });
    expect(isAscendingUnique(train) && isAscendingUnique(test)).toBe(true);
    expect(new Set([...train, ...test]).size).toBe(1000);
  });

  it('is deterministic by seed and varies with it', () => {
    expect(stratifiedSplit(data, { seed: 3 })).toEqual(stratifiedSplit(data, { seed: 3 }));
    expect(stratifiedSplit(data, { seed: 3 }).test).not.toEqual(
      stratifiedSplit(data, { seed: 4 }).test,
    );
    expect(stratifiedSplit(data, { seed: new Rng(3) })).toEqual(stratifiedSplit(data, { seed: 3 }));
  });

  it('puts each row in test with probability testSize (over seeds)', () => {
    const hits = new Float64Array(1000);
    for (let s = 0; s < 200; s++)
      for (const i of stratifiedSplit(data, { seed: s, testSize: 0.3 }).test) hits[i]++;
    // Each row: Binomial(200, 0.3) -> mean 60, sd 6.5. Check the overall spread.
    let min = Infinity;
    let max = -Infinity;
    for (const h of hits) {
      min = Math.min(min, h);
      max = Math.max(max, h);
    }
    expect(min).toBeGreaterThan(30);
    expect(max).toBeLessThan(90);
  });

  it('restricts to given rows and names bad arguments', () => {
    const { train, test } = stratifiedSplit(data, { rows: [0, 1, 2, 20, 21, 22], testSize: 0.5 });
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([0, 1, 2, 20, 21, 22]);
    expect(count(test)).toEqual({ pos: 1, neg: 2 });
    expect(() => stratifiedSplit(data, { testSize: 1 })).toThrow(/testSize: /);
    expect(() => stratifiedSplit(data, { rows: [1, 2] })).toThrow(/data: needs both classes/);
    expect(() => stratifiedSplit(data, { rows: [1, 2000] })).toThrow(/rows: /);
  });
});
