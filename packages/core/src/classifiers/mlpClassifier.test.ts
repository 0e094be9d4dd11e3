import { createDataset, type Dataset, Rng } from '@adaar/data';
import { auc } from '@adaar/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { MLPClassifier } from './mlpClassifier';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** Two Gaussian blobs, 15 % positives, separable along a direction mixing all features. */
function blobs(n: number, seed: number, gap = 4): Dataset {
  const rng = new Rng(seed);
  const d = 5;
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.float() < 0.15 ? 1 : 0;
    for (let j = 0; j < d; j++) X[i * d + j] = rng.normal() + (y[i] ? gap / Math.sqrt(d) : 0);
  }
  return createDataset(X, y, d);
}

describe('MLPClassifier', () => {
  it('learns a separable problem, stops early on validation AUC and restores the best epoch', async () => {
    const before = tf.memory().numTensors;
    const train = blobs(600, 1);
    const valid = blobs(300, 2);
    const test = blobs(300, 3);
    const clf = new MLPClassifier({
      maxEpochs: 60,
      patience: 3,
      minDelta: 0,
      batchSize: 64,
      learningRate: 3e-3,
    });
    const seen: number[] = [];
    await clf.fit(train, { validation: valid, seed: 5, onProgress: (p) => seen.push(p.step) });
    const h = clf.history;
    expect(seen).toEqual(h.map((e) => e.epoch + 1));
    expect(h.length).toBeLessThan(60);
    const bestAuc = Math.max(...h.map((e) => e.valAuc ?? 0));
    expect(h[clf.bestEpoch].valAuc).toBe(bestAuc);
    // stopped exactly `patience` epochs after the last improvement
    expect(h.length - 1 - clf.bestEpoch).toBe(3);
    const pv = await clf.predictProba(valid);
    expect(auc(valid.y, pv)).toBeCloseTo(bestAuc, 10);
    const pt = await clf.predictProba(test);
    // Bayes-optimal AUC for unit Gaussians 4 apart: Phi(4 / sqrt 2) = 0.9977
    expect(auc(test.y, pt)).toBeGreaterThan(0.98);
    expect(pt.every((p) => p > 0 && p < 1)).toBe(true);
    expect(h[h.length - 1].loss).toBeLessThan(h[0].loss);
    clf.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic by seed and honours sample weights', async () => {
    const train = blobs(300, 4, 1);
    const fitOnce = async (seed: number, w?: Float64Array) => {
      const c = new MLPClassifier({ maxEpochs: 3, batchSize: 64 });
      await c.fit(train, { seed, ...(w ? { sampleWeight: w } : {}) });
      const p = await c.predictProba(train);
      c.dispose();
      return p;
    };
    const a = await fitOnce(7);
    expect(await fitOnce(7)).toEqual(a);
    expect(await fitOnce(8)).not.toEqual(a);
    // weighting positives x5 raises their predicted probability on average
    const w = Float64Array.from(train.y, (v) => (v ? 5 : 1));
    const b = await fitOnce(7, w);
    const meanPos = (p: Float64Array) => p.reduce((s, v, i) => s + (train.y[i] ? v : 0), 0);
    expect(meanPos(b)).toBeGreaterThan(meanPos(a));
  });

  it('validates its input', async () => {
    const clf = new MLPClassifier({ maxEpochs: 1 });
    const train = blobs(50, 1);
    await expect(clf.predictProba(train)).rejects.toThrow(/not fitted/);
    const oneClassVal = createDataset([[0, 0, 0, 0, 0]], [1]);
    await expect(clf.fit(train, { validation: oneClassVal })).rejects.toThrow(
      /validation: needs both classes/,
    );
    const wrongCols = createDataset([[0], [1]], [0, 1]);
    await expect(clf.fit(train, { validation: wrongCols })).rejects.toThrow(
      /validation: has 1 columns/,
    );
    expect(() => new MLPClassifier({ batchSize: 0 })).toThrow(/batchSize/);
    clf.dispose();
  });
});
