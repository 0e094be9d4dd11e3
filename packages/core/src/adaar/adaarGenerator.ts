import type { Rng } from '@adaar/data';
import type { ApplyOptions } from '../nn/mlp';
import { fillNormal32 } from '../nn/random';
import { tf } from '../tf';
import type { AdaarNetworks } from './adaarNetworks';
import type { ResolvedAdaarOptions } from './adaarOptions';

/** What generation needs besides the networks (tensors owned by whoever built them). */
export interface GenerationState {
  /** With `space: 'anchored'`: the anchors' codes `Enc(x_i)` (features without the AE), `[nP, H]`. */
  readonly anchors?: tf.Tensor2D;
  /** With residual decoding: `x_i - Dec(Enc(x_i))`, `[nP, d]`. */
  readonly residuals?: tf.Tensor2D;
}

/** G's random input for `b` rows: noise, plus anchor indices with `space: 'anchored'`. */
export interface GeneratorDraw {
  readonly noise: Float32Array;
  readonly anchorIdx?: Int32Array;
}

/** Draws G's input for `b` rows from `rng` (noise row-major `b x noiseDim`). */
export function drawGeneratorInput(
  o: ResolvedAdaarOptions,
  nAnchors: number,
  b: number,
  rng: Rng,
): GeneratorDraw {
  const noise = fillNormal32(rng, new Float32Array(b * o.noiseDim));
  if (o.space !== 'anchored') return { noise };
  const anchorIdx = new Int32Array(b);
  for (let i = 0; i < b; i++) anchorIdx[i] = rng.int(nAnchors);
  return { noise, anchorIdx };
}

/**
 * G's output for one draw: latent codes `h` (standardised features without the AE). With
 * `space: 'anchored'`, `h = anchor + G([anchor; eps])`. Differentiable w.r.t. G unless
 * `apply.trainable` is false. Call inside `tf.tidy` or a tape.
 */
export function generateCodes(
  nets: AdaarNetworks,
  state: GenerationState,
  noise: tf.Tensor2D,
  anchorIdx: tf.Tensor1D | null,
  apply: ApplyOptions,
): tf.Tensor2D {
  if (!anchorIdx || !state.anchors) return nets.generator.apply(noise, apply);
  const a = tf.gather(state.anchors, anchorIdx) as tf.Tensor2D;
  const delta = nets.generator.apply(tf.concat([a, noise], 1) as tf.Tensor2D, apply);
  return tf.add(a, delta) as tf.Tensor2D;
}

/**
 * Draws `n` synthetic rows in the standardised feature space: `Dec(h)` (or `h` without the
 * AE), with residual decoding `Dec(h) + x_i - Dec(h_i)` when configured. Networks in eval
 * mode, batches of `chunk` rows. Returns `n * d` values, row-major.
 */
export function generateStandardized(
  o: ResolvedAdaarOptions,
  nets: AdaarNetworks,
  state: GenerationState,
  nCols: number,
  n: number,
  rng: Rng,
  chunk = 4096,
): Float32Array {
  const out = new Float32Array(n * nCols);
  const nAnchors = state.anchors?.shape[0] ?? 0;
  const frozen: ApplyOptions = { training: false, trainable: false, inputGrad: false };
  for (let start = 0; start < n; start += chunk) {
    const b = Math.min(chunk, n - start);
    const draw = drawGeneratorInput(o, nAnchors, b, rng);
    const rows = tf.tidy(() => {
      const noise = tf.tensor2d(draw.noise, [b, o.noiseDim]);
      const idx = draw.anchorIdx ? tf.tensor1d(draw.anchorIdx, 'int32') : null;
      const h = generateCodes(nets, state, noise, idx, frozen);
      if (!nets.decoder) return h;
      const x = nets.decoder.apply(h, frozen);
      return idx && state.residuals ? tf.add(x, tf.gather(state.residuals, idx)) : x;
    });
    out.set(rows.dataSync() as Float32Array, start * nCols);
    rows.dispose();
  }
  return out;
}

/**
 * Builds the generation state from the real high-risk rows `XP` (standardised, `[nP, d]`):
 * anchors and residuals when the configuration uses them. The caller owns the tensors.
 */
export function buildGenerationState(
  o: ResolvedAdaarOptions,
  nets: AdaarNetworks,
  XP: tf.Tensor2D,
): GenerationState {
  if (o.space !== 'anchored') return {};
  return tf.tidy(() => {
    const frozen: ApplyOptions = { training: false, trainable: false, inputGrad: false };
    if (!nets.encoder || !nets.decoder) return { anchors: tf.clone(XP) };
    const anchors = nets.encoder.apply(XP, frozen);
    if (!o.residualDecode) return { anchors };
    return { anchors, residuals: tf.sub(XP, nets.decoder.apply(anchors, frozen)) as tf.Tensor2D };
  });
}

/** Disposes the tensors of a generation state. */
export function disposeGenerationState(s: GenerationState): void {
  tf.dispose([s.anchors, s.residuals].filter((t): t is tf.Tensor2D => t !== undefined));
}
