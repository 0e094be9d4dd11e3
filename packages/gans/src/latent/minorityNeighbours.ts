import { AdaarInputError } from '@adaar/data';

/** A table of nearest neighbours among a set of points, excluding each point itself. */
export interface NeighbourTable {
  /** Number of points. */
  readonly n: number;
  /** Neighbours per point (`min(k, n - 1)`). */
  readonly k: number;
  /** Row-major `n x k` indices: row i lists i's neighbours, nearest first. */
  readonly indices: Uint32Array;
}

/**
 * Exact k-nearest-neighbour table (squared Euclidean distance, ties to the lower index) of
 * `n` points of dimension `dim`, each point's own index excluded. When `n <= k`, every
 * other point is a neighbour (`k` becomes `n - 1`), as methods.md 3.2 asks.
 *
 * @param Z - row-major points, `n * dim` values.
 * @param k - neighbours wanted; default 5.
 * @throws AdaarInputError when fewer than 2 points are given or `k < 1`.
 */
export function minorityNeighbours(Z: ArrayLike<number>, dim: number, k = 5): NeighbourTable {
  if (!Number.isInteger(k) || k < 1) {
    throw new AdaarInputError('k', `expected a positive integer, got ${k}`);
  }
  if (Z.length % dim !== 0) {
    throw new AdaarInputError('Z', `length ${Z.length} is not a multiple of dim (${dim})`);
  }
  const n = Z.length / dim;
  if (n < 2) throw new AdaarInputError('Z', `needs at least 2 points for neighbours, got ${n}`);
  const kk = Math.min(k, n - 1);
  const indices = new Uint32Array(n * kk);
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  for (let i = 0; i < n; i++) {
    bestD.fill(Number.POSITIVE_INFINITY);
    bestI.fill(-1);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d = 0;
      for (let c = 0; c < dim; c++) {
        const t = Z[i * dim + c] - Z[j * dim + c];
        d += t * t;
      }
      if (d >= bestD[kk - 1]) continue;
      let pos = kk - 1;
      while (pos > 0 && bestD[pos - 1] > d) {
        bestD[pos] = bestD[pos - 1];
        bestI[pos] = bestI[pos - 1];
        pos--;
      }
      bestD[pos] = d;
      bestI[pos] = j;
    }
    for (let m = 0; m < kk; m++) indices[i * kk + m] = bestI[m];
  }
  return { n, k: kk, indices };
}
