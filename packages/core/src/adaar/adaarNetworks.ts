import type { SeedLike } from '@adaar/data';
import { toRng } from '@adaar/data';
import { leakyRelu } from '../nn/activation';
import { Mlp, type MlpOptions } from '../nn/mlp';
import type { ResolvedAdaarOptions } from './adaarOptions';

/** Name of one of ADAAR's networks. */
export type AdaarNetworkName = 'encoder' | 'decoder' | 'generator' | 'd1' | 'd2';

/** The networks of one ADAAR model; absent ones are removed by an ablation. */
export interface AdaarNetworks {
  encoder?: Mlp;
  decoder?: Mlp;
  generator: Mlp;
  d1?: Mlp;
  d2?: Mlp;
}

/** Order in which networks are listed, saved and loaded. */
export const ADAAR_NETWORK_ORDER: readonly AdaarNetworkName[] = [
  'encoder',
  'decoder',
  'generator',
  'd1',
  'd2',
];

/** Width of the space D1 and D2 read: latent codes (H) or features (d). */
export function discriminatorInputDim(o: ResolvedAdaarOptions, nCols: number): number {
  return o.ae && o.space !== 'decoded' ? o.latentDim : nCols;
}

/** Input width of G: noise, plus the anchor's code with `space: 'anchored'`. */
export function generatorInputDim(o: ResolvedAdaarOptions): number {
  return o.noiseDim + (o.space === 'anchored' ? o.latentDim : 0);
}

/** The Mlp options of every network of a configuration (seeds left out). */
export function adaarNetworkSpecs(
  o: ResolvedAdaarOptions,
  nCols: number,
): Partial<Record<AdaarNetworkName, MlpOptions>> {
  const act = leakyRelu(o.leakySlope);
  const H = o.latentDim;
  const dIn = discriminatorInputDim(o, nCols);
  const specs: Partial<Record<AdaarNetworkName, MlpOptions>> = {};
  if (o.ae) {
    specs.encoder = { inputDim: nCols, widths: [...o.aeHidden, H], activation: act };
    specs.decoder = {
      inputDim: H,
      widths: [...[...o.aeHidden].reverse(), nCols],
      activation: act,
    };
  }
  specs.generator = {
    inputDim: generatorInputDim(o),
    widths: [...o.generatorHidden, H],
    activation: act,
  };
  if (o.d1) {
    specs.d1 = {
      inputDim: dIn,
      widths: [...o.discriminatorHidden, 1],
      activation: act,
      dropout: o.d1Dropout,
    };
  }
  if (o.d2) specs.d2 = { inputDim: dIn, widths: [...o.discriminatorHidden, 1], activation: act };
  return specs;
}

/**
 * Builds (Glorot-initialised, seeded) the networks a configuration trains: encoder and
 * decoder unless `ae: false`, always the generator, D1 unless `d1: false`, D2 unless `d2: false`.
 */
export function buildAdaarNetworks(
  o: ResolvedAdaarOptions,
  nCols: number,
  seed: SeedLike,
): AdaarNetworks {
  const rng = toRng(seed);
  const specs = adaarNetworkSpecs(o, nCols);
  const built: Partial<Record<AdaarNetworkName, Mlp>> = {};
  try {
    for (const name of ADAAR_NETWORK_ORDER) {
      const spec = specs[name];
      // One child stream per network slot, drawn even when the slot is empty, so that an
      // ablation does not change the initial weights of the networks it keeps.
      const child = rng.split();
      if (spec) built[name] = new Mlp({ ...spec, seed: child });
    }
  } catch (err) {
    for (const net of Object.values(built)) net?.dispose();
    throw err;
  }
  return built as AdaarNetworks;
}

/** Names of the networks present, in {@link ADAAR_NETWORK_ORDER}. */
export function networkNames(nets: Partial<Record<AdaarNetworkName, Mlp>>): AdaarNetworkName[] {
  return ADAAR_NETWORK_ORDER.filter((n) => nets[n] !== undefined);
}

/** Disposes every network present. */
export function disposeNetworks(nets: Partial<Record<AdaarNetworkName, Mlp>>): void {
  for (const n of ADAAR_NETWORK_ORDER) nets[n]?.dispose();
}
