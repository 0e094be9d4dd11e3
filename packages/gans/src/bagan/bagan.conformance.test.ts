import { initBackend } from '@adaar/core';
import { runSamplerConformance } from '@adaar/samplers/testing';
import { beforeAll } from 'vitest';
import { Bagan } from './bagan';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Small networks and epochs keep the suite fast; latentDim 4 needs 5 rows of each class.
runSamplerConformance(
  'bagan',
  () =>
    new Bagan({
      latentDim: 4,
      trunkWidths: [16, 16, 16],
      generatorWidths: [16, 16],
      batchSize: 32,
      epochs: 1,
    }),
  { n: 16, minPositives: 5, timeout: 120_000 },
);
