import { loadModelDir } from '@adaar/core';
import { AdaarInputError, Rng } from '@adaar/data';
import { MultivariateNormal } from '../linalg/multivariateNormal';
import { resolveBaganOptions } from './baganOptions';
import { BAGAN_MODEL_KIND, type BaganSavedState, FittedBagan } from './fittedBagan';

/**
 * Loads a BAGAN saved with {@link FittedBagan.save}, on the active backend (any backend can
 * load a model saved on another). The default sampling stream continues where it was saved.
 *
 * @throws AdaarInputError when `dir` holds no adaar model, another kind of model, or a
 *   damaged one.
 */
export async function loadBagan(dir: string): Promise<FittedBagan> {
  const { manifest, networks } = await loadModelDir(dir, BAGAN_MODEL_KIND);
  const generator = networks.generator;
  try {
    const state = manifest.state as BaganSavedState | undefined;
    if (!generator || !state || !Array.isArray(state.classNormals) || !state.rngState) {
      throw new AdaarInputError('dir', `${dir} is missing BAGAN's generator or latent state`);
    }
    const options = resolveBaganOptions(manifest.config as Record<string, never>);
    const classNormals = state.classNormals.map((n) => MultivariateNormal.fromJSON(n));
    if (classNormals.length !== 2 || classNormals.some((n) => n.dim !== generator.inputDim)) {
      throw new AdaarInputError('dir', `${dir}: latent normals do not match the generator`);
    }
    return new FittedBagan({
      generator,
      classNormals,
      options,
      history: state.history ?? [],
      rng: Rng.fromState(state.rngState),
    });
  } catch (e) {
    for (const n of Object.values(networks)) n.dispose();
    throw e;
  }
}
