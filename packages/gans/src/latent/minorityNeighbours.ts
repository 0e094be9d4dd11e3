import { AdaarInputError } from '@adaar/data';
import { BruteForceKnn, type KnnEngine } from '@adaar/samplers';

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
 * Exact k-nearest-neighbour table (Euclidean distance, ties to the lower index) of `n`
 * points of dimension `dim`, each point's own index excluded, computed with
 * @adaar/samplers' `BruteForceKnn` (or another `KnnEngine`). When `n <= k`, every other point
 * is a neighbour (`k` becomes `n - 1`), as methods.md 3.2 asks.
 *
 * @param Z - row-major points, `n * dim` values.
 * @param k - neighbours wanted; default 5.
 * @param engine - the kNN engine; default a new `BruteForceKnn`.
 * @throws AdaarInputError when fewer than 2 points are given, `k < 1`, or a value is not finite.
 */
export function minorityNeighbours(
  Z: ArrayLike<number>,
  dim: number,
  k = 5,
  engine: KnnEngine = new BruteForceKnn(),
): NeighbourTable {
  if (!Number.isInteger(k) || k < 1) {
    throw new AdaarInputError('k', `expected a positive integer, got ${k}`);
  }
  if (Z.length % dim !== 0) {
    throw new AdaarInputError('Z', `length ${Z.length} is not a multiple of dim (${dim})`);
  }
  const n = Z.length / dim;
  if (n < 2) throw new AdaarInputError('Z', `needs at least 2 points for neighbours, got ${n}`);
  const kk = Math.min(k, n - 1);
  const points = { data: Float64Array.from(Z), nRows: n, nCols: dim };
  engine.fit(points);
  const self = Int32Array.from({ length: n }, (_, i) => i);
  const indices = Uint32Array.from(engine.kneighbors(points, kk, { exclude: self }));
  return { n, k: kk, indices };
}
