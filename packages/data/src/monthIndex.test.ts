import { describe, expect, it } from 'vitest';
import { monthIndex, monthLabel } from './monthIndex';

describe('monthIndex / monthLabel', () => {
  it('numbers months consecutively across a year boundary (hand-computed)', () => {
    expect(monthIndex('2007-06')).toBe(2007 * 12 + 5);
    expect(monthIndex('2011-12')).toBe(24143);
    expect(monthIndex('2012-01')).toBe(24144);
    expect(monthIndex('2012-01-31')).toBe(24144);
    expect(monthIndex(new Date(Date.UTC(2010, 2, 5)))).toBe(2010 * 12 + 2);
  });

  it('round-trips through monthLabel', () => {
    for (const s of ['2007-06', '2011-12', '2012-01', '1999-10'])
      expect(monthLabel(monthIndex(s) as number)).toBe(s);
  });

  it('rejects non-months (or returns undefined when lenient)', () => {
    expect(() => monthIndex('2011-13')).toThrow(/value: /);
    expect(() => monthIndex('Dec-2011')).toThrow(/value: /);
    expect(monthIndex('abc', true)).toBeUndefined();
    expect(() => monthLabel(-1)).toThrow(/index: /);
  });
});
