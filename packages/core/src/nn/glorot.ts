import type { Rng } from '@adaar/data';

/**
 * Glorot (Xavier) uniform initial weights for a `fanIn x fanOut` kernel, row-major, drawn from
 * `rng`: U(-l, l) with `l = sqrt(6 / (fanIn + fanOut))`, as Keras' `glorot_uniform`.
 * (tfjs initialisers ignore seeds, so adaar draws weights here.)
 */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.float() - 1) * limit;
  return out;
}
