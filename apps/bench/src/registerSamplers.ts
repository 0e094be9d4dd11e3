import { adaarSamplerFactories } from '@adaar/core';
import { hasSampler, registerSampler, type SamplerFactory } from '@adaar/samplers';
import type { UserSamplerEntry } from './userSamplers';

/**
 * Registers the neural samplers by name (ros, smote and adasyn come pre-registered with
 * @adaar/samplers) and the user's samplers. Safe to call more than once.
 */
export function registerBenchSamplers(user: readonly UserSamplerEntry[] = []): void {
  const add = (name: string, make: SamplerFactory<never>, kind: 'neural' | 'classic') => {
    if (!hasSampler(name)) registerSampler(name, make, { kind });
  };
  add('adaar', adaarSamplerFactories.adaar, 'neural');
  add('adaar-no-ae', adaarSamplerFactories['adaar-no-ae'], 'neural');
  add('adaar-no-d1', adaarSamplerFactories['adaar-no-d1'], 'neural');
  add('adaar-no-d2', adaarSamplerFactories['adaar-no-d2'], 'neural');
  for (const u of user) add(u.name, u.create as SamplerFactory<never>, 'classic');
}
