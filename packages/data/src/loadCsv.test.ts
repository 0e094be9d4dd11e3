import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn } from './frame';
import { fromCsvText, loadCsv } from './loadCsv';

const dir = mkdtempSync(join(tmpdir(), 'adaar-csv-'));
const text =
  'id,income,region,month,status\n1,1000,N,3,ok\n2,,S,3,bad\n3,NA,"S, east",4,ok\n4,2500.5,N,4,bad\n';

describe('fromCsvText / loadCsv', () => {
  it('parses quoted fields, missing values, label and period (hand-checked)', () => {
    const f = fromCsvText(text, {
      label: 'status',
      positive: 'bad',
      period: 'month',
      drop: ['id'],
    });
    expect(f.nRows).toBe(4);
    expect(Array.from(f.y)).toEqual([0, 1, 0, 1]);
    expect(Array.from(f.period ?? [])).toEqual([3, 3, 4, 4]);
    const income = f.columns[0] as NumericColumn;
    expect(Array.from(income.values)).toEqual([1000, Number.NaN, Number.NaN, 2500.5]);
    const region = f.columns[1] as CategoricalColumn;
    expect(region.levels).toEqual(['N', 'S', 'S, east']);
    expect(Array.from(region.codes)).toEqual([0, 1, 2, 0]);
  });

  it('reads plain and gzip files to the same frame, and other delimiters', async () => {
    writeFileSync(join(dir, 'a.csv'), text);
    writeFileSync(join(dir, 'a.csv.gz'), gzipSync(Buffer.from(text)));
    const opts = { label: 'status', positive: 'bad' } as const;
    const a = await loadCsv(join(dir, 'a.csv'), opts);
    const b = await loadCsv(join(dir, 'a.csv.gz'), opts);
    expect(b).toEqual(a);
    const c = fromCsvText(text.replaceAll(',', ';').replace('"S; east"', '"S, east"'), {
      ...opts,
      delimiter: ';',
    });
    expect(c.columns.map((x) => x.name)).toEqual(a.columns.map((x) => x.name));
  });

  it('strips a byte-order mark', () => {
    const f = fromCsvText('\ufeffy,x\n0,1\n1,2\n', { label: 'y' });
    expect(f.labelName).toBe('y');
  });

  it('names the argument on errors', async () => {
    await expect(loadCsv(join(dir, 'missing.csv'), { label: 'y' })).rejects.toThrow(
      /path: cannot read/,
    );
    expect(() => fromCsvText('', { label: 'y' })).toThrow(/text: /);
    expect(() => fromCsvText(text, { label: 'Status' })).toThrow(/label: unknown column "Status"/);
    writeFileSync(join(dir, 'bad.csv.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(loadCsv(join(dir, 'bad.csv.gz'), { label: 'y' })).rejects.toThrow(/path: .*gzip/);
  });
});
