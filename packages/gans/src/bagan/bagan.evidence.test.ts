import { countClasses, Rng } from '@adaar/data';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EvidenceSetting,
  evidenceSetting,
  expectHighRiskLike,
  judge,
} from '../../test/evidence';
import { Bagan } from './bagan';

// Evidence that BAGAN works on the embedded synthetic credit data (the bench's M7/M9
// training rows), with its default hyper-parameters except fewer epochs.
let e: EvidenceSetting;
beforeAll(async () => {
  e = await evidenceSetting();
});

describe('BAGAN evidence (embedded data, M7/M9 training rows)', () => {
  it('the held-out judge separates the real classes', () => {
    expect(e.realHigh).toBeGreaterThan(0.6);
    expect(e.realLow).toBeLessThan(0.3);
  });

  it('20 autoencoder + 10 adversarial epochs: high-risk-like rows, far more than its low-risk-conditioned rows', async () => {
    const f = await new Bagan({ autoencoderEpochs: 20, epochs: 10 }).fit(e.train, { seed: 1 });
    const n = countClasses(e.train).positive; // K = 1
    const high = judge(f.sample(n), e);
    // the same generator, conditioned on the low-risk latent normal
    const z0 = f.classNormals[0].sample(n, new Rng(2), new Float32Array(n * f.latentDim));
    const low = judge(Float64Array.from(f.generator.predictArray(z0)), e);
    f.dispose();
    console.info(
      'BAGAN evidence',
      JSON.stringify({ high, low, realHigh: e.realHigh, realLow: e.realLow }),
    );
    expectHighRiskLike(high, e);
    expect(high.highShare).toBeGreaterThan(low.highShare + 0.2);
    // the judges can fail: the low-risk-conditioned rows do
    expect(() => expectHighRiskLike(low, e)).toThrow();
  }, 600_000);
});
