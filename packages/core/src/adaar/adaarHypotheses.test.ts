// Issue 7 hypotheses as ADAAR options: each test fails when its mechanism is switched off.
import { AdaarInputError, type Dataset } from '@adaar/data';
import { conformanceDataset } from '@adaar/samplers/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_ADAAR as TINY } from '../../test/helpers/tinyAdaar';
import { initBackend } from '../backend';
import { Adaar } from './adaar';
import { resolveAdaarOptions } from './adaarOptions';

const last = (v: number[]) => v[v.length - 1];

let train: Dataset;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  train = conformanceDataset(); // 160 rows x 4 columns, 24 high-risk
});

describe('d2SyntheticShare (D2 on real + a share of generated rows labelled high-risk)', () => {
  it('makes D2 score generated rows as risky as real high-risk ones; 0 leaves a gap', async () => {
    const run = async (d2SyntheticShare: number) => {
      // lambda 0: G ignores D2 (it only fools D1), so only D2's own training data differs
      const f = await new Adaar({
        ...TINY,
        lambda: 0,
        d2SyntheticShare,
        iterations: 300,
        learningRate: 1e-3,
        logEvery: 50,
      }).fit(train, { seed: 1 });
      const v = f.trainingCurve.adversarial.values;
      f.dispose();
      return { gap: last(v.d2Real) - last(v.d2Fake), fakeTrain: v.d2FakeTrain };
    };
    const off = await run(0);
    const on = await run(0.5);
    expect(off.fakeTrain).toBeUndefined();
    expect(on.fakeTrain?.length).toBeGreaterThan(0);
    // D2 on real rows only ranks G's rows below real high-risk users; taught them, it does not
    expect(off.gap).toBeGreaterThan(0.05);
    expect(on.gap).toBeLessThan(0.5 * off.gap);
  });

  it('rejects shares outside [0, 1) and the combination with d2OnSynthetic', () => {
    expect(() => resolveAdaarOptions({ d2SyntheticShare: 1 }, 4)).toThrow(
      /options\.d2SyntheticShare/,
    );
    expect(() => resolveAdaarOptions({ d2SyntheticShare: -0.1 }, 4)).toThrow(AdaarInputError);
    expect(() => resolveAdaarOptions({ d2SyntheticShare: 0.2, d2OnSynthetic: true }, 4)).toThrow(
      /d2OnSynthetic/,
    );
  });
});

describe('featureMatchingWeight (G matches D1 hidden-layer means)', () => {
  it("brings the generated batch's D1 hidden-feature mean closer to the real one", async () => {
    // The fm curve is the matched distance on each G batch; a negligible weight only records it.
    const run = async (featureMatchingWeight: number) => {
      const f = await new Adaar({
        ...TINY,
        featureMatchingWeight,
        iterations: 400,
        logEvery: 50,
      }).fit(train, { seed: 2 });
      const fm = f.trainingCurve.adversarial.values.fm;
      f.dispose();
      return fm;
    };
    expect(
      await new Adaar({ ...TINY, iterations: 20 }).fit(train, { seed: 2 }).then((f) => {
        const v = f.trainingCurve.adversarial.values.fm;
        f.dispose();
        return v;
      }),
    ).toBeUndefined();
    const secondHalf = (v: number[]) => {
      const h = v.slice(v.length / 2);
      return h.reduce((a, b) => a + b, 0) / h.length;
    };
    const off = secondHalf(await run(1e-9));
    const on = secondHalf(await run(20));
    expect(on).toBeLessThan(0.5 * off);
  });

  it('rejects a negative weight', () => {
    expect(() => resolveAdaarOptions({ featureMatchingWeight: -1 }, 4)).toThrow(
      /options\.featureMatchingWeight/,
    );
  });
});

describe('sampleFilterKeep (keep the draws D1 finds most real and D2 most risky)', () => {
  it('returns the top share of the candidate draws by log D1 + log D2, in draw order', async () => {
    const f = await new Adaar({ ...TINY, sampleFilterKeep: 0.5 }).fit(train, { seed: 3 });
    const d = train.nCols;
    const n = 40;
    const kept = f.sample(n, { seed: 4 });
    // the same generator stream, unfiltered: the 2n candidates the filter chose from
    const cand = f.sample(2 * n, { seed: 4, filterKeep: 1 });
    const p1 = f.discriminate('d1', cand);
    const p2 = f.discriminate('d2', cand);
    const score = Array.from(p1, (p, i) => Math.log(p) + Math.log(p2[i]));
    const top = score
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, n)
      .map(([, i]) => i)
      .sort((a, b) => a - b);
    const expected = top.flatMap((i) => Array.from(cand.subarray(i * d, (i + 1) * d)));
    expect(kept.length).toBe(n * d);
    for (let i = 0; i < kept.length; i++) expect(kept[i]).toBeCloseTo(expected[i], 4);
    const meanOf = (idx: number[]) => idx.reduce((s, i) => s + score[i], 0) / idx.length;
    const all = score.map((_, i) => i);
    expect(meanOf(top)).toBeGreaterThan(meanOf(all));
    f.dispose();
  });

  it('rejects a share outside (0, 1]', async () => {
    expect(() => resolveAdaarOptions({ sampleFilterKeep: 0 }, 4)).toThrow(
      /options\.sampleFilterKeep/,
    );
    expect(() => resolveAdaarOptions({ sampleFilterKeep: 1.5 }, 4)).toThrow(AdaarInputError);
    const f = await new Adaar(TINY).fit(train, { seed: 1 });
    expect(() => f.sample(3, { filterKeep: 0 })).toThrow(/filterKeep/);
    f.dispose();
  });
});
