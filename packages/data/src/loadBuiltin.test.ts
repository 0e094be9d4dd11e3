import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS, type BuiltinName } from './builtinDatasets';
import type { CategoricalColumn } from './frame';
import { builtinDir, loadBuiltin } from './loadBuiltin';

// Row counts, positive counts and sha256 values below are those stated in the shared datasets'
// READMEs (/work/shared/datasets/*/README.md), not values read back from this code.
const expected: Record<BuiltinName, { rows: number; positives: number; features: number }> = {
  'polish-1year': { rows: 7027, positives: 271, features: 64 },
  'polish-5year': { rows: 5910, positives: 410, features: 64 },
  'taiwan-default': { rows: 30000, positives: 6636, features: 23 },
  'german-credit': { rows: 1000, positives: 300, features: 20 },
};

const loaded = new Map<BuiltinName, ReturnType<typeof loadBuiltin>>();
const load = (name: BuiltinName) => {
  if (!loaded.has(name)) loaded.set(name, loadBuiltin(name));
  return loaded.get(name) as ReturnType<typeof loadBuiltin>;
};

describe('loadBuiltin', () => {
  for (const name of Object.keys(expected) as BuiltinName[]) {
    it(`loads ${name} with its documented size and label coding`, async () => {
      const f = await load(name);
      const e = expected[name];
      expect(f.nRows).toBe(e.rows);
      expect(f.y.reduce((a, b) => a + b, 0)).toBe(e.positives);
      expect(f.columns).toHaveLength(e.features);
      expect(f.period).toBeUndefined();
      expect(BUILTIN_DATASETS[name].rows).toBe(e.rows);
    });
  }

  it('german-credit: class 2 (bad) is high-risk; codes like A11 are categorical', async () => {
    const f = await load('german-credit');
    const text = readFileSync(join(builtinDir(), 'german-credit.csv'), 'utf8').trim().split('\n');
    const header = text[0].split(',');
    const classAt = header.indexOf('class');
    const raw = text.slice(1).map((l) => l.split(',')[classAt]);
    raw.forEach((v, i) => {
      expect(f.y[i]).toBe(v === '2' ? 1 : 0);
    });
    const checking = f.columns.find((c) => c.name === 'checking_status') as CategoricalColumn;
    expect(checking.levels).toEqual(['A11', 'A12', 'A13', 'A14']);
  });

  it('taiwan-default drops ID and keeps SEX/EDUCATION/MARRIAGE categorical', async () => {
    const f = await load('taiwan-default');
    expect(f.columns.some((c) => c.name === 'ID')).toBe(false);
    expect(f.columns.filter((c) => c.kind === 'categorical').map((c) => c.name)).toEqual([
      'SEX',
      'EDUCATION',
      'MARRIAGE',
    ]);
  });

  it('polish data keeps missing ratios as NaN (1year: 5,835 empty cells)', async () => {
    const f = await load('polish-1year');
    let missing = 0;
    for (const c of f.columns)
      if (c.kind === 'numeric') for (const v of c.values) if (Number.isNaN(v)) missing++;
    expect(missing).toBe(5835);
  });

  it('refuses a damaged file (sha256) and unknown names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adaar-builtin-'));
    copyFileSync(join(builtinDir(), 'german-credit.csv'), join(dir, 'german-credit.csv'));
    await expect(loadBuiltin('german-credit', { dir })).resolves.toBeDefined();
    const text = readFileSync(join(dir, 'german-credit.csv'), 'utf8');
    writeFileSync(join(dir, 'german-credit.csv'), text.replace('A11', 'A12'));
    await expect(loadBuiltin('german-credit', { dir })).rejects.toThrow(/path: .*sha256/);
    await expect(loadBuiltin('nope' as BuiltinName)).rejects.toThrow(/name: unknown built-in/);
  });
});
