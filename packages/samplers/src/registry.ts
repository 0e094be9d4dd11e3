import { AdaarInputError } from '@adaar/data';
import { Adasyn, type AdasynOptions } from './adasyn';
import { RandomOverSampler } from './randomOverSampler';
import type { Sampler } from './sampler';
import { Smote, type SmoteOptions } from './smote';

/** Builds a sampler from (optional) options. */
export type SamplerFactory<O = Record<string, unknown>> = (options?: O) => Sampler;

/** Descriptive information kept with a registered sampler. */
export interface SamplerMeta {
  /** One line for listings. */
  readonly description?: string;
  /** `'classic'` (kNN, copying) or `'neural'` (trained generator). Default `'classic'`. */
  readonly kind?: 'classic' | 'neural';
  /** The package that registered it. */
  readonly package?: string;
}

/** Options of {@link registerSampler}. */
export interface RegisterOptions {
  /** Replace an existing registration of the same name. Default false (an error). */
  readonly replace?: boolean;
}

/** One entry of {@link listSamplers}. */
export interface SamplerInfo extends SamplerMeta {
  readonly name: string;
  readonly kind: 'classic' | 'neural';
}

/**
 * Options of the built-in samplers by name, for typed `createSampler` calls. Other packages
 * may add theirs by declaration merging:
 * `declare module '@adaar/samplers' { interface SamplerOptionsByName { bagan: BaganOptions } }`.
 */
export interface SamplerOptionsByName {
  ros: Record<string, never>;
  smote: SmoteOptions;
  adasyn: AdasynOptions;
}

interface Entry {
  readonly factory: SamplerFactory<never>;
  readonly info: SamplerInfo;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/;

const registry = new Map<string, Entry>([
  builtin('ros', () => new RandomOverSampler(), 'Random oversampling: copies of high-risk rows'),
  builtin(
    'smote',
    (o?: SmoteOptions) => new Smote(o),
    'SMOTE (k = 5), SMOTE-NC when categorical groups are declared',
  ),
  builtin(
    'adasyn',
    (o?: AdasynOptions) => new Adasyn(o),
    'ADASYN (k = 5), imbalanced-learn allocation',
  ),
]);

function builtin<O>(
  name: string,
  factory: SamplerFactory<O>,
  description: string,
): [string, Entry] {
  return [
    name,
    {
      factory: factory as SamplerFactory<never>,
      info: { name, kind: 'classic', description, package: '@adaar/samplers' },
    },
  ];
}

/**
 * Registers a sampler under `name` (lower-case letters, digits, `.`, `_`, `-`), so the bench
 * and `createSampler` find it. One call is all a third-party sampler needs.
 *
 * @throws AdaarInputError (argument `name`) for an invalid or already registered name
 *   (unless `replace`), (argument `factory`) when it is not a function.
 *
 * @example
 * ```ts
 * registerSampler('jitter', (o?: { scale?: number }) => new JitterSampler(o), { description: 'noise' });
 * const s = createSampler('jitter', { scale: 0.1 });
 * ```
 */
export function registerSampler<O>(
  name: string,
  factory: SamplerFactory<O>,
  meta: SamplerMeta = {},
  opts: RegisterOptions = {},
): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new AdaarInputError('name', `"${String(name)}" is not a valid sampler name (${NAME})`);
  }
  if (typeof factory !== 'function') {
    throw new AdaarInputError('factory', 'must be a function (options) => Sampler');
  }
  if (registry.has(name) && !opts.replace) {
    throw new AdaarInputError(
      'name',
      `"${name}" is already registered (pass { replace: true } to replace it)`,
    );
  }
  registry.set(name, {
    factory: factory as SamplerFactory<never>,
    info: { ...meta, name, kind: meta.kind ?? 'classic' },
  });
}

/**
 * Creates a registered sampler by name.
 * @throws AdaarInputError (argument `name`) for an unknown name (the message lists the known
 *   ones); whatever the factory throws for bad options.
 */
export function createSampler<N extends keyof SamplerOptionsByName>(
  name: N,
  options?: SamplerOptionsByName[N],
): Sampler;
export function createSampler(name: string, options?: Record<string, unknown>): Sampler;
export function createSampler(name: string, options?: unknown): Sampler {
  const entry = registry.get(name);
  if (!entry) {
    throw new AdaarInputError(
      'name',
      `no sampler "${name}" is registered; known: ${[...registry.keys()].join(', ')}`,
    );
  }
  return (entry.factory as SamplerFactory<unknown>)(options);
}

/** True when a sampler is registered under `name`. */
export function hasSampler(name: string): boolean {
  return registry.has(name);
}

/** The registered samplers, in registration order (built-ins first). */
export function listSamplers(): SamplerInfo[] {
  return [...registry.values()].map((e) => e.info);
}

/**
 * Removes a registration (built-ins included); returns whether one existed. Meant for tests.
 */
export function unregisterSampler(name: string): boolean {
  return registry.delete(name);
}
