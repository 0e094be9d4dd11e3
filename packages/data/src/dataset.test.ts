import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset';
import { AdaarInputError } from './errors';

describe('createDataset', () => {
  it('accepts a flat matrix with nCols, rows of arrays, and options', () => {
    const a = createDataset([1, 2, 3, 4, 5, 6], [0, 1, 0], 2);
    expect(a.nRows).toBe(3);
    expect(a.nCols).toBe(2);
    expect(Array.from(a.X)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.featureNames).toEqual(['x0', 'x1']);
    const b = createDataset(
      [
        [1, 2],
        [3, 4],
      ],
      [true, false],
      { featureNames: ['a', 'b'], period: [7, 9] },
    );
    expect(Array.from(b.y)).toEqual([1, 0]);
    expect(Array.from(b.period ?? [])).toEqual([7, 9]);
    expect(b.featureNames).toEqual(['a', 'b']);
    const c = createDataset(new Float64Array([1, 2, 3]), [0, 1, 1]);
    expect(c.nCols).toBe(1);
  });

  it('rejects bad shapes, labels and values, naming the argument', () => {
    const arg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AdaarInputError);
        return (e as AdaarInputError).argument;
      }
      return 'no error';
    };
    expect(arg(() => createDataset([1, 2, 3], [0, 1], 2))).toBe('X');
    expect(arg(() => createDataset([[1, 2], [3]], [0, 1]))).toBe('X');
    expect(arg(() => createDataset([1, 2], [0, 2], 1))).toBe('y');
    expect(arg(() => createDataset([1, Number.NaN], [0, 1], 1))).toBe('X');
    expect(
      arg(() => createDataset([1, Number.POSITIVE_INFINITY], [0, 1], 1, { allowMissing: true })),
    ).toBe('X');
    expect(createDataset([1, Number.NaN], [0, 1], 1, { allowMissing: true }).nRows).toBe(2);
    expect(arg(() => createDataset([1, 2], [0, 1], 1, { featureNames: ['a', 'b'] }))).toBe(
      'featureNames',
    );
    expect(arg(() => createDataset([1, 2], [0, 1], 1, { period: [1] }))).toBe('period');
    expect(arg(() => createDataset([1, 2], [0, 1], 1, { columns: [] }))).toBe('columns');
  });
});
