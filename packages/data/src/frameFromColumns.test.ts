import { describe, expect, it } from 'vitest';
import { AdaarInputError } from './errors';
import type { CategoricalColumn, NumericColumn } from './frame';
import { frameFromColumns } from './frameFromColumns';

const num = (f: { columns: readonly unknown[] }, i: number) => f.columns[i] as NumericColumn;
const cat = (f: { columns: readonly unknown[] }, i: number) => f.columns[i] as CategoricalColumn;

describe('frameFromColumns', () => {
  it('types columns, encodes categoricals, maps labels (hand-worked)', () => {
    const f = frameFromColumns(
      {
        id: ['a', 'b', 'c', 'd'],
        amount: ['10', '', '2.5e1', 'NA'],
        code: ['3', '1', '3', ''],
        kind: ['x', 'y', null, 'x'],
        y: ['good', 'bad', 'good', 'bad'],
      },
      { label: 'y', positive: 'bad', drop: ['id'], categorical: ['code'] },
    );
    expect(f.nRows).toBe(4);
    expect(f.labelName).toBe('y');
    expect(Array.from(f.y)).toEqual([0, 1, 0, 1]);
    expect(f.columns.map((c) => [c.name, c.kind])).toEqual([
      ['amount', 'numeric'],
      ['code', 'categorical'],
      ['kind', 'categorical'],
    ]);
    expect(Array.from(num(f, 0).values)).toEqual([10, Number.NaN, 25, Number.NaN]);
    expect(cat(f, 1).levels).toEqual(['1', '3']);
    expect(Array.from(cat(f, 1).codes)).toEqual([1, 0, 1, -1]);
    expect(cat(f, 2).levels).toEqual(['x', 'y']);
    expect(Array.from(cat(f, 2).codes)).toEqual([0, 1, -1, 0]);
  });

  it('decides types over all values, not the first 1000', () => {
    const n = 1500;
    const lateString = Array.from({ length: n }, (_, i) => (i === 1400 ? 'Z9' : String(i % 7)));
    const lateMissing = Array.from({ length: n }, (_, i) => (i === 1300 ? 'NaN' : String(i)));
    const y = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const f = frameFromColumns({ a: lateString, b: lateMissing, y }, { label: 'y' });
    expect(f.columns[0].kind).toBe('categorical');
    expect(cat(f, 0).levels).toEqual(['0', '1', '2', '3', '4', '5', '6', 'Z9']);
    expect(f.columns[1].kind).toBe('numeric');
    expect(Number.isNaN(num(f, 1).values[1300])).toBe(true);
    expect(num(f, 1).values[1499]).toBe(1499);
  });

  it('matches positive values by number, several at once, and checks negatives', () => {
    const f = frameFromColumns(
      { c: ['1', '2.0', '2', '1'], x: [1, 2, 3, 4] },
      { label: 'c', positive: 2 },
    );
    expect(Array.from(f.y)).toEqual([0, 1, 1, 0]);
    const g = frameFromColumns(
      { s: ['A', 'B', 'C', 'D'], x: [1, 2, 3, 4] },
      { label: 's', positive: ['B', 'C'], negative: ['A', 'D'] },
    );
    expect(Array.from(g.y)).toEqual([0, 1, 1, 0]);
    expect(() =>
      frameFromColumns(
        { s: ['A', 'B', 'E'], x: [1, 2, 3] },
        { label: 's', positive: 'B', negative: 'A' },
      ),
    ).toThrow(/label: .*"E" at row 2/);
  });

  it('requires 0/1 labels when positive is not given', () => {
    expect(() => frameFromColumns({ y: [0, 1, 2], x: [1, 2, 3] }, { label: 'y' })).toThrow(
      /label: .*value "2" at row 2/,
    );
  });

  it('errors on unknown columns, naming the option', () => {
    const cols = { y: [0, 1], x: [1, 2] };
    const cases: [object, string][] = [
      [{ label: 'z' }, 'label'],
      [{ label: 'y', period: 'p' }, 'period'],
      [{ label: 'y', drop: ['q'] }, 'drop'],
      [{ label: 'y', categorical: ['q'] }, 'categorical'],
      [{ label: 'y', numeric: ['q'] }, 'numeric'],
    ];
    for (const [opts, arg] of cases) {
      try {
        frameFromColumns(cols, opts as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdaarInputError);
        expect((e as AdaarInputError).argument).toBe(arg);
        expect((e as Error).message).toMatch(/unknown column/);
      }
    }
  });

  it('errors when the positive value is absent, or only one class is present', () => {
    expect(() =>
      frameFromColumns({ y: ['a', 'b'], x: [1, 2] }, { label: 'y', positive: 'bad' }),
    ).toThrow(/positive: .*"bad" never occur/);
    expect(() =>
      frameFromColumns({ y: ['bad', 'bad'], x: [1, 2] }, { label: 'y', positive: 'bad' }),
    ).toThrow(/only one class/);
  });

  it('errors on missing labels unless told to drop them', () => {
    const cols = { y: ['1', '', '0', 'NA'], x: ['5', '6', '7', '8'] };
    expect(() => frameFromColumns(cols, { label: 'y' })).toThrow(/label: .*missing at row 1/);
    const f = frameFromColumns(cols, { label: 'y', missingLabel: 'drop' });
    expect(f.nRows).toBe(2);
    expect(Array.from(num(f, 0).values)).toEqual([5, 7]);
  });

  it('errors on a non-number in a forced-numeric column and on infinities', () => {
    expect(() =>
      frameFromColumns({ y: [0, 1], x: ['1', 'abc'] }, { label: 'y', numeric: ['x'] }),
    ).toThrow(/x: .*"abc" at row 1/);
    expect(() =>
      frameFromColumns({ y: [0, 1], x: [1, Number.POSITIVE_INFINITY] }, { label: 'y' }),
    ).toThrow(/x: .*infinite/);
  });

  it('reads numeric periods and YYYY-MM periods; a missing period is an error', () => {
    const f = frameFromColumns(
      { y: [0, 1, 0], m: ['2011-12', '2012-01', '2011-12-15'], x: [1, 2, 3] },
      { label: 'y', period: 'm' },
    );
    expect(Array.from(f.period ?? [])).toEqual([2011 * 12 + 11, 2012 * 12, 2011 * 12 + 11]);
    expect(f.periodName).toBe('m');
    expect(f.columns.map((c) => c.name)).toEqual(['x']);
    const g = frameFromColumns({ y: [0, 1], m: ['7', 9], x: [1, 2] }, { label: 'y', period: 'm' });
    expect(Array.from(g.period ?? [])).toEqual([7, 9]);
    expect(() =>
      frameFromColumns({ y: [0, 1], m: ['7', ''], x: [1, 2] }, { label: 'y', period: 'm' }),
    ).toThrow(/period: .*missing value at row 1/);
  });

  it('errors on columns of different lengths and on label in drop', () => {
    expect(() => frameFromColumns({ y: [0, 1], x: [1] }, { label: 'y' })).toThrow(/columns: /);
    expect(() => frameFromColumns({ y: [0, 1], x: [1, 2] }, { label: 'y', drop: ['y'] })).toThrow(
      /drop: /,
    );
  });

  it('handles bigint, boolean and Date cells', () => {
    const f = frameFromColumns(
      {
        y: [0n, 1n, 0n],
        b: [10n, 20n, null],
        t: [true, false, true],
        d: [new Date(0), new Date(1000), null],
      },
      { label: 'y' },
    );
    expect(Array.from(f.y)).toEqual([0, 1, 0]);
    expect(Array.from(num(f, 0).values)).toEqual([10, 20, Number.NaN]);
    expect(cat(f, 1).levels).toEqual(['false', 'true']);
    expect(Array.from(num(f, 2).values)).toEqual([0, 1000, Number.NaN]);
  });
});
