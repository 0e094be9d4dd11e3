import { initBackend, tf } from '@adaar/core';
import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { describeGanSamplerApi } from '../../test/apiChecks';
import { smallTable, TINY_BAGAN } from '../../test/fixtures';
import { Bagan } from './bagan';
import { loadBagan } from './loadBagan';

describeGanSamplerApi({
  name: 'bagan',
  make: () => new Bagan(TINY_BAGAN),
  load: loadBagan,
  train: () => smallTable(),
  phases: [
    { phase: 'autoencoder', epochs: 2, losses: ['ae'] },
    { phase: 'adversarial', epochs: 2, losses: ['d', 'g'] },
  ],
  keptTensors: 3, // generator: 3 kernels, no biases
});

describe('Bagan input checks', () => {
  it('a minority too small for the latent covariance is an AdaarInputError, before any training', async () => {
    await initBackend({ backend: 'wasm' });
    const base = tf.memory().numTensors;
    const train = smallTable({ nRows: 300, positives: 20 });
    const err = await new Bagan({ ...TINY_BAGAN, latentDim: 32 }).fit(train).catch((e) => e);
    expect(err).toBeInstanceOf(AdaarInputError);
    expect(err.argument).toBe('train');
    expect(err.message).toMatch(/20 high-risk \(1\) rows.*latentDim 32.*at most 19/);
    expect(tf.memory().numTensors).toBe(base);
    // the same data train with a latent size it supports
    const ok = await new Bagan({ ...TINY_BAGAN, latentDim: 8 }).fit(train);
    expect(ok.sample(3).length).toBe(3 * train.nCols);
    ok.dispose();
  });

  it('caps the batch at the number of rows (100 rows, B = 128) instead of never training', async () => {
    const f = await new Bagan({ ...TINY_BAGAN, batchSize: 128 }).fit(
      smallTable({ nRows: 100, positives: 30 }),
    );
    expect(f.history.length).toBe(4);
    f.dispose();
  });

  it('names bad options', () => {
    expect(() => new Bagan({ epochs: -1 })).toThrow(/^epochs:/);
  });
});
