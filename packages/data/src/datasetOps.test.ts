import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset';
import {
  concatDatasets,
  countClasses,
  getRow,
  indicesOfClass,
  takeRows,
  withRows,
} from './datasetOps';

const ds = createDataset([1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 1, 0], 2, {
  featureNames: ['a', 'b'],
  period: [1, 1, 2, 2],
});

describe('dataset helpers', () => {
  it('counts classes and finds class indices', () => {
    expect(countClasses(ds)).toEqual({ positive: 2, negative: 2, positiveRate: 0.5 });
    expect(Array.from(indicesOfClass(ds, 1))).toEqual([1, 2]);
    expect(Array.from(indicesOfClass(ds, 0))).toEqual([0, 3]);
  });

  it('getRow copies or views', () => {
    const r = getRow(ds, 2);
    expect(Array.from(r)).toEqual([5, 6]);
    r[0] = 99;
    expect(ds.X[4]).toBe(5);
    const v = getRow(ds, 2, true);
    expect(v.buffer).toBe(ds.X.buffer);
  });

  it('takeRows keeps order and repeats, with periods; rejects bad indices', () => {
    const t = takeRows(ds, [3, 1, 3]);
    expect(Array.from(t.X)).toEqual([7, 8, 3, 4, 7, 8]);
    expect(Array.from(t.y)).toEqual([0, 1, 0]);
    expect(Array.from(t.period ?? [])).toEqual([2, 1, 2]);
    expect(() => takeRows(ds, [4])).toThrow(/indices: /);
  });

  it('concatDatasets stacks rows; periods only when all parts have them', () => {
    const other = createDataset([9, 10], [1], 2, { featureNames: ['a', 'b'] });
    const c = concatDatasets([ds, other]);
    expect(c.nRows).toBe(5);
    expect(Array.from(c.X.subarray(8))).toEqual([9, 10]);
    expect(Array.from(c.y)).toEqual([0, 1, 1, 0, 1]);
    expect(c.period).toBeUndefined();
    expect(concatDatasets([ds, ds]).period?.length).toBe(8);
    expect(() => concatDatasets([])).toThrow(/parts: /);
    expect(() => concatDatasets([ds, createDataset([1], [1], 1)])).toThrow(/parts: /);
    expect(() =>
      concatDatasets([ds, createDataset([1, 2], [1], 2, { featureNames: ['a', 'c'] })]),
    ).toThrow(/parts: /);
  });

  it('withRows wraps rows with a label and the template columns', () => {
    const w = withRows(ds, new Float64Array([0, 0, 1, 1, 2, 2]), 1);
    expect(w.nRows).toBe(3);
    expect(Array.from(w.y)).toEqual([1, 1, 1]);
    expect(w.featureNames).toEqual(['a', 'b']);
    expect(w.period).toBeUndefined();
    expect(() => withRows(ds, new Float64Array(3), 0)).toThrow(/X: /);
  });
});
