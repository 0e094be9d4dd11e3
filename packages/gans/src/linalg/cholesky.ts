import { AdaarInputError } from '@adaar/data';

/**
 * Cholesky factor of a symmetric positive-definite matrix: lower-triangular `L` with
 * `A = L Lᵀ`, row-major `n x n` (the upper triangle is zero).
 *
 * @param A - row-major `n x n` symmetric matrix (only the lower triangle is read).
 * @param n - its size.
 * @throws AdaarInputError when the shape is wrong or A is not positive definite (a pivot
 *   is <= 0 or non-finite), naming the failing pivot.
 */
export function cholesky(A: ArrayLike<number>, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) {
    throw new AdaarInputError('n', `expected a positive integer, got ${n}`);
  }
  if (A.length !== n * n) {
    throw new AdaarInputError('A', `has ${A.length} values, expected n * n = ${n * n}`);
  }
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) {
          throw new AdaarInputError(
            'A',
            `is not positive definite: pivot ${i} is ${s} (a singular or indefinite covariance)`,
          );
        }
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  return L;
}

/**
 * Cholesky factor of `A + εI` with `ε = relJitter · trace(A) / n` (default `relJitter`
 * 1e-6, as methods.md 2.5 proposes), so that a positive semi-definite covariance of full
 * numerical rank factors reliably.
 *
 * @throws AdaarInputError when even the jittered matrix is not positive definite (e.g. a
 *   zero or negative trace).
 */
export function choleskyWithJitter(
  A: ArrayLike<number>,
  n: number,
  relJitter = 1e-6,
): Float64Array {
  if (A.length !== n * n) {
    throw new AdaarInputError('A', `has ${A.length} values, expected n * n = ${n * n}`);
  }
  let trace = 0;
  for (let i = 0; i < n; i++) trace += A[i * n + i];
  const eps = (relJitter * trace) / n;
  const B = Float64Array.from(A);
  for (let i = 0; i < n; i++) B[i * n + i] += eps;
  return cholesky(B, n);
}
