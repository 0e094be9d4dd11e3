import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table, toArrowIPC } from 'arquero';
import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn } from './frame';
import { fromArrowBytes, loadArrow } from './loadArrow';

describe('loadArrow / fromArrowBytes', () => {
  const t = table({
    amount: [1.5, null, 3, 4],
    count: new Int32Array([1, 2, 3, 4]),
    grade: ['A', 'B', null, 'A'],
    month: [7, 7, 9, 9],
    target: [0, 1, 0, 1],
  });
  const bytes = toArrowIPC(t) as Uint8Array;

  it('reads typed Arrow columns into a frame (hand-checked)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adaar-arrow-'));
    writeFileSync(join(dir, 't.arrow'), bytes);
    const f = await loadArrow(join(dir, 't.arrow'), { label: 'target', period: 'month' });
    expect(Array.from(f.y)).toEqual([0, 1, 0, 1]);
    expect(Array.from(f.period ?? [])).toEqual([7, 7, 9, 9]);
    expect(Array.from((f.columns[0] as NumericColumn).values)).toEqual([1.5, Number.NaN, 3, 4]);
    expect(Array.from((f.columns[1] as NumericColumn).values)).toEqual([1, 2, 3, 4]);
    const grade = f.columns[2] as CategoricalColumn;
    expect(grade.levels).toEqual(['A', 'B']);
    expect(Array.from(grade.codes)).toEqual([0, 1, -1, 0]);
  });

  it('forces code columns categorical and names bad input', async () => {
    const f = fromArrowBytes(bytes, { label: 'target', categorical: ['count'] });
    expect(f.columns[1].kind).toBe('categorical');
    expect(() => fromArrowBytes(new Uint8Array([1, 2, 3, 4]), { label: 'target' })).toThrow(
      /bytes: /,
    );
    const dir = mkdtempSync(join(tmpdir(), 'adaar-arrow-'));
    writeFileSync(join(dir, 'junk.arrow'), 'not arrow at all');
    await expect(loadArrow(join(dir, 'junk.arrow'), { label: 'target' })).rejects.toThrow(/path: /);
  });
});
