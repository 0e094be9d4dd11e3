import { registerSampler, type SamplerFactory } from '@adaar/samplers';
import { Adaar, type AdaarConstructorOptions } from './adaar';

/** The registry names of ADAAR and its three ablations. */
export const ADAAR_SAMPLER_NAMES = ['adaar', 'adaar-no-ae', 'adaar-no-d1', 'adaar-no-d2'] as const;

/** One of {@link ADAAR_SAMPLER_NAMES}. */
export type AdaarSamplerName = (typeof ADAAR_SAMPLER_NAMES)[number];

const ABLATION: Record<AdaarSamplerName, AdaarConstructorOptions> = {
  adaar: {},
  'adaar-no-ae': { ae: false },
  'adaar-no-d1': { d1: false },
  'adaar-no-d2': { d2: false },
};

const DESCRIPTION: Record<AdaarSamplerName, string> = {
  adaar: 'ADAAR: AE user space + generator, D1 (alike high-risk) and D2 (risk) discriminators',
  'adaar-no-ae': 'ADAAR without the autoencoder (G, D1, D2 on standardised features)',
  'adaar-no-d1': 'ADAAR without D1 (generator trained on the D2 risk term only)',
  'adaar-no-d2': 'ADAAR without D2 (a minority GAN in the AE latent space)',
};

/**
 * Sampler factories by registry name. Each ablation fixes its flag (`ae`, `d1` or `d2` =
 * false) over whatever options are passed; every other option applies unchanged, so an
 * ablation is "the same design minus one module".
 */
export const adaarSamplerFactories: Readonly<
  Record<AdaarSamplerName, SamplerFactory<AdaarConstructorOptions>>
> = {
  adaar: (o) => new Adaar({ ...o, ...ABLATION.adaar }),
  'adaar-no-ae': (o) => new Adaar({ ...o, ...ABLATION['adaar-no-ae'] }),
  'adaar-no-d1': (o) => new Adaar({ ...o, ...ABLATION['adaar-no-d1'] }),
  'adaar-no-d2': (o) => new Adaar({ ...o, ...ABLATION['adaar-no-d2'] }),
};

/**
 * Registers `'adaar'`, `'adaar-no-ae'`, `'adaar-no-d1'` and `'adaar-no-d2'` with the
 * `@adaar/samplers` registry (kind `'neural'`), so `createSampler('adaar-no-d2', options)` works.
 *
 * @param opts.replace - replace existing registrations (default false: a second call throws).
 * @throws AdaarInputError (argument `name`) when a name is already registered and not `replace`.
 */
export function registerAdaarSamplers(opts: { replace?: boolean } = {}): void {
  for (const name of ADAAR_SAMPLER_NAMES) {
    registerSampler(
      name,
      adaarSamplerFactories[name],
      { kind: 'neural', description: DESCRIPTION[name], package: '@adaar/core' },
      { replace: opts.replace ?? false },
    );
  }
}

declare module '@adaar/samplers' {
  interface SamplerOptionsByName {
    adaar: AdaarConstructorOptions;
    'adaar-no-ae': AdaarConstructorOptions;
    'adaar-no-d1': AdaarConstructorOptions;
    'adaar-no-d2': AdaarConstructorOptions;
  }
}
