import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import vectors from './__fixtures__/metric_vectors.json';
import { auc } from './auc';
import { averagePrecision } from './averagePrecision';
import { evaluateScores } from './evaluateScores';
import { gini } from './gini';
import { ks } from './ks';
import { recallAtPrecision } from './recallAtPrecision';

// scikit-learn 1.2.1 values frozen by /work/shared/peers/metrics_ref.py (copied file).
const TOL = 1e-9;

describe('scikit-learn reference vectors', () => {
  it('holds every vector of the shared file', () => {
    expect(vectors.vectors.length).toBe(12);
  });
  // The copy is biome-formatted; where the monorepo's shared folder exists, check that it
  // still holds the same data as the original.
  const shared = fileURLToPath(
    new URL('../../../../shared/reference/metric_vectors.json', import.meta.url),
  );
  it.skipIf(!existsSync(shared))('equals ../shared/reference/metric_vectors.json', () => {
    expect(vectors).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
  });
  for (const v of vectors.vectors) {
    describe(v.name, () => {
      const e = v.expected;
      it('auc and gini', () => {
        expect(Math.abs(auc(v.y, v.score) - e.roc_auc)).toBeLessThanOrEqual(TOL);
        expect(Math.abs(gini(v.y, v.score) - (2 * e.roc_auc - 1))).toBeLessThanOrEqual(2 * TOL);
      });
      it('average precision', () => {
        expect(Math.abs(averagePrecision(v.y, v.score) - e.average_precision)).toBeLessThanOrEqual(
          TOL,
        );
      });
      it('recall at precision 0.1', () => {
        const r = recallAtPrecision(v.y, v.score, vectors.min_precision);
        expect(Math.abs(r - e['recall_at_precision_0.1'])).toBeLessThanOrEqual(TOL);
      });
      it('ks', () => {
        expect(Math.abs(ks(v.y, v.score).statistic - e.ks)).toBeLessThanOrEqual(TOL);
      });
      it('evaluateScores agrees with the same references', () => {
        const m = evaluateScores(v.y, v.score, { precisions: [0.1] });
        expect(m.n).toBe(v.n);
        expect(m.nPositive).toBe(v.n_pos);
        expect(Math.abs(m.auc - e.roc_auc)).toBeLessThanOrEqual(TOL);
        expect(Math.abs(m.averagePrecision - e.average_precision)).toBeLessThanOrEqual(TOL);
        expect(Math.abs(m.ks - e.ks)).toBeLessThanOrEqual(TOL);
        expect(
          Math.abs(m.recallAtPrecision[0].recall - e['recall_at_precision_0.1']),
        ).toBeLessThanOrEqual(TOL);
      });
    });
  }
});
