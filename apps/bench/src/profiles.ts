import type { ClassifierName, Profile } from './options';

const ADAAR_FAMILY = ['adaar', 'adaar-no-ae', 'adaar-no-d1', 'adaar-no-d2'];

// The bench computes the section 7 diagnostics itself, on the very rows each run adds, with one
// reference model per split and seed; ADAAR's own end-of-fit diagnostics (a logistic fit and
// 500 extra samples per fit) would repeat that work. Training is unchanged: ADAAR draws its
// diagnostics from a random stream of their own.
const NO_DUPLICATE_DIAGNOSTICS = { diagnostics: false };

const QUICK: Readonly<Record<string, Record<string, unknown>>> = {
  bagan: { epochs: 1 },
  glgan: { warmupEpochs: 1, epochs: 1 },
  adaar: { aeEpochs: 2, iterations: 150, d2WarmupIterations: 20 },
};

/**
 * Sampler options per profile. `default` uses each package's own training defaults
 * (methods.md); `quick` shortens every neural training for a smoke run (CI, first contact):
 * its numbers show that the pipeline works, not how the methods compare.
 */
export function samplerOptions(profile: Profile, method: string): Record<string, unknown> {
  const adaar = ADAAR_FAMILY.includes(method);
  const quick = profile === 'quick' ? (QUICK[adaar ? 'adaar' : method] ?? {}) : {};
  return { ...quick, ...(adaar ? NO_DUPLICATE_DIAGNOSTICS : {}) };
}

/** Options of the downstream classifier per profile (`default`: the package defaults). */
export function classifierOptions(
  profile: Profile,
  classifier: ClassifierName,
): Record<string, unknown> {
  if (profile === 'default' || classifier !== 'mlp') return {};
  return { maxEpochs: 10, patience: 3 };
}
