import { loadModelDir } from '@adaar/core';
import { AdaarInputError, Rng } from '@adaar/data';
import { FittedGlGan, GLGAN_MODEL_KIND, type GlGanSavedState } from './fittedGlGan';
import { resolveGlGanOptions } from './glganOptions';

/**
 * Loads a GL-GAN saved with {@link FittedGlGan.save}, on the active backend (any backend can
 * load a model saved on another). The default sampling stream continues where it was saved.
 *
 * @throws AdaarInputError when `dir` holds no adaar model, another kind of model, or a
 *   damaged one.
 */
export async function loadGlGan(dir: string): Promise<FittedGlGan> {
  const { manifest, networks } = await loadModelDir(dir, GLGAN_MODEL_KIND);
  const generator = networks.generator;
  try {
    const state = manifest.state as GlGanSavedState | undefined;
    if (!generator || !state || !Array.isArray(state.minorityCodes) || !state.rngState) {
      throw new AdaarInputError('dir', `${dir} is missing GL-GAN's generator or latent codes`);
    }
    const options = resolveGlGanOptions(manifest.config as Record<string, never>);
    const L = generator.inputDim;
    if (options.latentDim !== L || state.minorityCodes.length % L !== 0) {
      throw new AdaarInputError('dir', `${dir}: latent codes do not match the generator`);
    }
    return new FittedGlGan({
      generator,
      minorityCodes: Float64Array.from(state.minorityCodes),
      options,
      history: state.history ?? [],
      rng: Rng.fromState(state.rngState),
    });
  } catch (e) {
    for (const n of Object.values(networks)) n.dispose();
    throw e;
  }
}
