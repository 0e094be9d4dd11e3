import { initBackend } from '@adaar/core';
import { runSamplerConformance } from '@adaar/samplers/testing';
import { beforeAll } from 'vitest';
import { GlGan } from './glgan';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Small networks and epochs keep the suite fast; latent SMOTE needs 2 high-risk rows.
runSamplerConformance(
  'glgan',
  () =>
    new GlGan({
      latentDim: 2,
      encoderWidths: [8, 8],
      generatorWidths: [8, 8],
      discriminatorWidths: [8, 8],
      batchSize: 32,
      warmupEpochs: 1,
      epochs: 1,
    }),
  { n: 16, minPositives: 2, timeout: 120_000 },
);
