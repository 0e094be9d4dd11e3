import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn } from './frame';
import { fromParquetBytes, loadParquet } from './loadParquet';

describe('loadParquet / fromParquetBytes', () => {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'amount', data: [1.5, null, 3, 4], type: 'DOUBLE' },
      { name: 'count', data: [1n, 2n, 3n, 4n], type: 'INT64' },
      { name: 'grade', data: ['A', 'B', null, 'A'], type: 'STRING' },
      { name: 'issue', data: ['2011-11', '2011-11', '2011-12', '2011-12'], type: 'STRING' },
      { name: 'bad', data: [0, 1, 0, 1], type: 'INT32' },
    ],
  });

  it('reads a Parquet file into a frame (hand-checked)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adaar-pq-'));
    writeFileSync(join(dir, 't.parquet'), new Uint8Array(buffer));
    const f = await loadParquet(join(dir, 't.parquet'), { label: 'bad', period: 'issue' });
    expect(Array.from(f.y)).toEqual([0, 1, 0, 1]);
    expect(Array.from(f.period ?? [])).toEqual([24142, 24142, 24143, 24143]);
    expect(f.columns.map((c) => c.name)).toEqual(['amount', 'count', 'grade']);
    expect(Array.from((f.columns[0] as NumericColumn).values)).toEqual([1.5, Number.NaN, 3, 4]);
    expect(Array.from((f.columns[1] as NumericColumn).values)).toEqual([1, 2, 3, 4]);
    expect(Array.from((f.columns[2] as CategoricalColumn).codes)).toEqual([0, 1, -1, 0]);
  });

  it('names the argument on bad input', async () => {
    await expect(fromParquetBytes(new Uint8Array(16), { label: 'bad' })).rejects.toThrow(/bytes: /);
    await expect(
      fromParquetBytes(new Uint8Array(buffer), { label: 'bad', positive: 7 }),
    ).rejects.toThrow(/positive: /);
  });
});
