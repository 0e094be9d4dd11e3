import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import ref from './__fixtures__/scipy_reference.json';
import { pairedTTest } from './pairedTTest';
import type { Alternative } from './types';

const ALTS: Alternative[] = ['two-sided', 'greater', 'less'];

function close(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected), `got ${actual}, expected ${expected}`).toBeLessThanOrEqual(
    rel * Math.abs(expected) + 1e-15,
  );
}

describe('pairedTTest', () => {
  it('hand-derived: d = (1, 2, 3) gives t = 2 sqrt(3), df 2, p = 1 - sqrt(6/7)', () => {
    const r = pairedTTest([2, 4, 6], [1, 2, 3]);
    close(r.statistic, 2 * Math.sqrt(3), 1e-14);
    expect(r.df).toBe(2);
    expect(r.meanDifference).toBe(2);
    close(r.stdDifference, 1, 1e-15);
    // df = 2: P(|T| > t) = 1 - t / sqrt(t^2 + 2) = 1 - sqrt(12 / 14).
    close(r.pValue, 1 - Math.sqrt(6 / 7), 1e-13);
    // CI: 2 -+ t_{0.975,2} / sqrt(3), t_{0.975,2} = 0.95 sqrt(2 / 0.0975).
    const q = 0.95 * Math.sqrt(2 / 0.0975);
    close(r.ci[0], 2 - q / Math.sqrt(3), 1e-12);
    close(r.ci[1], 2 + q / Math.sqrt(3), 1e-12);
  });

  for (const c of ref.paired) {
    for (const alt of ALTS) {
      const e = c.ttest[alt as keyof typeof c.ttest];
      it(`matches scipy ttest_rel: ${c.name} ${alt}`, () => {
        const r = pairedTTest(c.a, c.b, { alternative: alt });
        close(r.statistic, e.statistic, 1e-12);
        expect(r.df).toBe(e.df);
        close(r.pValue, e.pvalue, 1e-10);
        // scipy 1.10's t.ppf(0.95, 4) is 2.3e-9 too small (closed form: 2.1318467863266513),
        // so compare the CI ends on the scale of the interval (|mean| + sd), with 5e-9.
        const [lo, hi] = e.ci95;
        const tol = 5e-9 * (Math.abs(r.meanDifference) + r.stdDifference);
        if (lo === null) expect(r.ci[0]).toBe(Number.NEGATIVE_INFINITY);
        else expect(Math.abs(r.ci[0] - lo)).toBeLessThanOrEqual(tol);
        if (hi === null) expect(r.ci[1]).toBe(Number.POSITIVE_INFINITY);
        else expect(Math.abs(r.ci[1] - hi)).toBeLessThanOrEqual(tol);
      });
    }
  }

  it('throws naming the argument on bad input', () => {
    const bad = (f: () => unknown, arg: string): void => {
      try {
        f();
        expect.unreachable('no error thrown');
      } catch (e) {
        expect(e).toBeInstanceOf(AdaarInputError);
        expect((e as AdaarInputError).argument).toBe(arg);
      }
    };
    bad(() => pairedTTest([1, 2, 3], [1, 2]), 'b');
    bad(() => pairedTTest([1], [0]), 'a');
    bad(() => pairedTTest([], []), 'a');
    bad(() => pairedTTest([1, Number.NaN], [0, 0]), 'a');
    bad(() => pairedTTest([2, 3, 4], [1, 2, 3]), 'b');
    bad(() => pairedTTest([2, 3, 5], [1, 2, 3], { level: 1 }), 'level');
    bad(
      () => pairedTTest([2, 3, 5], [1, 2, 3], { alternative: 'up' as Alternative }),
      'alternative',
    );
  });
});
