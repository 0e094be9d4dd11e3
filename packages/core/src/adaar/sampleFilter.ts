import type { Rng } from '@adaar/data';
import type { Mlp } from '../nn/mlp';
import { tf } from '../tf';
import { type GenerationState, generateStandardized } from './adaarGenerator';
import type { AdaarNetworks } from './adaarNetworks';
import type { ResolvedAdaarOptions } from './adaarOptions';

const FROZEN = { training: false, trainable: false, inputGrad: false } as const;

/**
 * Logits of discriminator `D` for standardised feature rows `z` (`n x nCols`), as D reads
 * them: encoded first when D reads latent codes, reconstructed when it reads reconstructions.
 */
export function discriminatorLogits(
  o: ResolvedAdaarOptions,
  nets: AdaarNetworks,
  D: Mlp,
  z: Float32Array,
  nCols: number,
): Float32Array {
  const n = z.length / nCols;
  const t = tf.tidy(() => {
    let x: tf.Tensor2D = tf.tensor2d(z, [n, nCols]);
    if (nets.encoder && o.space !== 'decoded') x = nets.encoder.apply(x, FROZEN);
    else if (nets.encoder && nets.decoder && o.decodedReal === 'reconstructed') {
      x = nets.decoder.apply(nets.encoder.apply(x, FROZEN), FROZEN);
    }
    return D.apply(x, FROZEN);
  });
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return Float32Array.from(out);
}

const logSigmoid = (v: number) =>
  v >= 0 ? -Math.log1p(Math.exp(-v)) : v - Math.log1p(Math.exp(v));

/**
 * Indices of the `n` best of `m` candidates by `log sigmoid(D1) + log sigmoid(D2)` (absent
 * discriminators left out), ties to the earlier draw, returned in draw order.
 */
export function topByDiscriminators(
  o: ResolvedAdaarOptions,
  nets: AdaarNetworks,
  z: Float32Array,
  nCols: number,
  n: number,
): Int32Array {
  const m = z.length / nCols;
  const score = new Float64Array(m);
  for (const D of [nets.d1, nets.d2]) {
    if (!D) continue;
    const l = discriminatorLogits(o, nets, D, z, nCols);
    for (let i = 0; i < m; i++) score[i] += logSigmoid(l[i]);
  }
  const order = Array.from({ length: m }, (_, i) => i);
  order.sort((a, b) => score[b] - score[a] || a - b);
  return Int32Array.from(order.slice(0, n)).sort();
}

/**
 * Draws `n` standardised rows, applying the sample-time filter of `o.sampleFilterKeep`
 * (see {@link AdaarOptions.sampleFilterKeep}); `keep` overrides it. With keep = 1, or no
 * discriminator, this is plain generation.
 */
export function drawFiltered(
  o: ResolvedAdaarOptions,
  nets: AdaarNetworks,
  state: GenerationState,
  nCols: number,
  n: number,
  rng: Rng,
  keep = o.sampleFilterKeep,
): Float32Array {
  if (!(keep < 1) || (!nets.d1 && !nets.d2) || n === 0) {
    return generateStandardized(o, nets, state, nCols, n, rng);
  }
  const m = Math.ceil(n / keep);
  const z = generateStandardized(o, nets, state, nCols, m, rng);
  const idx = topByDiscriminators(o, nets, z, nCols, n);
  const out = new Float32Array(n * nCols);
  for (let i = 0; i < n; i++) out.set(z.subarray(idx[i] * nCols, (idx[i] + 1) * nCols), i * nCols);
  return out;
}
