import { AdaarInputError, type Rng } from '@adaar/data';
import type { NeighbourTable } from './minorityNeighbours';

/** Optional record of how each latent-SMOTE point was made (for tests and diagnostics). */
export interface LatentSmoteTrace {
  /** Base point index of each draw. */
  readonly base: Uint32Array;
  /** Neighbour index of each draw. */
  readonly neighbour: Uint32Array;
  /** Interpolation weight λ of each draw, in [0, 1). */
  readonly lambda: Float64Array;
}

/** Options of {@link latentSmote}. */
export interface LatentSmoteOptions<T extends Float32Array | Float64Array> {
  /** Output buffer (Float32Array for direct tensor upload), at least `count * dim` long. */
  readonly out?: T;
  /** When given, receives base, neighbour and λ of each point (arrays of length >= count). */
  readonly trace?: LatentSmoteTrace;
  /**
   * `'uniform'` (default): base points uniform with replacement (imbalanced-learn);
   * `'round-robin'`: bases cycle through 0..n-1 in order (original SMOTE).
   */
  readonly baseSelection?: 'uniform' | 'round-robin';
}

/**
 * SMOTE in a latent space (methods.md 3.2): each of `count` points is
 * `z_i + λ (z_j − z_i)` with base `i` uniform over the codes (with replacement, or
 * round-robin), `j` uniform among i's neighbours in `table`, and ONE scalar `λ ~ U(0, 1)`
 * per point (not per dimension).
 *
 * @param Z - the codes the table was built on, row-major `table.n * dim`.
 * @returns `opts.out` or a new Float64Array, `count * dim` values.
 * @throws AdaarInputError when `Z` does not match the table.
 */
export function latentSmote<T extends Float32Array | Float64Array = Float64Array>(
  Z: ArrayLike<number>,
  dim: number,
  table: NeighbourTable,
  count: number,
  rng: Rng,
  opts: LatentSmoteOptions<T> = {},
): T {
  const { out, trace, baseSelection = 'uniform' } = opts;
  if (Z.length !== table.n * dim) {
    throw new AdaarInputError('Z', `has ${Z.length} values, the table expects ${table.n} x ${dim}`);
  }
  const res = (out ?? new Float64Array(count * dim)) as T;
  if (res.length < count * dim) {
    throw new AdaarInputError('out', `has ${res.length} values, needs ${count * dim}`);
  }
  const { k, indices, n } = table;
  for (let s = 0; s < count; s++) {
    const i = baseSelection === 'round-robin' ? s % n : rng.int(n);
    const j = indices[i * k + rng.int(k)];
    const lambda = rng.float();
    for (let c = 0; c < dim; c++) {
      const zi = Z[i * dim + c];
      res[s * dim + c] = zi + lambda * (Z[j * dim + c] - zi);
    }
    if (trace) {
      trace.base[s] = i;
      trace.neighbour[s] = j;
      trace.lambda[s] = lambda;
    }
  }
  return res;
}
