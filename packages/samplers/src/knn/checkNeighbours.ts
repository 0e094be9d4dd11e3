/**
 * Checks what a (possibly third-party) {@link KnnEngine} returned: `nq x k` integer indices
 * in `[0, nRef)`, never the excluded row.
 * @throws Error naming the engine's mistake (a bug in the engine, not bad user data).
 * @internal
 */
export function toKnnResult(
  idx: ArrayLike<number>,
  nq: number,
  k: number,
  nRef: number,
  exclude?: ArrayLike<number>,
): Int32Array {
  if (!idx || idx.length !== nq * k) {
    throw new Error(`KnnEngine.kneighbors returned ${idx?.length} indices, expected ${nq} x ${k}`);
  }
  const out = idx instanceof Int32Array ? idx : Int32Array.from(idx);
  for (let i = 0; i < nq; i++) {
    for (let t = 0; t < k; t++) {
      const j = out[i * k + t];
      if (!Number.isInteger(j) || j < 0 || j >= nRef || (exclude && exclude[i] === j)) {
        throw new Error(
          `KnnEngine.kneighbors returned index ${j} for query ${i}, not a valid neighbour`,
        );
      }
    }
  }
  return out;
}
