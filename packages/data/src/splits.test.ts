import { describe, expect, it } from 'vitest';
import { outOfTimeSplit } from './outOfTimeSplit';
import { Rng } from './rng';
import { stratifiedKFold } from './stratifiedKFold';
import { stratifiedSplit } from './stratifiedSplit';
import { subsamplePositives } from './subsamplePositives';
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

describe('outOfTimeSplit', () => {
  it('takes train periods and a later test period, other rows in neither', () => {
    const { train, test } = outOfTimeSplit(data, { train: [1, 2], test: 4 });
    expect(train.length).toBe(400);
    expect(test.length).toBe(200);
    expect(train.every((i) => period[i] <= 2)).toBe(true);
    expect(test.every((i) => period[i] === 4)).toBe(true);
  });

  it('gives clear errors', () => {
    expect(() => outOfTimeSplit({ y }, { train: 1, test: 2 })).toThrow(/data: has no period/);
    expect(() => outOfTimeSplit(data, { train: 1, test: 9 })).toThrow(
      /test: period 9 does not occur.*1, 2, 3, 4, 5/,
    );
    expect(() => outOfTimeSplit(data, { train: 0, test: 2 })).toThrow(
      /train: period 0 does not occur/,
    );
    expect(() => outOfTimeSplit(data, { train: 3, test: 2 })).toThrow(
      /test: period 2 is not after/,
    );
    expect(() => outOfTimeSplit(data, { train: [], test: 2 })).toThrow(/train: /);
  });
});

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
