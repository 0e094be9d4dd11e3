import { runSamplerConformance } from '@adaar/samplers/testing';
import { beforeAll } from 'vitest';
import { initBackend } from '../backend';
import { ADAAR_MIN_POSITIVES, Adaar } from './adaar';
import type { AdaarOptions } from './adaarOptions';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Small T for speed: the suite checks the contract, not sample quality.
const SMALL: AdaarOptions = {
  iterations: 10,
  aeEpochs: 2,
  d2WarmupIterations: 3,
  batchPerClass: 16,
  logEvery: 5,
  diagnostics: false,
};

runSamplerConformance('adaar', () => new Adaar(SMALL), {
  n: 16,
  minPositives: ADAAR_MIN_POSITIVES,
});
runSamplerConformance('adaar-no-ae', () => new Adaar({ ...SMALL, ae: false }), { n: 16 });
runSamplerConformance(
  'adaar (anchored, residual)',
  () => new Adaar({ ...SMALL, space: 'anchored', residualDecode: true }),
  { n: 16 },
);
