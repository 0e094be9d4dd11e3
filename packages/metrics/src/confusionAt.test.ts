import { describe, expect, it } from 'vitest';
import ref from './__fixtures__/sklearn_extra.json';
import { confusionAt } from './confusionAt';

describe('confusionAt', () => {
  it('hand-worked: predicted positive means score >= threshold', () => {
    const r = confusionAt([1, 0, 1, 0], [0.9, 0.5, 0.3, 0.2], 0.5);
    expect(r).toEqual({
      threshold: 0.5,
      tp: 1,
      fp: 1,
      tn: 1,
      fn: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
  });
  it('reports 0 for undefined ratios (nothing predicted, no positives)', () => {
    const none = confusionAt([1, 0], [0.9, 0.1], Number.POSITIVE_INFINITY);
    expect([none.tp, none.fp, none.precision, none.recall, none.f1]).toEqual([0, 0, 0, 0, 0]);
    const noPos = confusionAt([0, 0], [0.9, 0.1], 0.5);
    expect([noPos.fp, noPos.tn, noPos.recall, noPos.f1]).toEqual([1, 1, 0, 0]);
  });
  it('matches sklearn precision/recall/f1 and confusion_matrix', () => {
    for (const c of ref.threshold_cases) {
      for (const e of c.at) {
        const r = confusionAt(c.y, c.p, e.threshold);
        expect([r.tp, r.fp, r.tn, r.fn]).toEqual([e.tp, e.fp, e.tn, e.fn]);
        expect(Math.abs(r.precision - e.precision)).toBeLessThan(1e-15);
        expect(Math.abs(r.recall - e.recall)).toBeLessThan(1e-15);
        expect(Math.abs(r.f1 - e.f1)).toBeLessThan(1e-15);
      }
    }
  });
  it('rejects a NaN threshold', () => {
    expect(() => confusionAt([1, 0], [1, 0], Number.NaN)).toThrow(/^threshold: /);
  });
});
