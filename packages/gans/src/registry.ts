import { registerSampler, type SamplerMeta } from '@adaar/samplers';
import { Bagan } from './bagan/bagan';
import type { BaganOptions } from './bagan/baganOptions';
import { GlGan } from './glgan/glgan';
import type { GlGanOptions } from './glgan/glganOptions';

declare module '@adaar/samplers' {
  interface SamplerOptionsByName {
    bagan: BaganOptions;
    glgan: GlGanOptions;
  }
}

/** Factory of {@link Bagan} for the sampler registry: `registerSampler('bagan', createBagan, BAGAN_META)`. */
export const createBagan = (options?: BaganOptions): Bagan => new Bagan(options);

/** Factory of {@link GlGan} for the sampler registry: `registerSampler('glgan', createGlGan, GLGAN_META)`. */
export const createGlGan = (options?: GlGanOptions): GlGan => new GlGan(options);

/** Registry metadata of {@link Bagan}. */
export const BAGAN_META: SamplerMeta = {
  description: 'BAGAN (Mariani et al. 2018): autoencoder-initialised class-conditional GAN',
  kind: 'neural',
  package: '@adaar/gans',
};

/** Registry metadata of {@link GlGan}. */
export const GLGAN_META: SamplerMeta = {
  description: 'GL-GAN (Wang et al. 2020): latent-space SMOTE + GAN with reconstruction loss',
  kind: 'neural',
  package: '@adaar/gans',
};

/**
 * Registers `'bagan'` and `'glgan'` with @adaar/samplers' registry (one line for the bench).
 *
 * @param opts.replace - replace existing registrations of these names; default true, so a
 *   second call is harmless.
 */
export function registerGanSamplers(opts: { replace?: boolean } = {}): void {
  const replace = opts.replace ?? true;
  registerSampler('bagan', createBagan, BAGAN_META, { replace });
  registerSampler('glgan', createGlGan, GLGAN_META, { replace });
}
