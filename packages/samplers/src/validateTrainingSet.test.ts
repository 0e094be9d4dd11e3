import { createDataset, type Dataset } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { validateTrainingSet } from './validateTrainingSet';

const good = (): Dataset =>
  createDataset(
    [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ],
    [1, 0, 1, 0],
  );

describe('validateTrainingSet', () => {
  it('returns class counts and high-risk indices', () => {
    const s = validateTrainingSet(good());
    expect(s.positive).toBe(2);
    expect(s.negative).toBe(2);
    expect(Array.from(s.positiveIndices)).toEqual([0, 2]);
  });
  it('names each problem', () => {
    const t = good();
    const cases: [Dataset, RegExp][] = [
      [
        { ...t, X: t.X.subarray(1) },
        /^train: X has 7 values, expected nRows \(4\) x nCols \(2\) = 8/,
      ],
      [{ ...t, y: t.y.subarray(1) }, /^train: y has 3 labels for nRows = 4/],
      [
        { ...t, X: Float64Array.from([0, 1, 1, 2, 2, Number.NaN, 3, 4]) },
        /^train: X has NaN at row 2, column 1/,
      ],
      [
        { ...t, X: Float64Array.from([0, 1, 1, 2, 2, 3, Number.POSITIVE_INFINITY, 4]) },
        /^train: X has Infinity at row 3, column 0/,
      ],
      [{ ...t, y: Uint8Array.from([1, 0, 3, 0]) }, /^train: y has label 3 at row 2/],
      [{ ...t, y: new Uint8Array(4) }, /^train: has no high-risk rows/],
      [{ ...t, y: new Uint8Array(4).fill(1) }, /^train: has a single class/],
      [{ ...t, X: Array.from(t.X) as unknown as Float64Array }, /^train: X must be a Float64Array/],
      [
        { ...t, categoricalGroups: [{ name: 'g', columns: [1, 2] }] },
        /^train: categoricalGroups\[0\] \("g"\) names column 2/,
      ],
    ];
    for (const [ds, re] of cases) expect(() => validateTrainingSet(ds)).toThrow(re);
    expect(() => validateTrainingSet(t, { minPositives: 3, reason: 'k + 1' })).toThrow(
      /^train: has 2 high-risk rows, fewer than the 3 needed \(k \+ 1\)/,
    );
  });
});
