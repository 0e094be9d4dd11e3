import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { balancedBatchIndices, batchIndices, gatherRows } from './batches';

describe('batchIndices', () => {
  it('covers a seeded permutation exactly once, optionally dropping the last partial batch', () => {
    const b = batchIndices(10, 4, new Rng(1));
    expect(b.map((x) => x.length)).toEqual([4, 4, 2]);
    const all = b.flatMap((x) => Array.from(x)).sort((p, q) => p - q);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batchIndices(10, 4, new Rng(1))).toEqual(b);
    expect(batchIndices(10, 4, new Rng(2))).not.toEqual(b);
    expect(batchIndices(10, 4, new Rng(1), { dropLast: true }).map((x) => x.length)).toEqual([
      4, 4,
    ]);
    expect(batchIndices(3, 4, new Rng(1), { dropLast: true })).toEqual([]);
    expect(Array.from(batchIndices(5, 2, new Rng(1), { shuffle: false })[1])).toEqual([2, 3]);
    expect(() => batchIndices(5, 0, new Rng(1))).toThrow(/batchSize/);
  });
});

describe('balancedBatchIndices', () => {
  it('gives half positives per batch and cycles through the minority before repeating', () => {
    const y = [1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0];
    const batches = balancedBatchIndices(y, 6, 4, new Rng(3));
    expect(batches).toHaveLength(4);
    const posSeen: number[] = [];
    for (const b of batches) {
      const labels = Array.from(b, (i) => y[i]);
      expect(labels.filter((v) => v === 1)).toHaveLength(3);
      expect(labels.filter((v) => v === 0)).toHaveLength(3);
      posSeen.push(...Array.from(b.subarray(0, 3)));
    }
    // every pass of 3 positives is a permutation of {0, 4, 9}
    for (let p = 0; p < posSeen.length; p += 3) {
      expect(posSeen.slice(p, p + 3).sort((a, b) => a - b)).toEqual([0, 4, 9]);
    }
    expect(() => balancedBatchIndices([0, 0], 4, 1, new Rng(1))).toThrow(/both classes/);
  });
});

describe('gatherRows', () => {
  it('copies the selected rows to float32', () => {
    const X = Float64Array.from([0, 1, 10, 11, 20, 21]);
    expect(Array.from(gatherRows(X, 2, [2, 0]))).toEqual([20, 21, 0, 1]);
  });
});
