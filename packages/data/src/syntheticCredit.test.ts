import { beforeAll, describe, expect, it } from 'vitest';
import { fitLogistic, rankAuc, scoreLogistic } from '../test/logistic';
import type { CategoricalColumn, NumericColumn } from './frame';
import { frameColumn, takeFrameRows } from './frame';
import { outOfTimeSplit } from './outOfTimeSplit';
import { fitPreprocessor } from './preprocessor';
import {
  SYNTHETIC_FEATURES,
  SYNTHETIC_PROFILES,
  SYNTHETIC_SPLITS,
  type SyntheticCreditFrame,
  syntheticCredit,
} from './syntheticCredit';

let full: SyntheticCreditFrame;
beforeAll(() => {
  full = syntheticCredit({ seed: 11 });
});

const rowsOf = (f: SyntheticCreditFrame, m: number) => {
  const out: number[] = [];
  for (let i = 0; i < f.nRows; i++) if (f.period?.[i] === m) out.push(i);
  return out;
};
const numeric = (f: SyntheticCreditFrame, name: string) =>
  (frameColumn(f, name) as NumericColumn).values;

describe('syntheticCredit: shape and determinism', () => {
  it('has months 1..12 of 10,000-20,000 users with 1-3 % high-risk each', () => {
    for (let m = 1; m <= 12; m++) {
      const rows = rowsOf(full, m);
      expect(rows.length).toBeGreaterThanOrEqual(10_000);
      expect(rows.length).toBeLessThanOrEqual(20_000);
      const rate = rows.reduce((s, i) => s + full.y[i], 0) / rows.length;
      expect(rate).toBeGreaterThan(0.01);
      expect(rate).toBeLessThan(0.03);
    }
    expect(full.labelName).toBe('default_12m');
    expect(full.periodName).toBe('month');
  });

  it('has the documented columns: 15 numeric, 5 categorical', () => {
    expect(full.columns.map((c) => c.name)).toEqual(SYNTHETIC_FEATURES);
    expect(full.columns.filter((c) => c.kind === 'numeric')).toHaveLength(15);
    expect(full.columns.filter((c) => c.kind === 'categorical')).toHaveLength(5);
  });

  it('is deterministic by seed, and a month does not depend on the others generated', () => {
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const same = (
      a: SyntheticCreditFrame,
      b: Pick<SyntheticCreditFrame, 'columns' | 'y' | 'nRows'>,
    ) => {
      if (a.nRows !== b.nRows || !bytes(a.y).equals(bytes(b.y))) return false;
      return a.columns.every((c, j) => {
        const d = b.columns[j];
        if (c.name !== d.name || c.kind !== d.kind) return false;
        return c.kind === 'numeric'
          ? bytes(c.values).equals(bytes((d as NumericColumn).values))
          : bytes(c.codes).equals(bytes((d as CategoricalColumn).codes));
      });
    };
    const a = syntheticCredit({ seed: 11, months: [9, 7] });
    const b = syntheticCredit({ seed: 11, months: [7, 9] });
    expect(same(a, b)).toBe(true);
    expect(bytes(a.period as Float64Array).equals(bytes(b.period as Float64Array))).toBe(true);
    const fromFull = takeFrameRows(full, [...rowsOf(full, 7), ...rowsOf(full, 9)]);
    expect(same(a, fromFull)).toBe(true);
    const c = syntheticCredit({ seed: 12, months: [7, 9] });
    expect(same(a, c)).toBe(false);
  });

  it('rejects bad options, naming them', () => {
    expect(() => syntheticCredit({ months: [0] })).toThrow(/months: /);
    expect(() => syntheticCredit({ months: [3, 3] })).toThrow(/months: /);
    expect(() => syntheticCredit({ months: [] })).toThrow(/months: /);
    expect(() => syntheticCredit({ usersPerMonth: 0 })).toThrow(/usersPerMonth: /);
    expect(() => syntheticCredit({ seed: 1.5 })).toThrow(/seed: /);
    expect(() => syntheticCredit({ missedDefaultRate: 1 })).toThrow(/missedDefaultRate: /);
    expect(() => syntheticCredit({ falseDefaultRate: -0.1 })).toThrow(/falseDefaultRate: /);
  });
});

describe('syntheticCredit: feature realism', () => {
  it('amounts and ratios are heavy-tailed (right-skewed, max far above the median)', () => {
    for (const name of ['monthly_income', 'loan_amount', 'debt_to_income', 'savings_balance']) {
      const v = Array.from(numeric(full, name)).filter((x) => !Number.isNaN(x) && x > 0);
      v.sort((a, b) => a - b);
      const median = v[v.length >> 1];
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      expect(mean).toBeGreaterThan(median);
      expect(v[v.length - 1] / median).toBeGreaterThan(8);
    }
  });

  it('counts are non-negative integers; ratios are positive', () => {
    for (const name of [
      'open_accounts',
      'inquiries_6m',
      'delinquencies_24m',
      'loan_term_months',
      'age',
    ]) {
      const v = numeric(full, name);
      expect(v.every((x) => Number.isNaN(x) || (Number.isInteger(x) && x >= 0))).toBe(true);
    }
    expect(
      numeric(full, 'credit_utilization').every((x) => Number.isNaN(x) || (x >= 0 && x <= 1.2)),
    ).toBe(true);
  });

  it('has missing values in several columns, none in the categorical codes', () => {
    const withMissing = full.columns.filter(
      (c) => c.kind === 'numeric' && c.values.some((x) => Number.isNaN(x)),
    );
    expect(withMissing.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'monthly_income',
        'credit_utilization',
        'credit_history_months',
        'savings_balance',
        'employment_years',
      ]),
    );
    for (const c of withMissing) {
      const values = (c as NumericColumn).values;
      const share = values.filter((x) => Number.isNaN(x)).length / values.length;
      expect(share).toBeLessThan(0.2);
    }
    for (const c of full.columns) {
      if (c.kind === 'categorical')
        expect((c as CategoricalColumn).codes.every((k) => k >= 0 && k < c.levels.length)).toBe(
          true,
        );
    }
  });

  it('the minority is multi-modal: at least four risk profiles each give >= 5 % of the defaults', () => {
    const counts = new Array(SYNTHETIC_PROFILES.length).fill(0);
    let total = 0;
    for (let i = 0; i < full.nRows; i++) {
      if (full.y[i] === 1) {
        counts[full.profile[i]]++;
        total++;
      }
    }
    expect(counts.filter((c) => c / total >= 0.05).length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...counts) / total).toBeLessThan(0.6);
  });

  it('profiles differ in what they look like (bust-out: new account, many inquiries)', () => {
    const tenure = numeric(full, 'platform_tenure_months');
    const med = (p: number) => {
      const v: number[] = [];
      for (let i = 0; i < full.nRows; i++)
        if (full.y[i] === 1 && full.profile[i] === p) v.push(tenure[i]);
      v.sort((a, b) => a - b);
      return v[v.length >> 1];
    };
    expect(med(SYNTHETIC_PROFILES.indexOf('bust-out'))).toBeLessThan(
      med(SYNTHETIC_PROFILES.indexOf('ordinary')) / 3,
    );
  });

  it('labels are noisy: some recorded labels differ from the true outcome', () => {
    let missed = 0;
    let falseDefaults = 0;
    let trueDefaults = 0;
    for (let i = 0; i < full.nRows; i++) {
      trueDefaults += full.yClean[i];
      if (full.yClean[i] === 1 && full.y[i] === 0) missed++;
      if (full.yClean[i] === 0 && full.y[i] === 1) falseDefaults++;
    }
    // Default rates 4 % of defaults and 0.15 % of good users.
    expect(missed / trueDefaults).toBeGreaterThan(0.02);
    expect(missed / trueDefaults).toBeLessThan(0.07);
    expect(falseDefaults / (full.nRows - trueDefaults)).toBeGreaterThan(0.0008);
    expect(falseDefaults / (full.nRows - trueDefaults)).toBeLessThan(0.0025);
  });
});

describe('syntheticCredit: drift and difficulty', () => {
  it('drifts: more defaults, more partner-channel users, higher incomes later in the year', () => {
    const rate = (months: number[]) => {
      let p = 0;
      let n = 0;
      for (const m of months) {
        for (const i of rowsOf(full, m)) {
          p += full.y[i];
          n++;
        }
      }
      return p / n;
    };
    expect(rate([10, 11, 12])).toBeGreaterThan(rate([1, 2, 3]));
    const channel = frameColumn(full, 'channel') as CategoricalColumn;
    const partner = channel.levels.indexOf('partner');
    const share = (m: number) => {
      const rows = rowsOf(full, m);
      return rows.filter((i) => channel.codes[i] === partner).length / rows.length;
    };
    expect(share(11)).toBeGreaterThan(share(7) + 0.05);
    const income = numeric(full, 'monthly_income');
    const median = (m: number) => {
      const v = rowsOf(full, m)
        .map((i) => income[i])
        .filter((x) => !Number.isNaN(x))
        .sort((a, b) => a - b);
      return v[v.length >> 1];
    };
    expect(median(12)).toBeGreaterThan(median(1));
  });

  it('no single feature separates the classes (per-feature AUC < 0.8 on month 7)', () => {
    const rows = rowsOf(full, 7);
    const y = rows.map((i) => full.y[i]);
    for (const c of full.columns) {
      if (c.kind !== 'numeric') continue;
      const s = rows.map((i) => (Number.isNaN(c.values[i]) ? -1 : c.values[i]));
      const auc = rankAuc(y, s);
      expect(Math.max(auc, 1 - auc)).toBeLessThan(0.8);
    }
  });

  it('a logistic regression without resampling reaches a realistic AUC (0.7-0.9) on M7/M9 and M9/M11', () => {
    for (const name of ['M7/M9', 'M9/M11'] as const) {
      const { train, test } = outOfTimeSplit(full, SYNTHETIC_SPLITS[name]);
      const pre = fitPreprocessor(full, train);
      const a = pre.transform(full, train);
      const b = pre.transform(full, test);
      const w = fitLogistic(a.X, a.y, a.nCols, 1);
      const auc = rankAuc(b.y, scoreLogistic(b.X, b.nCols, w));
      expect(auc).toBeGreaterThan(0.7);
      expect(auc).toBeLessThan(0.9);
    }
  });

  it('names the splits of the paper', () => {
    expect(SYNTHETIC_SPLITS['M7/M9']).toEqual({ train: [7], test: [9] });
    expect(SYNTHETIC_SPLITS['M9/M11']).toEqual({ train: [9], test: [11] });
    const { train, test } = outOfTimeSplit(full, SYNTHETIC_SPLITS['M9/M11']);
    expect(train.length).toBe(rowsOf(full, 9).length);
    expect(test.length).toBe(rowsOf(full, 11).length);
  });
});
