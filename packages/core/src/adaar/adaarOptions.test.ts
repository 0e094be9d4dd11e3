import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { defaultLatentDim, resolveAdaarOptions } from './adaarOptions';

describe('resolveAdaarOptions', () => {
  it('fills in the methods.md section 4 defaults', () => {
    const o = resolveAdaarOptions({}, 64);
    expect(o).toMatchObject({
      variant: 'paper-recon',
      ae: true,
      d1: true,
      d2: true,
      space: 'latent',
      d2OnSynthetic: false,
      d2SyntheticShare: 0,
      featureMatchingWeight: 0,
      sampleFilterKeep: 1,
      encoder: 'frozen',
      latentDim: 32,
      aeHidden: [64, 32],
      noiseDim: 32,
      generatorHidden: [64, 64],
      discriminatorHidden: [64, 32],
      leakySlope: 0.2,
      aeEpochs: 50,
      aeBatchSize: 256,
      aeLearningRate: 1e-3,
      aeBalancedBatches: false,
      iterations: 5000,
      batchPerClass: 64,
      learningRate: 2e-4,
      beta1: 0.5,
      beta2: 0.999,
      lambda: 1,
      labelSmoothing: 0,
      d2WarmupIterations: 200,
      diagnostics: true,
      diagnosticsEvery: 0,
    });
  });

  it('H = min(32, max(8, ceil(d/2))), and H = d without the autoencoder', () => {
    expect([3, 16, 17, 40, 64, 200].map(defaultLatentDim)).toEqual([8, 8, 9, 20, 32, 32]);
    expect(resolveAdaarOptions({}, 17).latentDim).toBe(9);
    expect(resolveAdaarOptions({ latentDim: 5 }, 17).latentDim).toBe(5);
    expect(resolveAdaarOptions({ ae: false, latentDim: 5 }, 17).latentDim).toBe(17);
  });

  it('without the autoencoder, decoded space collapses to latent; anchored stays anchored', () => {
    expect(resolveAdaarOptions({ ae: false, space: 'decoded' }, 10).space).toBe('latent');
    expect(resolveAdaarOptions({ ae: false, space: 'anchored' }, 10).space).toBe('anchored');
    expect(resolveAdaarOptions({ space: 'decoded' }, 10).space).toBe('decoded');
  });

  it('undefined options keep their defaults; a number enables periodic diagnostics', () => {
    expect(resolveAdaarOptions({ lambda: undefined }, 10).lambda).toBe(1);
    const o = resolveAdaarOptions({ diagnostics: 250 }, 10);
    expect(o.diagnostics).toBe(true);
    expect(o.diagnosticsEvery).toBe(250);
    expect(resolveAdaarOptions({ diagnostics: false }, 10).diagnostics).toBe(false);
  });

  it('rejects invalid values, naming the option', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ d1: false, d2: false }, /options\.d1: .*both/],
      [{ iterations: -1 }, /options\.iterations/],
      [{ batchPerClass: 0 }, /options\.batchPerClass/],
      [{ learningRate: 0 }, /options\.learningRate/],
      [{ beta1: 1 }, /options\.beta1/],
      [{ labelSmoothing: 1 }, /options\.labelSmoothing/],
      [{ space: 'nowhere' }, /options\.space/],
      [{ encoder: 'thawed' }, /options\.encoder/],
      [{ generatorHidden: [64, 0] }, /options\.generatorHidden/],
      [{ latentDim: 2.5 }, /options\.latentDim/],
      [{ variant: 'best' }, /options\.variant/],
      [{ ae: 'yes' }, /options\.ae/],
      [{ diagnostics: 0 }, /options\.diagnostics/],
      [{ lambda: Number.NaN }, /options\.lambda/],
    ];
    for (const [o, re] of bad) {
      expect(() => resolveAdaarOptions(o as never, 10)).toThrow(AdaarInputError);
      expect(() => resolveAdaarOptions(o as never, 10)).toThrow(re);
    }
  });
});
