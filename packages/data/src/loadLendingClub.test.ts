import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NumericColumn } from './frame';
import { LENDING_CLUB_DROPPED, loadLendingClub } from './loadLendingClub';
import { monthIndex } from './monthIndex';

const path = '/work/shared/datasets/lending-club-2007-2011/lending_club_2007_2011.csv.gz';

const tiny = [
  'id,member_id,loan_amnt,term,int_rate,emp_title,emp_length,issue_d,loan_status,earliest_cr_line,revol_util,total_pymnt,zip_code,bad',
  '1,11,5000, 36 months,10.65%,nurse,10+ years,2011-12,Fully Paid,2001-12,83.7%,5863.2,860xx,0',
  '2,12,2500, 60 months,15.27%,,< 1 year,2011-11,Charged Off,1999-04,9.4%,1008.7,309xx,1',
  '3,13,2400, 36 months,15.96%,x,n/a,2011-11,Current,2001-11,98.5%,3005.7,606xx,',
  '4,14,1000, 36 months,7.5%,y,3 years,2010-01,Does not meet the credit policy. Status:Charged Off,2005-01,,200,100xx,1',
  '5,15,1200, 36 months,7.5%,y,1 year,2010-02,Does not meet the credit policy. Status:Fully Paid,2005-01,20%,1300,100xx,0',
].join('\n');

describe('loadLendingClub', () => {
  it('derives bad from loan_status, drops leaks, parses issue_d and the text numbers (hand-checked)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adaar-lc-'));
    writeFileSync(join(dir, 'lc.csv'), tiny);
    const f = await loadLendingClub(join(dir, 'lc.csv'));
    expect(f.nRows).toBe(4);
    expect(Array.from(f.y)).toEqual([0, 1, 1, 0]);
    expect(Array.from(f.period ?? [])).toEqual(
      ['2011-12', '2011-11', '2010-01', '2010-02'].map((m) => monthIndex(m)),
    );
    expect(f.columns.map((c) => c.name)).toEqual([
      'loan_amnt',
      'term',
      'int_rate',
      'emp_length',
      'credit_history_months',
      'revol_util',
    ]);
    const col = (n: string) =>
      Array.from((f.columns.find((c) => c.name === n) as NumericColumn).values);
    expect(col('term')).toEqual([36, 60, 36, 36]);
    expect(col('int_rate')).toEqual([10.65, 15.27, 7.5, 7.5]);
    expect(col('emp_length')).toEqual([10, 0, 3, 1]);
    expect(col('credit_history_months')).toEqual([120, 151, 60, 61]);
    expect(col('revol_util')).toEqual([83.7, 9.4, Number.NaN, 20]);
    const policy = await loadLendingClub(join(dir, 'lc.csv'), { policyOnly: true });
    expect(policy.nRows).toBe(2);
  });

  it('names path for a file that is not LendingClub data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adaar-lc-'));
    writeFileSync(join(dir, 'x.csv'), 'a,b\n1,2\n');
    await expect(loadLendingClub(join(dir, 'x.csv'))).rejects.toThrow(/path: .*loan_status/);
  });

  // Counts from /work/shared/datasets/lending-club-2007-2011/README.md.
  it.skipIf(!existsSync(path))(
    'loads the shared 2007-2011 file: 41,707 labelled loans, 6,405 bad, 55 months, 31 features (needs the shared data)',
    async () => {
      const f = await loadLendingClub(path);
      expect(f.nRows).toBe(41_707);
      expect(f.y.reduce((a, b) => a + b, 0)).toBe(6405);
      const months = new Set(f.period);
      expect(months.size).toBe(55);
      expect(Math.min(...months)).toBe(monthIndex('2007-06'));
      expect(Math.max(...months)).toBe(monthIndex('2011-12'));
      // 32 application-time features per the README, minus zip_code.
      expect(f.columns).toHaveLength(31);
      for (const leak of LENDING_CLUB_DROPPED)
        expect(f.columns.some((c) => c.name === leak)).toBe(false);
    },
  );
});
