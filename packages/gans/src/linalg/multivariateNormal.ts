import { AdaarInputError, type Rng } from '@adaar/data';
import { choleskyWithJitter } from './cholesky';
import { symmetricEigen } from './symmetricEigen';

/** How {@link MultivariateNormal} factors its covariance. */
export type MvnFactorization = 'eigen' | 'cholesky';

/** JSON form of a {@link MultivariateNormal} (for save/load). */
export interface MultivariateNormalJSON {
  readonly mean: number[];
  readonly cov: number[];
  readonly method: MvnFactorization;
}

/**
 * A multivariate normal distribution `N(mean, cov)` that draws with a seeded {@link Rng}.
 *
 * The covariance is factored once as `cov = F Fᵀ` and each draw is `mean + F u` with
 * `u ~ N(0, I)`:
 * - `'eigen'` (default, like numpy's SVD-based sampler, accepts positive semi-definite
 *   matrices): `cov = V Λ Vᵀ` by Jacobi, `Λ ← max(Λ, 0)`, `F = V √Λ`;
 * - `'cholesky'`: `F` = Cholesky factor of `cov + εI`, `ε = 1e-6 · trace(cov) / dim`.
 */
export class MultivariateNormal {
  /** Dimension. */
  readonly dim: number;
  /** Mean vector (copied). */
  readonly mean: Float64Array;
  /** Covariance, row-major `dim x dim` (copied). */
  readonly cov: Float64Array;
  /** Factorization used. */
  readonly method: MvnFactorization;
  private readonly factor: Float64Array;

  /**
   * @param mean - mean vector, length `dim`.
   * @param cov - covariance, row-major `dim x dim`, symmetric positive semi-definite.
   * @param method - `'eigen'` (default) or `'cholesky'`.
   * @throws AdaarInputError when shapes disagree or values are not finite; with
   *   `'cholesky'`, when the jittered covariance is not positive definite.
   */
  constructor(mean: ArrayLike<number>, cov: ArrayLike<number>, method: MvnFactorization = 'eigen') {
    const dim = mean.length;
    if (dim < 1) throw new AdaarInputError('mean', 'must have at least one entry');
    if (cov.length !== dim * dim) {
      throw new AdaarInputError('cov', `has ${cov.length} values, expected ${dim} x ${dim}`);
    }
    for (let j = 0; j < dim; j++) {
      if (!Number.isFinite(mean[j])) throw new AdaarInputError('mean', `non-finite at ${j}`);
    }
    this.dim = dim;
    this.mean = Float64Array.from(mean);
    this.cov = Float64Array.from(cov);
    this.method = method;
    if (method === 'cholesky') {
      this.factor = choleskyWithJitter(this.cov, dim);
    } else if (method === 'eigen') {
      const { values, vectors } = symmetricEigen(this.cov, dim);
      const F = new Float64Array(dim * dim);
      for (let c = 0; c < dim; c++) {
        const s = Math.sqrt(Math.max(values[c], 0));
        for (let r = 0; r < dim; r++) F[r * dim + c] = vectors[r * dim + c] * s;
      }
      this.factor = F;
    } else {
      throw new AdaarInputError('method', `expected 'eigen' or 'cholesky', got ${String(method)}`);
    }
  }

  /**
   * Draws `count` vectors, row-major `count * dim`.
   * @param out - optional output buffer (Float32Array for direct tensor upload), at least
   *   `count * dim` long; written from index 0.
   */
  sample<T extends Float32Array | Float64Array = Float64Array>(
    count: number,
    rng: Rng,
    out?: T,
  ): T {
    const { dim, factor, mean } = this;
    const res = (out ?? new Float64Array(count * dim)) as T;
    if (res.length < count * dim) {
      throw new AdaarInputError('out', `has ${res.length} values, needs ${count * dim}`);
    }
    const u = new Float64Array(dim);
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < dim; j++) u[j] = rng.normal();
      this.drawInto(u, res, i * dim, factor, mean);
    }
    return res;
  }

  /** Writes one draw `mean + F u` into `out` at `offset` (used for mixed-class batches). */
  sampleOne(rng: Rng, out: Float32Array | Float64Array, offset: number): void {
    const u = new Float64Array(this.dim);
    for (let j = 0; j < this.dim; j++) u[j] = rng.normal();
    this.drawInto(u, out, offset, this.factor, this.mean);
  }

  /** JSON form, for save/load. */
  toJSON(): MultivariateNormalJSON {
    return { mean: Array.from(this.mean), cov: Array.from(this.cov), method: this.method };
  }

  /** Rebuilds a distribution saved with {@link MultivariateNormal.toJSON}. */
  static fromJSON(json: MultivariateNormalJSON): MultivariateNormal {
    return new MultivariateNormal(json.mean, json.cov, json.method);
  }

  private drawInto(
    u: Float64Array,
    out: Float32Array | Float64Array,
    offset: number,
    F: Float64Array,
    mean: Float64Array,
  ): void {
    const dim = this.dim;
    for (let r = 0; r < dim; r++) {
      let s = mean[r];
      const base = r * dim;
      for (let c = 0; c < dim; c++) s += F[base + c] * u[c];
      out[offset + r] = s;
    }
  }
}
