import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataset } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../test/helpers/reference';
import { LogisticRegression } from './logisticRegression';

interface Fixture {
  nRows: number;
  nCols: number;
  X: number[];
  y: number[];
  sampleWeight: number[];
  cases: {
    C: number;
    fitIntercept: boolean;
    weighted: boolean;
    coef: number[];
    intercept: number;
    proba: number[];
  }[];
}
const fx: Fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/logreg-sklearn.json', import.meta.url), 'utf8'),
);
const train = createDataset(Float64Array.from(fx.X), fx.y, fx.nCols);

describe('LogisticRegression', () => {
  for (const c of fx.cases) {
    it(`matches scikit-learn (C=${c.C}, intercept=${c.fitIntercept}, weighted=${c.weighted})`, async () => {
      const lr = new LogisticRegression({ C: c.C, fitIntercept: c.fitIntercept });
      await lr.fit(train, c.weighted ? { sampleWeight: Float64Array.from(fx.sampleWeight) } : {});
      expect(maxAbsDiff(lr.coef, c.coef)).toBeLessThan(1e-7);
      expect(Math.abs(lr.intercept - c.intercept)).toBeLessThan(1e-7);
      const p = await lr.predictProba(Float64Array.from(fx.X.slice(0, 10 * fx.nCols)));
      expect(maxAbsDiff(p, c.proba)).toBeLessThan(1e-8);
      expect(lr.iterations).toBeLessThan(30);
    });
  }

  it('round-trips through save/load and validates input', async () => {
    const lr = new LogisticRegression();
    await expect(lr.predictProba(train)).rejects.toThrow(/not fitted/);
    await lr.fit(train);
    const dir = mkdtempSync(join(tmpdir(), 'adaar-lr-'));
    try {
      await lr.save(dir, { preprocessing: { mean: [1, 2] } });
      const { classifier, preprocessing } = await LogisticRegression.load(dir);
      expect(preprocessing).toEqual({ mean: [1, 2] });
      expect(await classifier.predictProba(train)).toEqual(await lr.predictProba(train));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(lr.predictProba(new Float64Array(5))).rejects.toThrow(/X: length 5/);
    const withNaN = new Float64Array(2 * fx.nCols);
    withNaN[fx.nCols + 1] = Number.NaN;
    await expect(lr.predictProba(withNaN)).rejects.toThrow(
      /^X: has a non-finite value at row 1, column 1/,
    );
    const oneClass = createDataset([[1], [2]], [0, 0]);
    await expect(lr.fit(oneClass)).rejects.toThrow(/train: needs both classes/);
    await expect(lr.fit(train, { sampleWeight: new Float64Array(3) })).rejects.toThrow(
      /sampleWeight/,
    );
    expect(() => new LogisticRegression({ C: 0 })).toThrow(/C: expected/);
  });
});
