import { adaarSamplerFactories } from '@adaar/core';
import { BAGAN_META, createBagan, createGlGan, GLGAN_META } from '@adaar/gans';
import {
  hasSampler,
  registerSampler,
  type SamplerFactory,
  type SamplerMeta,
} from '@adaar/samplers';
import type { UserSamplerEntry } from './userSamplers';

const NEURAL: SamplerMeta = { kind: 'neural', package: '@adaar/core' };

/**
 * Registers the neural samplers by name (ros, smote and adasyn come pre-registered with
 * @adaar/samplers), one line per method, and the user's samplers. Safe to call more than once.
 */
export function registerBenchSamplers(user: readonly UserSamplerEntry[] = []): void {
  const add = <O>(name: string, make: SamplerFactory<O>, meta: SamplerMeta) => {
    if (!hasSampler(name)) registerSampler(name, make, meta);
  };
  add('bagan', createBagan, BAGAN_META);
  add('glgan', createGlGan, GLGAN_META);
  add('adaar', adaarSamplerFactories.adaar, NEURAL);
  add('adaar-no-ae', adaarSamplerFactories['adaar-no-ae'], NEURAL);
  add('adaar-no-d1', adaarSamplerFactories['adaar-no-d1'], NEURAL);
  add('adaar-no-d2', adaarSamplerFactories['adaar-no-d2'], NEURAL);
  for (const u of user) add(u.name, u.create, { package: '--sampler-module' });
}
