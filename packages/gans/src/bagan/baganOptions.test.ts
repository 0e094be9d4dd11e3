import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { resolveBaganOptions } from './baganOptions';

describe('resolveBaganOptions (methods.md 2.2, 2.3, 2.6 item 6)', () => {
  it('defaults: L 32, trunk 128x3, G 128x2, B 128, Adam 5e-5 / 0.5 / 0.999, slope 0.3, dropout 0.3', () => {
    const o = resolveBaganOptions();
    expect(o.latentDim).toBe(32);
    expect(o.trunkWidths).toEqual([128, 128, 128]);
    expect(o.generatorWidths).toEqual([128, 128]);
    expect(o.batchSize).toBe(128);
    expect(o.learningRate).toBe(5e-5);
    expect(o.beta1).toBe(0.5);
    expect(o.beta2).toBe(0.999);
    expect(o.leakySlope).toBe(0.3);
    expect(o.dropout).toBe(0.3);
    expect(o.dropLastBatch).toBe(true);
    expect(o.discriminatorLabels).toBe('uniform');
    expect(o.generatorLabels).toBe('uniform');
  });

  it('the autoencoder epoch count follows the GAN epoch count unless set', () => {
    expect(resolveBaganOptions({ epochs: 7 }).autoencoderEpochs).toBe(7);
    expect(resolveBaganOptions({ epochs: 7, autoencoderEpochs: 2 }).autoencoderEpochs).toBe(2);
  });

  it('names the bad option', () => {
    expect(() => resolveBaganOptions({ latentDim: 0 })).toThrow(AdaarInputError);
    expect(() => resolveBaganOptions({ dropout: 1 })).toThrow(/^dropout:/);
    expect(() => resolveBaganOptions({ trunkWidths: [] })).toThrow(/^trunkWidths:/);
    expect(() =>
      resolveBaganOptions({ generatorLabels: 'balanced' as unknown as 'uniform' }),
    ).toThrow(/^generatorLabels:/);
  });
});
