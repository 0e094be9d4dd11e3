/** A row-major matrix of float64 values with its shape, as the kNN engines take it. */
export interface KnnMatrix {
  /** Row-major values, length `nRows * nCols`. */
  readonly data: Float64Array;
  /** Number of rows (points). */
  readonly nRows: number;
  /** Number of columns (dimensions). */
  readonly nCols: number;
}

/** Options of {@link KnnEngine.kneighbors}. */
export interface KnnQueryOptions {
  /**
   * For each query row, the index of one reference row to leave out (the query's own row
   * when the queries are taken from the reference set), or -1 to leave none out.
   * Length: the number of query rows.
   */
  readonly exclude?: ArrayLike<number>;
}

/**
 * An exact k-nearest-neighbour search under Euclidean distance: the pluggable engine behind
 * SMOTE, SMOTE-NC and ADASYN (imbalanced-learn's `k_neighbors=<object with kneighbors>`).
 *
 * A replacement engine (a tree, a GPU matrix product, an approximate index) implements these
 * two methods. Engines are used synchronously and sequentially: `fit` once, then one or more
 * `kneighbors` calls, then possibly `fit` again on other reference rows.
 *
 * @example
 * ```ts
 * const engine: KnnEngine = new BruteForceKnn();
 * engine.fit({ data: X, nRows: n, nCols: d });
 * const idx = engine.kneighbors({ data: X, nRows: n, nCols: d }, 5, { exclude: selfIndex });
 * // idx[i * 5 + 0] is the nearest reference row of query i (other than exclude[i])
 * ```
 */
export interface KnnEngine {
  /** Stores (or indexes) the reference rows. The engine may keep a view of `reference.data`. */
  fit(reference: KnnMatrix): void;
  /**
   * Finds, for every query row, the `k` nearest reference rows (skipping `opts.exclude[i]`),
   * nearest first; ties in distance go to the lower reference index.
   *
   * @returns row-major indices into the reference rows, length `queries.nRows * k`.
   * @throws AdaarInputError (argument `k`) when fewer than `k` reference rows are available to a query.
   */
  kneighbors(queries: KnnMatrix, k: number, opts?: KnnQueryOptions): Int32Array;
}
