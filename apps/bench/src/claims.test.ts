import { describe, expect, it } from 'vitest';
import { compare, paperClaims } from './claims';
import { fakeRecord } from './testRecords';

const seeds = [0, 1, 2, 3, 4];
function runs(method: string, auc: number[], rap: number[] = auc) {
  return seeds.map((seed) =>
    fakeRecord({ split: 'S', method, seed, metrics: { auc: auc[seed], 'rap@0.1': rap[seed] } }),
  );
}
const base = [0.8, 0.81, 0.79, 0.82, 0.8];
const adaar = base.map((b, i) => b + [0.05, 0.04, 0.03, 0.02, 0.01][i]);
const shift = (d: number[]) => adaar.map((a, i) => a + d[i]);

// ADAAR - NS: +0.05 .. +0.01, all positive, distinct: W+ = 15 of 15, exact one-sided p = 1/32.
// ADAAR - ROS: -0.001, +0.015, +0.025, +0.035, +0.045: the one loss has the smallest |d|
//   (rank 1), so W+ = 14 and P(W+ >= 14) = 2/32 = 0.0625 > 0.05.
// ablation - ADAAR: +0.011 .. +0.055 in every seed: P(W+ <= 0) = 1/32 for "ADAAR > ablation".
const records = [
  ...runs('ns', base),
  ...runs('ros', shift([0.001, -0.015, -0.025, -0.035, -0.045])),
  ...runs('adaar', adaar),
  ...runs('adaar-no-d1', shift([0.011, 0.022, 0.033, 0.044, 0.055])),
];

describe('compare', () => {
  it('exact Wilcoxon p-values against hand-computed ones', () => {
    const c = compare(records, { a: 'adaar', b: 'ns', split: 'S', metric: 'auc', k: 1 });
    expect(c.n).toBe(5);
    expect(c.wins).toBe(5);
    expect(c.meanDiff).toBeCloseTo(0.03, 12);
    expect(c.pGreater).toBeCloseTo(1 / 32, 12);
    expect(c.pLess).toBeCloseTo(1, 12);
    expect(c.pTwoSided).toBeCloseTo(2 / 32, 12);
    const r = compare(records, { a: 'adaar', b: 'ros', split: 'S', metric: 'auc', k: 1 });
    expect([r.wins, r.losses]).toEqual([4, 1]);
    expect(r.pGreater).toBeCloseTo(2 / 32, 12);
  });
  it('pairs only seeds both methods have', () => {
    const partial = records.filter((r) => !(r.method === 'ns' && r.seed === 4));
    expect(compare(partial, { a: 'adaar', b: 'ns', split: 'S', metric: 'auc', k: 1 }).n).toBe(4);
  });
});

describe('paperClaims', () => {
  const claims = paperClaims(records, {
    splits: ['S'],
    methods: ['ns', 'ros', 'adaar', 'adaar-no-d1'],
    metrics: ['auc'],
    mainRap: 'rap@0.1',
    k: 1,
  });
  it('ADAAR best: not supported, since an ablation beats it; named in the finding', () => {
    const best = claims.find((c) => c.claim.startsWith('ADAAR is the best'))!;
    expect(best.verdict).toBe('contradicted');
    expect(best.finding).toMatch(
      /^Not as claimed: ADAAR w\/o D1 is higher than ADAAR \(ADAAR w\/o D1 0\.\d{4} vs ADAAR 0\.\d{4}; ADAAR w\/o D1 higher in 5\/5 seeds, one-sided p = 0\.031\)\.$/,
    );
  });
  it('ablations: contradicted with p = 1/32 the other way', () => {
    const abl = claims.find((c) => c.claim.startsWith('Every ablation'))!;
    expect(abl.verdict).toBe('contradicted');
    expect(abl.comparisons[0].pLess).toBeCloseTo(1 / 32, 12);
  });
  it('GANs vs SMOTE/ADASYN: not testable without those methods', () => {
    const g = claims.find((c) => c.claim.startsWith('GAN methods'))!;
    expect(g.verdict).toBe('not testable');
  });
  it('without the ablation: ADAAR highest everywhere but not significant against ROS', () => {
    const c = paperClaims(records, {
      splits: ['S'],
      methods: ['ns', 'ros', 'adaar'],
      metrics: ['auc'],
      mainRap: 'rap@0.1',
      k: 1,
    })[0];
    expect(c.verdict).toBe('direction holds, not significant');
    expect(c.finding).toMatch(/not significantly .* against ROS/);
  });
  it('supported when every pair is significant', () => {
    const c = paperClaims(records, {
      splits: ['S'],
      methods: ['ns', 'adaar'],
      metrics: ['auc'],
      mainRap: 'rap@0.1',
      k: 1,
    })[0];
    expect(c.verdict).toBe('supported');
  });
});
