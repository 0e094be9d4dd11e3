import { createDataset } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { Adasyn } from './adasyn';
import { fitResample } from './fitResample';
import { RandomOverSampler } from './randomOverSampler';
import type { Sampler } from './sampler';

const train = createDataset(
  [[0], [1], [2], [3], [10], [11], [12], [13], [14], [15]],
  [1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
  { period: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
);

describe('fitResample', () => {
  it('appends marked high-risk rows; keeps training rows, metadata and periods', async () => {
    const r = await fitResample(new RandomOverSampler(), train, { K: 1.5 }, { seed: 1 });
    expect(r.nSynthetic).toBe(6);
    expect(r.dataset.nRows).toBe(16);
    expect(Array.from(r.dataset.X.subarray(0, 10))).toEqual(Array.from(train.X));
    expect(Array.from(r.dataset.y)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(r.isSynthetic)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    for (const v of r.dataset.X.subarray(10)) expect([0, 1, 2, 3]).toContain(v);
    expect(Array.from(r.dataset.period?.subarray(0, 10) ?? [])).toEqual(
      Array.from(train.period ?? []),
    );
    expect(Array.from(r.dataset.period?.subarray(10) ?? []).every(Number.isNaN)).toBe(true);
    expect(r.dataset.featureNames).toEqual(train.featureNames);
  });

  it("defaults to 'balance' and uses ADASYN's rounded count", async () => {
    expect((await fitResample(new RandomOverSampler(), train)).nSynthetic).toBe(2);
    // high-risk 0, 1, 2, 3, 4; low-risk 2.5, 5, 6; k = 2: the rows at 2, 3 and 4 each have one
    // low-risk neighbour (2.5, 2.5, 5), the rows at 0 and 1 none: weights 0, 0, 1/3, 1/3, 1/3,
    // so n = 7 gives rint(7/3) = 2 rows to each of three rows: 6 in all
    const mixed = createDataset(
      [[0], [1], [2], [3], [4], [2.5], [5], [6]],
      [1, 1, 1, 1, 1, 0, 0, 0],
    );
    const r = await fitResample(new Adasyn({ k: 2 }), mixed, { n: 7 });
    expect(r.nSynthetic).toBe(6);
    expect(r.dataset.nRows).toBe(14);
  });

  it('copes with samplers that ignore `out`, and rejects broken output', async () => {
    const plain = (rows: Float64Array): Sampler => ({
      name: 'plain',
      fit: async () => ({ name: 'plain', nCols: 1, sample: async () => rows }),
    });
    const r = await fitResample(plain(Float64Array.from([7, 8])), train, { n: 2 });
    expect(Array.from(r.dataset.X.subarray(10))).toEqual([7, 8]);
    await expect(
      fitResample(plain(Float64Array.from([Number.NaN])), train, { n: 1 }),
    ).rejects.toThrow(/sampler "plain" produced NaN in synthetic row 0/);
  });

  it('validates before fitting', async () => {
    await expect(
      fitResample(new RandomOverSampler(), { ...train, y: new Uint8Array(10) }),
    ).rejects.toThrow(/^train: has no high-risk rows/);
    await expect(fitResample(new RandomOverSampler(), train, { K: -1 })).rejects.toThrow(
      /^strategy: /,
    );
  });
});
