import type { AdaarOptions } from '../../src/adaar/adaarOptions';

/** Tiny, fast ADAAR settings for tests that check wiring and mechanisms, not sample quality. */
export const TINY_ADAAR: AdaarOptions = {
  iterations: 12,
  aeEpochs: 2,
  aeBatchSize: 64,
  d2WarmupIterations: 4,
  batchPerClass: 16,
  logEvery: 5,
  diagnostics: false,
};
