import { describe, expect, it } from 'vitest';
import { randomCase } from './__fixtures__/bruteForce';
import { auc } from './auc';
import { averagePrecision } from './averagePrecision';
import { brier } from './brier';
import { defaultSecondPrecision, evaluateScores } from './evaluateScores';
import { gini } from './gini';
import { ks } from './ks';
import { recallAtPrecision } from './recallAtPrecision';

describe('evaluateScores', () => {
  it('hand-worked: the sklearn doc example', () => {
    const m = evaluateScores([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(m.n).toBe(4);
    expect(m.nPositive).toBe(2);
    expect(m.nNegative).toBe(2);
    expect(m.positiveRate).toBe(0.5);
    expect(m.auc).toBe(0.75);
    expect(m.gini).toBe(0.5);
    expect(m.averagePrecision).toBeCloseTo(5 / 6, 15);
    expect(m.ks).toBe(0.5);
    expect(m.ksThreshold).toBe(0.8);
    // (0.01 + 0.16 + 0.4225 + 0.04) / 4
    expect(m.brier).toBeCloseTo(0.158125, 15);
    expect(m.recallAtPrecision).toEqual([
      { precision: 0.1, recall: 1 },
      { precision: 1, recall: 0.5 },
    ]);
  });
  it('equals the single-metric functions on random data, with custom floors', () => {
    const { y, s } = randomCase(91, 3000, 0.02, 2);
    const p = s.map((v) => 1 / (1 + Math.exp(-v)));
    const m = evaluateScores(y, p, { precisions: [0.1, 0.3, 0.05] });
    expect(m.auc).toBe(auc(y, p));
    expect(m.gini).toBe(gini(y, p));
    expect(m.averagePrecision).toBe(averagePrecision(y, p));
    expect(m.ks).toBe(ks(y, p).statistic);
    expect(m.ksThreshold).toBe(ks(y, p).threshold);
    expect(m.brier).toBe(brier(y, p));
    expect(m.recallAtPrecision.map((r) => r.recall)).toEqual(
      [0.1, 0.3, 0.05].map((q) => recallAtPrecision(y, p, q)),
    );
  });
  it('reports brier as null for scores that are not probabilities', () => {
    expect(evaluateScores([0, 1], [-3, 5]).brier).toBeNull();
  });
  it('defaults the second floor to 3.5x the positive rate', () => {
    expect(defaultSecondPrecision(0.02)).toBe(0.07);
    expect(defaultSecondPrecision(0.0123)).toBe(0.043);
    expect(defaultSecondPrecision(0.3)).toBe(1);
    const y = Array.from({ length: 100 }, (_, i) => (i < 4 ? 1 : 0));
    const s = y.map((_, i) => 1 - i / 100);
    expect(evaluateScores(y, s).recallAtPrecision.map((r) => r.precision)).toEqual([0.1, 0.14]);
  });
  it('rejects bad precision floors and a single class', () => {
    expect(() => evaluateScores([0, 1], [0, 1], { precisions: [] })).toThrow(/^precisions: /);
    expect(() => evaluateScores([0, 1], [0, 1], { precisions: [0.1, 0] })).toThrow(/^precisions: /);
    expect(() => evaluateScores([1, 1], [0, 1])).toThrow(/^labels: no negative/);
  });
});
