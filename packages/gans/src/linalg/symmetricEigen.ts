import { AdaarInputError } from '@adaar/data';

/** Eigendecomposition `A = V diag(values) Vᵀ` of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, in descending order. */
  readonly values: Float64Array;
  /**
   * Orthonormal eigenvectors, row-major `n x n`: column `i` (entries `vectors[r * n + i]`)
   * belongs to `values[i]`.
   */
  readonly vectors: Float64Array;
  /** Matrix size. */
  readonly n: number;
}

/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method. Accurate to
 * near machine precision; cost O(n³) per sweep with typically 6-10 sweeps, fine for n <= 64
 * (BAGAN's latent covariance). The input is symmetrised as `(A + Aᵀ)/2` first.
 *
 * @param A - row-major `n x n` matrix.
 * @param n - its size.
 * @throws AdaarInputError when `A.length !== n * n` or A holds a non-finite value.
 */
export function symmetricEigen(A: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1) {
    throw new AdaarInputError('n', `expected a positive integer, got ${n}`);
  }
  if (A.length !== n * n) {
    throw new AdaarInputError('A', `has ${A.length} values, expected n * n = ${n * n}`);
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = 0.5 * (A[i * n + j] + A[j * n + i]);
      if (!Number.isFinite(v)) {
        throw new AdaarInputError('A', `non-finite value at row ${i}, column ${j}`);
      }
      a[i * n + j] = v;
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  const threshold = total * 1e-30;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off <= threshold) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const sign = theta >= 0 ? 1 : -1;
        const t = sign / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A <- Jᵀ A J with J = I except J[p][p] = J[q][q] = c, J[p][q] = s, J[q][p] = -s.
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src];
    for (let r = 0; r < n; r++) vectors[r * n + dst] = v[r * n + src];
  });
  return { values, vectors, n };
}
