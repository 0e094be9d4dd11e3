import { describe, expect, it } from 'vitest';
import { frameFromColumns } from './frameFromColumns';
import { fitPreprocessor, MISSING_LEVEL, Preprocessor, quantileSorted } from './preprocessor';
import { syntheticCredit } from './syntheticCredit';

const frame = frameFromColumns(
  {
    x: [1, 2, 3, 4, null, 100],
    k: [5, 5, 6, 7, 7, 9],
    c: ['a', 'b', 'a', null, 'b', 'z'],
    y: [0, 1, 0, 1, 0, 1],
  },
  { label: 'y', categorical: ['c'] },
);
const train = [0, 1, 2, 3, 4];

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (numpy default)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([7], 0.3)).toBe(7);
    const v = Array.from({ length: 201 }, (_, i) => i + 1);
    expect(quantileSorted(v, 0.005)).toBe(2);
    expect(quantileSorted(v, 0.995)).toBe(200);
  });
});

describe('fitPreprocessor / transform (hand-computed)', () => {
  const p = fitPreprocessor(frame, train, { winsorize: [0.25, 0.75] });

  it('fits median, clip bounds, mean and std on the train rows only', () => {
    const x = p.numeric[0];
    expect(x.median).toBe(2.5);
    expect(x.lo).toBe(1.75);
    expect(x.hi).toBe(3.25);
    // Train values after clip and imputation: 1.75, 2, 3, 3.25, 2.5.
    expect(x.mean).toBeCloseTo(2.5, 12);
    expect(x.std).toBeCloseTo(Math.sqrt(0.325), 12);
    expect(x.indicator).toBe(true);
    expect(p.numeric[1].indicator).toBe(false);
    expect(p.categorical[0].levels).toEqual(['a', 'b', MISSING_LEVEL]);
  });

  it('lays out numeric, indicator and one-hot columns with provenance', () => {
    expect(p.featureNames).toEqual(['x', 'k', 'x:missing', 'c=a', 'c=b', `c=${MISSING_LEVEL}`]);
    expect(p.columns.map((c) => c.kind)).toEqual([
      'numeric',
      'numeric',
      'indicator',
      'onehot',
      'onehot',
      'onehot',
    ]);
    expect(p.categoricalGroups).toEqual([{ name: 'c', columns: [3, 4, 5] }]);
  });

  it('encodes rows: imputes, flags, clips, standardises, one-hots; unseen -> all zero', () => {
    const ds = p.transform(frame);
    expect(ds.nRows).toBe(6);
    expect(ds.nCols).toBe(6);
    const s = Math.sqrt(0.325);
    const row = (i: number) => Array.from(ds.X.subarray(i * 6, i * 6 + 6));
    const k = p.numeric[1];
    const kz = (v: number) => (v - k.mean) / k.std;
    const expectRow = (i: number, want: number[]) =>
      row(i).forEach((v, j) => {
        expect(v).toBeCloseTo(want[j], 10);
      });
    expectRow(0, [(1.75 - 2.5) / s, kz(5), 0, 1, 0, 0]);
    expectRow(3, [(3.25 - 2.5) / s, kz(7), 0, 0, 0, 1]);
    expectRow(4, [0, kz(7), 1, 0, 1, 0]);
    // Row 5 is not a train row: 100 clips to 3.25, k = 9 clips to the train max quantile, "z" is unseen.
    expectRow(5, [(3.25 - 2.5) / s, kz(k.hi), 0, 0, 0, 0]);
    expect(Array.from(ds.y)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(ds.columns).toBe(p.columns);
    expect(ds.categoricalGroups).toBe(p.categoricalGroups);
  });

  it('switches winsorising and standardising off', () => {
    const q = fitPreprocessor(frame, train, {
      winsorize: false,
      standardize: false,
      missingIndicators: false,
    });
    const ds = q.transform(frame, [5, 4]);
    expect(q.featureNames).toEqual(['x', 'k', 'c=a', 'c=b', `c=${MISSING_LEVEL}`]);
    expect(Array.from(ds.X)).toEqual([100, 9, 0, 0, 0, 2.5, 7, 0, 1, 0]);
  });

  it('default winsorising uses the 0.5 % and 99.5 % train quantiles', () => {
    const v = Array.from({ length: 201 }, (_, i) => i + 1);
    const f = frameFromColumns({ v, y: v.map((i) => i % 2) }, { label: 'y' });
    const q = fitPreprocessor(f, undefined, { standardize: false });
    expect(q.numeric[0].lo).toBe(2);
    expect(q.numeric[0].hi).toBe(200);
  });

  it('never looks at rows outside the train rows (no leakage)', () => {
    const changed = frameFromColumns(
      {
        x: [1, 2, 3, 4, null, -5000],
        k: [5, 5, 6, 7, 7, 1],
        c: ['a', 'b', 'a', null, 'b', 'q'],
        y: [0, 1, 0, 1, 0, 0],
      },
      { label: 'y', categorical: ['c'] },
    );
    expect(fitPreprocessor(changed, train, { winsorize: [0.25, 0.75] }).toJSON()).toEqual(
      p.toJSON(),
    );
  });

  it('standardised train columns have mean 0 and population std 1 (synthetic data)', () => {
    const f = syntheticCredit({ months: [3], usersPerMonth: 3000, seed: 5 });
    const rows = Array.from({ length: 2000 }, (_, i) => i);
    const q = fitPreprocessor(f, rows);
    const ds = q.transform(f, rows);
    q.numeric.forEach((spec, j) => {
      let s = 0;
      let ss = 0;
      for (let i = 0; i < ds.nRows; i++) s += ds.X[i * ds.nCols + j];
      const m = s / ds.nRows;
      for (let i = 0; i < ds.nRows; i++) ss += (ds.X[i * ds.nCols + j] - m) ** 2;
      expect(Math.abs(m)).toBeLessThan(1e-9);
      expect(Math.sqrt(ss / ds.nRows)).toBeCloseTo(1, 9);
      expect(spec.lo).toBeLessThanOrEqual(spec.hi);
    });
    expect(ds.period?.every((v) => v === 3)).toBe(true);
  });
});

describe('inverseTransform and JSON', () => {
  const p = fitPreprocessor(frame, train, { winsorize: false });

  it('decodes encoded rows back to original units and labels', () => {
    const rows = p.inverseTransform(p.transform(frame, [0, 1, 2, 3, 4]).X);
    expect(rows).toEqual([
      { x: 1, k: 5, c: 'a' },
      { x: 2, k: 5, c: 'b' },
      { x: 3, k: 6, c: 'a' },
      { x: 4, k: 7, c: null },
      { x: null, k: 7, c: 'b' },
    ]);
  });

  it('picks the largest one-hot entry, rounds integer columns, clips to the train range', () => {
    const [r] = p.inverseTransform(
      p
        .transform(frame, [1])
        .X.map((v, j) => (j === 1 ? v + 0.3 : j === 3 ? 0.6 : j === 4 ? 0.4 : v)),
    );
    expect(r.c).toBe('a');
    expect(Number.isInteger(r.k)).toBe(true);
    const big = p.transform(frame, [0]).X;
    big[0] = 1e6;
    expect(p.inverseTransform(big)[0].x).toBe(4);
    expect(() => p.inverseTransform(new Float64Array(7))).toThrow(/X: /);
  });

  it('round-trips through JSON', () => {
    const q = Preprocessor.fromJSON(JSON.stringify(p));
    expect(q.toJSON()).toEqual(p.toJSON());
    expect(q.transform(frame).X).toEqual(p.transform(frame).X);
    expect(() => Preprocessor.fromJSON({ format: 'x' } as never)).toThrow(/json: /);
  });
});

describe('input checks', () => {
  it('names the argument', () => {
    expect(() => fitPreprocessor(frame, [])).toThrow(/rows: /);
    expect(() => fitPreprocessor(frame, [0, 9])).toThrow(/rows: /);
    expect(() => fitPreprocessor(frame, train, { winsorize: [0.9, 0.1] })).toThrow(/options: /);
    const p = fitPreprocessor(frame, train);
    const other = frameFromColumns({ x: [1, 2], y: [0, 1] }, { label: 'y' });
    expect(() => p.transform(other)).toThrow(/frame: has no column "k"/);
    const kinds = frameFromColumns(
      { x: ['u', 'v'], k: [1, 2], c: ['a', 'b'], y: [0, 1] },
      { label: 'y' },
    );
    expect(() => p.transform(kinds)).toThrow(/frame: column "x" is categorical/);
  });
});
