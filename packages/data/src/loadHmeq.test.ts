import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn } from './frame';
import { loadHmeq } from './loadHmeq';

const path = '/work/shared/datasets/hmeq/hmeq.csv';

describe('loadHmeq', () => {
  // Counts from /work/shared/datasets/hmeq/README.md.
  it.skipIf(!existsSync(path))(
    'loads HMEQ with BAD = 1 high-risk and the documented missing counts (needs the shared data)',
    async () => {
      const f = await loadHmeq(path, { verify: true });
      expect(f.nRows).toBe(5960);
      expect(f.y.reduce((a, b) => a + b, 0)).toBe(1189);
      const missing = (name: string) => {
        const c = f.columns.find((x) => x.name === name);
        if (!c) throw new Error(name);
        return c.kind === 'numeric'
          ? (c as NumericColumn).values.filter((v) => Number.isNaN(v)).length
          : (c as CategoricalColumn).codes.filter((v) => v < 0).length;
      };
      expect(missing('DEBTINC')).toBe(1267);
      expect(missing('REASON')).toBe(252);
      expect(missing('JOB')).toBe(279);
      expect((f.columns.find((c) => c.name === 'JOB') as CategoricalColumn).levels).toEqual([
        'Mgr',
        'Office',
        'Other',
        'ProfExe',
        'Sales',
        'Self',
      ]);
    },
  );

  it.skipIf(!existsSync(path))('verify with a wrong hash fails, naming path', async () => {
    await expect(loadHmeq(path, { verify: '00' })).rejects.toThrow(/path: .*sha256/);
  });

  it('names path when the file is absent', async () => {
    await expect(loadHmeq('/nonexistent/hmeq.csv')).rejects.toThrow(/path: /);
  });
});
