import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn } from './frame';
import { frameColumn, takeFrameRows } from './frame';
import { frameFromColumns } from './frameFromColumns';

const frame = frameFromColumns(
  { x: [1, 2, 3, 4], c: ['a', 'b', 'a', ''], y: [0, 1, 0, 1], p: [1, 1, 2, 2] },
  { label: 'y', period: 'p' },
);

describe('frameColumn / takeFrameRows', () => {
  it('finds columns by name and names the argument when absent', () => {
    expect(frameColumn(frame, 'x').kind).toBe('numeric');
    expect(() => frameColumn(frame, 'nope')).toThrow(/name: unknown column "nope"/);
  });

  it('takes rows in order with repeats, labels and periods included', () => {
    const t = takeFrameRows(frame, [3, 0, 3]);
    expect(t.nRows).toBe(3);
    expect(Array.from((t.columns[0] as NumericColumn).values)).toEqual([4, 1, 4]);
    expect(Array.from((t.columns[1] as CategoricalColumn).codes)).toEqual([-1, 0, -1]);
    expect(Array.from(t.y)).toEqual([1, 0, 1]);
    expect(Array.from(t.period ?? [])).toEqual([2, 1, 2]);
    expect(() => takeFrameRows(frame, [4])).toThrow(/indices: /);
  });
});
