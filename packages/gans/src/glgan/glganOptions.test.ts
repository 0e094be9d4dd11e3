import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { defaultGlGanLatentDim, resolveGlGanOptions } from './glganOptions';

describe('resolveGlGanOptions (methods.md 3.2-3.4)', () => {
  it('defaults: k 5, α 1, multiclass D, E gets only L_rec, minority fakes only, Adam 2e-4 / 0.5', () => {
    const o = resolveGlGanOptions();
    expect(o.k).toBe(5);
    expect(o.alpha).toBe(1);
    expect(o.discriminator).toBe('multiclass');
    expect(o.adversarialIntoEncoder).toBe(false);
    expect(o.majorityFakes).toBe(false);
    expect(o.learningRate).toBe(2e-4);
    expect(o.beta1).toBe(0.5);
    expect(o.warmupLearningRate).toBe(1e-3);
    expect(o.encoderWidths).toEqual([128, 64]);
    expect(o.generatorWidths).toEqual([64, 128]);
    expect(o.discriminatorWidths).toEqual([128, 64]);
    expect(o.leakySlope).toBe(0.2);
    expect(o.batchSize).toBe(128);
  });

  it('latent size min(32, ceil(d/2))', () => {
    expect(defaultGlGanLatentDim(100)).toBe(32);
    expect(defaultGlGanLatentDim(20)).toBe(10);
    expect(defaultGlGanLatentDim(7)).toBe(4);
    expect(resolveGlGanOptions().latentDim).toBe(0);
    expect(resolveGlGanOptions({ latentDim: 8 }).latentDim).toBe(8);
  });

  it('names the bad option', () => {
    expect(() => resolveGlGanOptions({ k: 0 })).toThrow(AdaarInputError);
    expect(() => resolveGlGanOptions({ alpha: -1 })).toThrow(/^alpha:/);
    expect(() => resolveGlGanOptions({ discriminator: 'wgan' as unknown as 'multiclass' })).toThrow(
      /^discriminator:/,
    );
  });
});
