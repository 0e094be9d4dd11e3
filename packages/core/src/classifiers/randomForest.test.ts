import { readFileSync } from 'node:fs';
import { AdaarInputError, createDataset, NotFittedError, Rng } from '@adaar/data';
import { auc } from '@adaar/metrics';
import { describe, expect, it } from 'vitest';
import { RandomForestClassifier } from './randomForest';

interface Fixture {
  nCols: number;
  trainX: number[];
  trainY: number[];
  testX: number[];
  testY: number[];
  forestAucBySeed: number[];
  forestAucMean: number;
  logisticAuc: number;
}
const fx: Fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/forest-sklearn.json', import.meta.url), 'utf8'),
);

/** XOR of the signs of two uniform features in [-1, 1]: no linear score ranks it above chance. */
function xor(n: number, seed: number) {
  const rng = new Rng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    X[2 * i] = rng.uniform(-1, 1);
    X[2 * i + 1] = rng.uniform(-1, 1);
    y[i] = X[2 * i] > 0 !== X[2 * i + 1] > 0 ? 1 : 0;
  }
  return createDataset(X, y, 2);
}

describe('RandomForestClassifier', () => {
  it('splits a separable column at the midpoint between the classes (hand-checked)', async () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const train = createDataset(x, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], 1);
    const rf = new RandomForestClassifier({ nTrees: 3, bootstrap: false, minSamplesLeaf: 1 });
    await rf.fit(train, { seed: 1 });
    expect(Array.from(await rf.predictProba(train))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // the only Gini-optimal cut is 4.5, and x <= 4.5 goes left (as in scikit-learn)
    expect(
      Array.from(await rf.predictProba(Float64Array.from([4.49, 4.5, 4.51, -100, 100]))),
    ).toEqual([0, 0, 1, 0, 1]);
    const boot = new RandomForestClassifier({ nTrees: 20, minSamplesLeaf: 1 });
    await boot.fit(train, { seed: 2 });
    expect(auc(train.y, await boot.predictProba(train))).toBe(1);
  });

  it('weights rows in the Gini impurity and leaf shares (hand-computed)', async () => {
    // x = 0: labels 0, 0, 1 (weight 3); x = 1: labels 0, 1, 1.
    // Weighted: left 3/5 = 0.6, right 2/3; the split gains (9+4)/5 + (4+1)/3 > (25+9)/8.
    // Unweighted: left 1/3, right 2/3.
    const train = createDataset(Float64Array.from([0, 0, 0, 1, 1, 1]), [0, 0, 1, 0, 1, 1], 1);
    const q = Float64Array.from([0, 1]);
    const rf = new RandomForestClassifier({ nTrees: 2, bootstrap: false, minSamplesLeaf: 1 });
    await rf.fit(train, { sampleWeight: Float64Array.from([1, 1, 3, 1, 1, 1]) });
    const pw = await rf.predictProba(q);
    expect(pw[0]).toBeCloseTo(0.6, 12);
    expect(pw[1]).toBeCloseTo(2 / 3, 12);
    await rf.fit(train);
    const pu = await rf.predictProba(q);
    expect(pu[0]).toBeCloseTo(1 / 3, 12);
    expect(pu[1]).toBeCloseTo(2 / 3, 12);
  });

  it('weights choose the cut (hand-computed stump)', async () => {
    // x = 0..3, y = 0 1 0 1, weights 1 3 1 1. Score sum_child (p^2 + n^2) / w:
    // cut 0.5: 1 + (16 + 1) / 5 = 4.4; cut 1.5: (9 + 1) / 4 + 2 / 2 = 3.5; cut 2.5: 13 / 5 + 1 = 3.6.
    const train = createDataset(Float64Array.from([0, 1, 2, 3]), [0, 1, 0, 1], 1);
    const rf = new RandomForestClassifier({
      nTrees: 1,
      bootstrap: false,
      minSamplesLeaf: 1,
      maxDepth: 1,
    });
    await rf.fit(train, { sampleWeight: Float64Array.from([1, 3, 1, 1]) });
    const p = await rf.predictProba(Float64Array.from([0, 0.5, 0.51, 3]));
    expect(p[0]).toBe(0);
    expect(p[1]).toBe(0);
    expect(p[2]).toBeCloseTo(0.8, 12);
    expect(p[3]).toBeCloseTo(0.8, 12);
  });

  it('keeps minSamplesLeaf draws in every leaf (hand-computed)', async () => {
    // y = 1 for x = 8, 9 only. With 3 rows per leaf the pure cut 7.5 is not allowed; the best
    // allowed cut is 6.5 (score 7 + 5/3 against 6 + 8/4 at 5.5), and {7, 8, 9} cannot split again.
    // Mirrored (y = 1 for x = 0, 1): the cut is 2.5.
    const x = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const third = 2 / 3;
    for (const [y, want] of [
      [
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
        [0, 0, 0, 0, 0, 0, 0, third, third, third],
      ],
      [
        [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        [third, third, third, 0, 0, 0, 0, 0, 0, 0],
      ],
    ]) {
      const train = createDataset(x, y, 1);
      const rf = new RandomForestClassifier({ nTrees: 1, bootstrap: false, minSamplesLeaf: 3 });
      await rf.fit(train);
      const p = await rf.predictProba(train);
      for (let i = 0; i < 10; i++) expect(p[i]).toBeCloseTo(want[i], 12);
    }
  });

  it('draws a bootstrap sample per tree from the seed', async () => {
    // one feature: the only randomness left is the bootstrap
    const rng = new Rng(9);
    const x = new Float64Array(60);
    const y = new Uint8Array(60);
    for (let i = 0; i < 60; i++) {
      x[i] = i;
      y[i] = rng.float() < i / 60 ? 1 : 0;
    }
    const train = createDataset(x, y, 1);
    const probs = async (bootstrap: boolean, seed: number) => {
      const rf = new RandomForestClassifier({ nTrees: 5, bootstrap, minSamplesLeaf: 2 });
      await rf.fit(train, { seed });
      return Array.from(await rf.predictProba(train));
    };
    expect(await probs(false, 1)).toEqual(await probs(false, 2));
    expect(await probs(true, 1)).not.toEqual(await probs(true, 2));
  });

  it('a zero weight removes a row', async () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 5]);
    const withOutlier = createDataset(x, [0, 0, 1, 1, 1, 0], 1);
    const rf = new RandomForestClassifier({ nTrees: 1, bootstrap: false, minSamplesLeaf: 1 });
    await rf.fit(withOutlier, { sampleWeight: Float64Array.from([1, 1, 1, 1, 1, 0]) });
    // without row 5 the data are separable at 1.5, so x = 5 scores 1
    expect(Array.from(await rf.predictProba(Float64Array.from([0, 5])))).toEqual([0, 1]);
  });

  it('solves XOR, which a linear score cannot', async () => {
    const train = xor(400, 3);
    const test = xor(400, 4);
    const rf = new RandomForestClassifier({ nTrees: 50 });
    await rf.fit(train, { seed: 5 });
    expect(auc(test.y, await rf.predictProba(test))).toBeGreaterThan(0.97);
    // best linear scores: any direction w gives chance level on XOR
    for (const [a, b] of [
      [1, 0],
      [0, 1],
      [1, 1],
      [1, -1],
    ]) {
      const s = new Float64Array(test.nRows);
      for (let i = 0; i < test.nRows; i++) s[i] = a * test.X[2 * i] + b * test.X[2 * i + 1];
      const v = auc(test.y, s);
      expect(Math.max(v, 1 - v)).toBeLessThan(0.6);
    }
  });

  it('is close to scikit-learn on a non-linear imbalanced problem (frozen fixture)', async () => {
    const train = createDataset(Float64Array.from(fx.trainX), fx.trainY, fx.nCols);
    const test = createDataset(Float64Array.from(fx.testX), fx.testY, fx.nCols);
    let sum = 0;
    for (const seed of [0, 1, 2]) {
      const rf = new RandomForestClassifier();
      await rf.fit(train, { seed });
      const p = await rf.predictProba(test);
      for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
      sum += auc(test.y, p);
    }
    const mean = sum / 3;
    expect(Math.abs(mean - fx.forestAucMean)).toBeLessThan(0.03);
    expect(mean).toBeGreaterThan(fx.logisticAuc + 0.1);
  });

  it('same seed gives the same probabilities, another seed different ones', async () => {
    const train = xor(200, 8);
    const fit = async (seed: number) => {
      const rf = new RandomForestClassifier({ nTrees: 10 });
      await rf.fit(train, { seed });
      return rf.predictProba(train);
    };
    const a = await fit(1);
    expect(Array.from(await fit(1))).toEqual(Array.from(a));
    expect(Array.from(await fit(2))).not.toEqual(Array.from(a));
    const rngSeeded = new RandomForestClassifier({ nTrees: 10 });
    await rngSeeded.fit(train, { seed: new Rng(1) });
    expect(Array.from(await rngSeeded.predictProba(train))).toEqual(Array.from(a));
  });

  it('graded probabilities in [0, 1] with the default leaf size', async () => {
    const train = createDataset(Float64Array.from(fx.trainX), fx.trainY, fx.nCols);
    const rf = new RandomForestClassifier({ nTrees: 20 });
    await rf.fit(train, { seed: 0 });
    const p = await rf.predictProba(train);
    expect(Math.min(...p)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...p)).toBeLessThanOrEqual(1);
    expect(new Set(p).size).toBeGreaterThan(100);
    expect(rf.treeCount).toBe(20);
  });

  it('reports progress per tree and honours an abort signal', async () => {
    const train = xor(100, 1);
    const steps: number[] = [];
    const rf = new RandomForestClassifier({ nTrees: 4 });
    await rf.fit(train, { onProgress: (p) => steps.push(p.step) });
    expect(steps).toEqual([1, 2, 3, 4]);
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(rf.fit(train, { signal: ac.signal })).rejects.toThrow('stop');
  });

  it('rejects bad options and inputs, naming the argument', async () => {
    const bad = (f: () => unknown, arg: string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AdaarInputError);
        expect((e as Error).message).toContain(arg);
        return;
      }
      throw new Error(`no error for ${arg}`);
    };
    bad(() => new RandomForestClassifier({ nTrees: 0 }), 'nTrees');
    bad(() => new RandomForestClassifier({ minSamplesLeaf: 0.5 }), 'minSamplesLeaf');
    bad(() => new RandomForestClassifier({ maxDepth: 0 }), 'maxDepth');
    bad(() => new RandomForestClassifier({ maxBins: 1 }), 'maxBins');
    bad(() => new RandomForestClassifier({ maxFeatures: 1.5 }), 'maxFeatures');
    bad(() => new RandomForestClassifier({ maxFeatures: 'half' as 'sqrt' }), 'maxFeatures');

    const rf = new RandomForestClassifier({ nTrees: 2 });
    await expect(rf.predictProba(Float64Array.from([1]))).rejects.toBeInstanceOf(NotFittedError);
    const oneClass = createDataset(Float64Array.from([0, 1, 2]), [0, 0, 0], 1);
    await expect(rf.fit(oneClass)).rejects.toThrow(/train.*both classes/);
    const train = createDataset(Float64Array.from([0, 1, 2, 3]), [0, 0, 1, 1], 1);
    await expect(rf.fit(train, { sampleWeight: Float64Array.from([1, 1]) })).rejects.toThrow(
      /sampleWeight/,
    );
    await expect(
      rf.fit(train, { sampleWeight: Float64Array.from([1, -1, 1, 1]) }),
    ).rejects.toBeInstanceOf(AdaarInputError);
    await rf.fit(train);
    await expect(rf.predictProba(Float64Array.from([Number.NaN]))).rejects.toThrow(
      /^X: has a non-finite value at row 0/,
    );
    await expect(rf.predictProba(createDataset(new Float64Array(4), [0, 1], 2))).rejects.toThrow(
      /^X: has 2 columns/,
    );
    rf.dispose();
    rf.dispose();
    await expect(rf.predictProba(Float64Array.from([1]))).rejects.toBeInstanceOf(NotFittedError);
  });
});
