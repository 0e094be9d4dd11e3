import { toKnnResult } from './knn/checkNeighbours';
import type { KnnEngine } from './knn/knnEngine';

/**
 * The k nearest other rows of each of `n` rows (row-major `n x d`), through `engine`.
 * @returns row-major `n x k` indices, nearest first.
 * @internal
 */
export function minorityNeighbours(
  engine: KnnEngine,
  X: Float64Array,
  n: number,
  d: number,
  k: number,
): Int32Array {
  const m = { data: X, nRows: n, nCols: d };
  engine.fit(m);
  const self = new Int32Array(n);
  for (let i = 0; i < n; i++) self[i] = i;
  return toKnnResult(engine.kneighbors(m, k, { exclude: self }), n, k, n, self);
}
