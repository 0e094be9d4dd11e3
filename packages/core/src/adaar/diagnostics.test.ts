import { AdaarInputError, createDataset } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import {
  diagnoseSamples,
  medianHeuristicBandwidth,
  mmdRbf,
  nearestNeighbourRatio,
  nearestNeighbours,
  nearestPositiveShare,
  riskinessGap,
  spreadRatio,
} from './diagnostics';

const f = (...v: number[]) => Float64Array.from(v);

describe('spreadRatio', () => {
  it('matches a hand-computed median of per-feature std ratios, skipping constant columns', () => {
    // reference columns: [0,2,4] (std 2), [1,1,4] (std sqrt 3), [5,5,5] (constant, skipped),
    // [0,0,3] (std sqrt 3)
    const ref = f(0, 1, 5, 0, 2, 1, 5, 0, 4, 4, 5, 3);
    // synthetic columns: [0,1] (std sqrt .5), [0,3] (std sqrt 4.5), anything, [0,10] (std sqrt 50)
    const syn = f(0, 0, 9, 0, 1, 3, -9, 10);
    // ratios 0.354, 1.225, 4.082: the median is the middle one (the mean would be 1.887)
    expect(spreadRatio(syn, ref, 4)).toBeCloseTo(Math.sqrt(4.5) / Math.sqrt(3), 12);
  });

  it('scales with the synthetic spread', () => {
    const ref = f(0, 1, 2, 5, 3, -1, 7, 2);
    const syn = f(1, 1, 4, 0, -2, 3);
    const r = spreadRatio(syn, ref, 2);
    const syn3 = syn.map((v) => 3 * v + 10);
    expect(spreadRatio(syn3, ref, 2)).toBeCloseTo(3 * r, 12);
  });

  it('rejects bad shapes', () => {
    expect(() => spreadRatio(f(1, 2, 3), f(1, 2), 2)).toThrow(AdaarInputError);
    expect(() => spreadRatio(f(1, 2), f(1, 2, 3, 4), 2)).toThrow(/synthetic/);
  });
});

describe('nearest-neighbour diagnostics', () => {
  it('nearestNeighbours finds hand-checked neighbours, leave-one-out when asked', () => {
    const ref = f(0, 1, 3);
    const own = nearestNeighbours(ref, ref, 1, true);
    expect(Array.from(own.distance)).toEqual([1, 1, 2]);
    expect(Array.from(own.index)).toEqual([1, 0, 1]);
    const q = nearestNeighbours(f(0.5, 5), ref, 1);
    expect(Array.from(q.distance)).toEqual([0.5, 2]);
    expect(Array.from(q.index)).toEqual([0, 2]);
  });

  it('nearestNeighbourRatio = mean NN distance to P / mean leave-one-out NN distance in P', () => {
    // P = {0, 1, 3}: LOO NN distances 1, 1, 2 (mean 4/3); synthetic {0.5, 5}: 0.5, 2 (mean 1.25)
    expect(nearestNeighbourRatio(f(0.5, 5), f(0, 1, 3), 1)).toBeCloseTo(1.25 / (4 / 3), 12);
    // copies of P sit at distance 0
    expect(nearestNeighbourRatio(f(0, 3), f(0, 1, 3), 1)).toBe(0);
  });

  it('nearestNeighbours uses Euclidean distance in several dimensions', () => {
    const ref = f(0, 0, 3, 4);
    const { distance } = nearestNeighbours(f(6, 8), ref, 2);
    expect(distance[0]).toBeCloseTo(5, 12);
  });

  it('nearestPositiveShare counts queries whose nearest training row is high-risk', () => {
    const train = { X: f(0, 1, 10, 11), y: Uint8Array.from([1, 1, 0, 0]), nCols: 1 };
    // 0.2 -> 0 (pos), 9 -> 10 (neg), 5.4 -> 1 (pos, 4.4 < 4.6)
    expect(nearestPositiveShare(f(0.2, 9, 5.4), train)).toBeCloseTo(2 / 3, 12);
    // leave-one-out over the first two rows (the positives): each finds the other positive
    expect(nearestPositiveShare(f(0, 1), train, true)).toBe(1);
  });
});

describe('mmdRbf', () => {
  it('matches the unbiased estimator computed by hand', () => {
    // A = {0, 1}, B = {0, 2}, bandwidth 1: k(a, b) = exp(-(a-b)^2 / 2)
    const k = (d: number) => Math.exp(-(d * d) / 2);
    const kaa = k(1); // (k(0,1) + k(1,0)) / (2 * 1)
    const kbb = k(2);
    const kab = (k(0) + k(2) + k(1) + k(1)) / 4;
    expect(mmdRbf(f(0, 1), f(0, 2), 1, 1)).toBeCloseTo(kaa + kbb - 2 * kab, 12);
  });

  it('is symmetric, grows as one sample moves away, and tends to the within-sample terms', () => {
    const a = f(0, 1, 2, 3, 4, 5);
    const shifted = (s: number) => a.map((v) => v + s);
    const m = [0.5, 2, 5].map((s) => mmdRbf(a, shifted(s), 1, 2));
    expect(m[0]).toBeLessThan(m[1]);
    expect(m[1]).toBeLessThan(m[2]);
    expect(mmdRbf(shifted(2), a, 1, 2)).toBeCloseTo(m[1], 12);
    // when the cross-kernel vanishes MMD^2 = 2 x the mean off-diagonal within-sample kernel
    let kaa = 0;
    for (let i = 0; i < 6; i++)
      for (let k = 0; k < 6; k++) if (i !== k) kaa += Math.exp(-((i - k) ** 2) / 8);
    expect(mmdRbf(a, shifted(1000), 1, 2)).toBeCloseTo((2 * kaa) / 30, 12);
  });

  it('uses the median pairwise distance as the default bandwidth', () => {
    // pooled {0, 1, 3}: distances 1, 3, 2 -> median 2
    expect(medianHeuristicBandwidth(f(0, 1), f(3), 1)).toBe(2);
    expect(mmdRbf(f(0, 1), f(3, 4), 1)).toBeCloseTo(
      mmdRbf(f(0, 1), f(3, 4), 1, medianHeuristicBandwidth(f(0, 1), f(3, 4), 1)),
      15,
    );
    expect(() => mmdRbf(f(0, 1), f(3, 4), 1, 0)).toThrow(/bandwidth/);
  });
});

describe('riskinessGap and diagnoseSamples', () => {
  const train = createDataset(
    [
      [0, 0],
      [1, 0],
      [0, 1],
      [10, 10],
      [11, 10],
      [10, 12],
      [12, 11],
    ],
    [1, 1, 1, 0, 0, 0, 0],
  );

  it('riskinessGap is the mean logit difference', () => {
    expect(riskinessGap([1, 2, 3], [0, 1])).toBeCloseTo(2 - 0.5, 12);
    expect(() => riskinessGap([], [1])).toThrow(AdaarInputError);
  });

  it('copies of the real high-risk rows give ratio 0, shares 1 and a zero gap', async () => {
    const syn = f(0, 0, 1, 0, 0, 1);
    const d = await diagnoseSamples(syn, train, { riskLogit: (_X, n) => new Float64Array(n) });
    expect(d.nSynthetic).toBe(3);
    expect(d.spreadRatio).toBeCloseTo(1, 12);
    expect(d.nnDistanceRatio).toBe(0);
    expect(d.nearestPositiveShare).toBe(1);
    expect(d.realNearestPositiveShare).toBe(1);
    expect(d.riskinessGap).toBe(0);
  });

  it('with a linear scorer the gap is w . (mean synthetic - mean real high-risk)', async () => {
    const w = [0.7, -0.2];
    const scorer = (X: Float64Array, n: number) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = 3 + w[0] * X[2 * i] + w[1] * X[2 * i + 1];
      return out;
    };
    const syn = f(2, 2, 4, 6, 9, 9);
    const d = await diagnoseSamples(syn, train, { riskLogit: scorer, standardize: false });
    const meanS = [5, 17 / 3];
    const meanP = [1 / 3, 1 / 3];
    expect(d.riskinessGap).toBeCloseTo(
      w[0] * (meanS[0] - meanP[0]) + w[1] * (meanS[1] - meanP[1]),
      12,
    );
    // (9,9) is nearest to (10,10), low-risk; (2,2) to (1,0); (4,6) is 6.40 from (0,1) and
    // 7.21 from (10,10): both high-risk
    expect(d.nearestPositiveShare).toBeCloseTo(2 / 3, 12);
  });

  it('subsamples synthetic rows to maxRows, deterministically by seed', async () => {
    const syn = new Float64Array(2 * 50).map((_, i) => (i * 7) % 13);
    const a = await diagnoseSamples(syn, train, { maxRows: 10, seed: 3 });
    const b = await diagnoseSamples(syn, train, { maxRows: 10, seed: 3 });
    expect(a.nSynthetic).toBe(10);
    expect(a).toEqual(b);
  });

  it('rejects mismatched shapes and scorers', async () => {
    await expect(diagnoseSamples(f(1, 2, 3), train)).rejects.toThrow(/synthetic/);
    await expect(diagnoseSamples(f(1, 2, 3, 4), train, { riskLogit: () => [1] })).rejects.toThrow(
      /riskLogit/,
    );
  });
});
