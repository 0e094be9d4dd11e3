import type { ClassifierName, Profile } from './options';

const ADAAR_QUICK = { aeEpochs: 2, iterations: 150, d2WarmupIterations: 20 };

const QUICK_SAMPLERS: Readonly<Record<string, Record<string, unknown>>> = {
  bagan: { epochs: 1 },
  glgan: { warmupEpochs: 1, epochs: 1 },
  adaar: ADAAR_QUICK,
  'adaar-no-ae': ADAAR_QUICK,
  'adaar-no-d1': ADAAR_QUICK,
  'adaar-no-d2': ADAAR_QUICK,
};

/**
 * Sampler options per profile. `default` uses each package's own defaults (methods.md);
 * `quick` shortens every neural training for a smoke run (CI, first contact): its numbers show
 * that the pipeline works, not how the methods compare.
 */
export function samplerOptions(profile: Profile, method: string): Record<string, unknown> {
  if (profile === 'default') return {};
  return { ...(QUICK_SAMPLERS[method] ?? {}) };
}

/** Options of the downstream classifier per profile (`default`: the package defaults). */
export function classifierOptions(
  profile: Profile,
  classifier: ClassifierName,
): Record<string, unknown> {
  if (profile === 'default' || classifier === 'logreg') return {};
  return { maxEpochs: 10, patience: 3 };
}
