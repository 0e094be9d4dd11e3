import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { auc } from './auc';
import { averagePrecision } from './averagePrecision';
import { bootstrapCI } from './bootstrapCI';
import { brier } from './brier';
import { confusionAt } from './confusionAt';
import { evaluateScores } from './evaluateScores';
import { gini } from './gini';
import { ks } from './ks';
import { ksDecileTable } from './ksDecileTable';
import { precisionAtRecall } from './precisionAtRecall';
import { recallAtPrecision } from './recallAtPrecision';
import { scoreCurve } from './scoreCurve';

type Fn = (labels: ArrayLike<number>, scores: ArrayLike<number>) => unknown;

// Every (labels, scores) metric, with the second argument's name as it appears in errors.
const METRICS: [string, Fn, string][] = [
  ['auc', auc, 'scores'],
  ['gini', gini, 'scores'],
  ['averagePrecision', averagePrecision, 'scores'],
  ['recallAtPrecision', (y, s) => recallAtPrecision(y, s), 'scores'],
  ['precisionAtRecall', (y, s) => precisionAtRecall(y, s), 'scores'],
  ['ks', ks, 'scores'],
  ['ksDecileTable', (y, s) => ksDecileTable(y, s), 'scores'],
  ['evaluateScores', (y, s) => evaluateScores(y, s), 'scores'],
  ['scoreCurve', scoreCurve, 'scores'],
  ['confusionAt', (y, s) => confusionAt(y, s, 0.5), 'scores'],
  ['brier', brier, 'probabilities'],
  ['bootstrapCI', (y, s) => bootstrapCI(y, s, auc, { resamples: 2 }), 'scores'],
];

function errorOf(f: () => unknown): AdaarInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AdaarInputError);
    return e as AdaarInputError;
  }
  throw new Error('expected an AdaarInputError, none was thrown');
}

describe.each(METRICS)('%s input validation', (_name, f, scoresName) => {
  it('different lengths', () => {
    const e = errorOf(() => f([0, 1, 0], [0.1, 0.2]));
    expect(e.argument).toBe(scoresName);
    expect(e.message).toMatch(/length 2 but labels has length 3/);
  });
  it('empty input', () => {
    expect(errorOf(() => f([], [])).message).toMatch(/^labels: is empty/);
  });
  it('NaN and Infinity scores', () => {
    const e = errorOf(() => f([0, 1, 1], [0.1, Number.NaN, 0.3]));
    expect(e.argument).toBe(scoresName);
    expect(e.message).toMatch(/NaN at index 1/);
    expect(errorOf(() => f([0, 1], [Number.POSITIVE_INFINITY, 0.3])).message).toMatch(
      /Infinity at index 0/,
    );
  });
  it('labels other than 0/1', () => {
    const e = errorOf(() => f([0, 1, 2], [0.1, 0.2, 0.3]));
    expect(e.argument).toBe('labels');
    expect(e.message).toMatch(/found 2 at index 2/);
    expect(errorOf(() => f([0, 1, Number.NaN], [0.1, 0.2, 0.3])).argument).toBe('labels');
    expect(errorOf(() => f([0, 1, 0.5], [0.1, 0.2, 0.3])).argument).toBe('labels');
  });
  it('non-array input', () => {
    expect(errorOf(() => f(null as never, [0.1])).argument).toBe('labels');
    expect(errorOf(() => f([0], 3 as never)).argument).toBe(scoresName);
  });
});

describe('label coding', () => {
  it('checks labels against the declared positive and negative values', () => {
    expect(auc([2, 1, 2], [0.9, 0.1, 0.8], { positive: 2, negative: 1 })).toBe(1);
    const e = errorOf(() => auc([2, 0, 2], [0.9, 0.1, 0.8], { positive: 2, negative: 1 }));
    expect(e.message).toMatch(/^labels: expected 1 \(negative\) or 2 \(positive\), found 0/);
    expect(errorOf(() => auc([1, 0], [1, 0], { positive: 0, negative: 0 })).argument).toBe(
      'positive',
    );
  });
});

describe('a single class', () => {
  it('AUC, Gini, KS, the KS table and evaluateScores throw instead of returning NaN', () => {
    for (const f of [auc, gini, ks, ksDecileTable, evaluateScores] as Fn[]) {
      expect(errorOf(() => f([0, 0, 0], [0.1, 0.2, 0.3])).message).toMatch(
        /^labels: no positive labels: .* undefined with a single class/,
      );
      expect(errorOf(() => f([1, 1], [0.1, 0.2])).message).toMatch(/^labels: no negative/);
    }
  });
  it('recall-based metrics need positives but not negatives', () => {
    for (const f of [averagePrecision, recallAtPrecision, precisionAtRecall] as Fn[]) {
      expect(errorOf(() => f([0, 0], [0.1, 0.2])).message).toMatch(/^labels: no positive/);
      expect(f([1, 1], [0.1, 0.2])).toBe(1);
    }
  });
});

describe('precision and recall targets', () => {
  it('rejects a precision target outside (0, 1], naming p', () => {
    for (const p of [0, -0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = errorOf(() => recallAtPrecision([0, 1], [0, 1], p));
      expect(e.argument).toBe('p');
      expect(e.message).toMatch(/precision target must be in \(0, 1\]/);
    }
    expect(recallAtPrecision([0, 1], [0, 1], 1)).toBe(1);
  });
  it('rejects a recall target outside (0, 1], naming r', () => {
    for (const r of [0, 2, Number.NaN]) {
      expect(errorOf(() => precisionAtRecall([0, 1], [0, 1], r)).argument).toBe('r');
    }
  });
});
