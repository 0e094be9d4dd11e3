import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import ref from './__fixtures__/scipy_reference.json';
import type { Alternative } from './types';
import { wilcoxonSignedRank } from './wilcoxonSignedRank';

const ALTS: Alternative[] = ['two-sided', 'greater', 'less'];

function close(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected), `got ${actual}, expected ${expected}`).toBeLessThanOrEqual(
    rel * Math.max(1e-300, Math.abs(expected)) + 1e-15,
  );
}

describe('wilcoxonSignedRank: hand-derived exact cases', () => {
  it('n = 5, every difference positive: W+ = 15, two-sided p = 2/32', () => {
    const r = wilcoxonSignedRank([5, 6, 7, 8, 9], [4.9, 5.7, 6.6, 7.5, 8.4]);
    expect(r.method).toBe('exact');
    expect(r.wPlus).toBe(15);
    expect(r.wMinus).toBe(0);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(2 / 32);
    expect(
      wilcoxonSignedRank([5, 6, 7, 8, 9], [4.9, 5.7, 6.6, 7.5, 8.4], { alternative: 'greater' })
        .pValue,
    ).toBe(1 / 32);
    expect(
      wilcoxonSignedRank([5, 6, 7, 8, 9], [4.9, 5.7, 6.6, 7.5, 8.4], { alternative: 'less' })
        .pValue,
    ).toBe(1);
  });
  it('n = 4, d = (+1, -2, +3, +4): W+ = 8, P(W+ >= 8) = 3/16 (subsets {1,3,4},{4,3,2,..})', () => {
    // Sign patterns of ranks 1..4 with positive-rank sum >= 8: sums 8 ({1,3,4}), 8 ({4,... }):
    // subsets with sum >= 8 of {1,2,3,4}: {4,3,1}=8, {4,3,2}=9, {4,3,2,1}=10 -> 3 of 16.
    const r = wilcoxonSignedRank([1, 0, 3, 4], [0, 2, 0, 0], { alternative: 'greater' });
    expect(r.wPlus).toBe(8);
    expect(r.pValue).toBe(3 / 16);
    const two = wilcoxonSignedRank([1, 0, 3, 4], [0, 2, 0, 0]);
    expect(two.pValue).toBe(6 / 16);
  });
  it('drops zero differences, averages tied ranks, then approximates', () => {
    // d = (0, 1, -1, 2, 2, 3): zero dropped; |d| ranks: 1 -> 1.5, 1 -> 1.5, 2 -> 3.5, 2 -> 3.5, 3 -> 5.
    const r = wilcoxonSignedRank([5, 6, 4, 7, 7, 8], [5, 5, 5, 5, 5, 5]);
    expect(r.nZeros).toBe(1);
    expect(r.n).toBe(5);
    expect(r.ties).toBe(true);
    expect(r.wPlus).toBe(1.5 + 3.5 + 3.5 + 5);
    expect(r.wMinus).toBe(1.5);
    expect(r.method).toBe('normal');
    // var = 5*6*11/24 - ((8-2) + (8-2))/48 = 13.75 - 0.25 = 13.5; z = (13.5 - 7.5 - 0.5)/sqrt(13.5)
    close(r.z ?? Number.NaN, 5.5 / Math.sqrt(13.5));
  });
});

describe('wilcoxonSignedRank against scipy 1.10 (frozen fixture)', () => {
  for (const c of ref.paired) {
    for (const alt of ALTS) {
      const w = c.wilcoxon[alt as keyof typeof c.wilcoxon] as Record<
        string,
        { statistic: number; pvalue: number; z?: number }
      >;
      it(`${c.name} ${alt}`, () => {
        if (w.exact) {
          const r = wilcoxonSignedRank(c.a, c.b, { alternative: alt });
          expect(r.method).toBe('exact');
          expect(r.statistic).toBe(w.exact.statistic);
          close(r.pValue, w.exact.pvalue);
        } else {
          const r = wilcoxonSignedRank(c.a, c.b, { alternative: alt });
          expect(r.method).toBe('normal');
        }
        for (const [key, correction] of [
          ['normal_corrected', true],
          ['normal_uncorrected', false],
        ] as const) {
          const r = wilcoxonSignedRank(c.a, c.b, {
            alternative: alt,
            method: 'normal',
            correction,
          });
          expect(r.method).toBe('normal');
          expect(r.statistic).toBe(w[key].statistic);
          close(r.pValue, w[key].pvalue, 1e-10);
          // scipy's two-sided z comes from min(W+, W-); ours from W+: same magnitude.
          close(Math.abs(r.z ?? Number.NaN), Math.abs(w[key].z ?? Number.NaN), 1e-12);
        }
      });
    }
  }
});

describe('wilcoxonSignedRank input errors', () => {
  it('names the bad argument', () => {
    const bad = (f: () => unknown, arg: string): void => {
      try {
        f();
        expect.unreachable('no error thrown');
      } catch (e) {
        expect(e).toBeInstanceOf(AdaarInputError);
        expect((e as AdaarInputError).argument).toBe(arg);
      }
    };
    bad(() => wilcoxonSignedRank([1, 2], [1]), 'b');
    bad(() => wilcoxonSignedRank([], []), 'a');
    bad(() => wilcoxonSignedRank([1, Number.NaN], [0, 0]), 'a');
    bad(() => wilcoxonSignedRank([1, 2], [0, Number.POSITIVE_INFINITY]), 'b');
    bad(() => wilcoxonSignedRank([1, 2], [1, 2]), 'b');
    bad(() => wilcoxonSignedRank([1, 2, 3], [0, 0, 1], { method: 'exact' }), 'method');
    bad(
      () => wilcoxonSignedRank([1, 2], [0, 0], { alternative: 'bigger' as Alternative }),
      'alternative',
    );
  });
});
