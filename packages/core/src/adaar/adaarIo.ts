import { AdaarInputError, Rng } from '@adaar/data';
import { loadModelDir } from '../io/modelDir';
import type { Mlp } from '../nn/mlp';
import { tf } from '../tf';
import type { GenerationState } from './adaarGenerator';
import {
  ADAAR_NETWORK_ORDER,
  type AdaarNetworkName,
  type AdaarNetworks,
  adaarNetworkSpecs,
} from './adaarNetworks';
import { type ResolvedAdaarOptions, resolveAdaarOptions } from './adaarOptions';
import { ADAAR_MODEL_KIND, type AdaarDiagnostics, FittedAdaar } from './fittedAdaar';
import type { AdaarTrainingCurve } from './trainingCurve';

/** A row-major float matrix in a manifest. */
export interface SavedMatrix {
  readonly shape: [number, number];
  readonly values: number[];
}

/** The `state` part of a saved ADAAR manifest. */
export interface AdaarSavedState {
  readonly name: string;
  readonly nCols: number;
  readonly featureNames: string[];
  readonly rngState: number[];
  readonly curve: AdaarTrainingCurve;
  readonly diagnostics: AdaarDiagnostics | null;
  readonly anchors: SavedMatrix | null;
  readonly residuals: SavedMatrix | null;
}

function fromSaved(m: SavedMatrix | null): tf.Tensor2D | undefined {
  if (!m) return undefined;
  return tf.tensor2d(Float32Array.from(m.values), m.shape);
}

/**
 * Loads a model written by `FittedAdaar.save` on the active backend.
 * The loaded model samples exactly as the saved one would have from the same point of its
 * random stream (on the same backend).
 *
 * @throws AdaarInputError (argument `dir`) for a missing directory, another model kind, or an
 *   inconsistent manifest.
 */
export async function loadAdaar(dir: string): Promise<FittedAdaar> {
  const { manifest, networks } = await loadModelDir(dir, ADAAR_MODEL_KIND);
  let state: GenerationState = {};
  try {
    const s = manifest.state as AdaarSavedState | undefined;
    const pre = manifest.preprocessing as { mean?: number[]; std?: number[] } | null;
    if (!s || !pre?.mean || !pre.std || !Array.isArray(s.rngState)) {
      throw new AdaarInputError('dir', 'manifest lacks the ADAAR state or standardisation');
    }
    const { diagnosticsEvery, ...given } = manifest.config as ResolvedAdaarOptions;
    const options = resolveAdaarOptions(
      { ...given, diagnostics: diagnosticsEvery > 0 ? diagnosticsEvery : given.diagnostics },
      s.nCols,
    );
    const found: Partial<Record<AdaarNetworkName, Mlp>> = {};
    for (const [name, net] of Object.entries(networks)) {
      if (!(ADAAR_NETWORK_ORDER as readonly string[]).includes(name)) {
        throw new AdaarInputError('dir', `unexpected network '${name}' in an ADAAR model`);
      }
      found[name as AdaarNetworkName] = net;
    }
    if (!found.generator) throw new AdaarInputError('dir', 'manifest has no generator network');
    const nets: AdaarNetworks = { ...found, generator: found.generator };
    const specs = adaarNetworkSpecs(options, s.nCols);
    for (const name of ADAAR_NETWORK_ORDER) {
      const spec = specs[name];
      const net = nets[name];
      if (Boolean(spec) !== Boolean(net)) {
        throw new AdaarInputError('dir', `network '${name}' does not match the saved options`);
      }
      const widths = spec?.widths ?? [];
      if (spec && net && (net.inputDim !== spec.inputDim || net.outputDim !== widths.at(-1))) {
        throw new AdaarInputError('dir', `network '${name}' has the wrong input or output width`);
      }
    }
    if (pre.mean.length !== s.nCols || pre.std.length !== s.nCols) {
      throw new AdaarInputError('dir', `standardisation does not have ${s.nCols} columns`);
    }
    state = {
      ...(s.anchors ? { anchors: fromSaved(s.anchors) } : {}),
      ...(s.residuals ? { residuals: fromSaved(s.residuals) } : {}),
    };
    return new FittedAdaar({
      name: s.name,
      nCols: s.nCols,
      featureNames: s.featureNames,
      options,
      nets,
      state,
      scaling: { mean: Float64Array.from(pre.mean), std: Float64Array.from(pre.std) },
      curve: s.curve,
      ...(s.diagnostics ? { diagnostics: s.diagnostics } : {}),
      rng: Rng.fromState(s.rngState as [number, number, number, number]),
      ...(manifest.seed !== null ? { seed: manifest.seed } : {}),
    });
  } catch (e) {
    for (const net of Object.values(networks)) net.dispose();
    tf.dispose([state.anchors, state.residuals].filter((t) => t !== undefined));
    throw e;
  }
}
