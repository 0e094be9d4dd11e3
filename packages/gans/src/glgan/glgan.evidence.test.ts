import { countClasses } from '@adaar/data';
import { beforeAll, describe, it } from 'vitest';
import {
  type EvidenceSetting,
  evidenceSetting,
  expectHighRiskLike,
  judge,
} from '../../test/evidence';
import { GlGan } from './glgan';

// Evidence that GL-GAN works on the embedded synthetic credit data (the bench's M7/M9
// training rows), with its default hyper-parameters except fewer epochs.
let e: EvidenceSetting;
beforeAll(async () => {
  e = await evidenceSetting();
});

describe('GL-GAN evidence (embedded data, M7/M9 training rows)', () => {
  it('10 warm-up + 20 adversarial epochs: high-risk-like rows', async () => {
    const f = await new GlGan({ warmupEpochs: 10, epochs: 20 }).fit(e.train, { seed: 1 });
    const r = judge(f.sample(countClasses(e.train).positive), e); // K = 1
    f.dispose();
    console.info(
      'GL-GAN evidence',
      JSON.stringify({ ...r, realHigh: e.realHigh, realLow: e.realLow }),
    );
    expectHighRiskLike(r, e);
  }, 600_000);
});
