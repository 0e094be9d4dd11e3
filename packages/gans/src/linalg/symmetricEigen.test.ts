import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetricEigen';

function col(vectors: Float64Array, n: number, c: number): number[] {
  return Array.from({ length: n }, (_, r) => vectors[r * n + c]);
}

/** Compares eigenvectors up to sign. */
function expectParallel(actual: number[], expected: number[]): void {
  const sign = Math.sign(actual.reduce((s, v, i) => s + v * expected[i], 0));
  actual.forEach((v, i) => {
    expect(sign * v).toBeCloseTo(expected[i], 12);
  });
}

describe('symmetricEigen', () => {
  it('2x2 [[2,1],[1,2]]: eigenvalues 3, 1 with vectors (1,1)/√2, (1,-1)/√2', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expectParallel(col(vectors, 2, 0), [Math.SQRT1_2, Math.SQRT1_2]);
    expectParallel(col(vectors, 2, 1), [Math.SQRT1_2, -Math.SQRT1_2]);
  });

  it('3x3 second-difference matrix: eigenvalues 2+√2, 2, 2-√2 (closed form)', () => {
    const A = [2, -1, 0, -1, 2, -1, 0, -1, 2];
    const { values, vectors } = symmetricEigen(A, 3);
    expect(values[0]).toBeCloseTo(2 + Math.SQRT2, 13);
    expect(values[1]).toBeCloseTo(2, 13);
    expect(values[2]).toBeCloseTo(2 - Math.SQRT2, 13);
    // eigenvectors sin(jkπ/4): for λ = 2 - 2cos(kπ/4)
    expectParallel(col(vectors, 3, 2), [0.5, Math.SQRT1_2, 0.5]);
    expectParallel(col(vectors, 3, 1), [Math.SQRT1_2, 0, -Math.SQRT1_2]);
    expectParallel(col(vectors, 3, 0), [0.5, -Math.SQRT1_2, 0.5]);
  });

  it('a diagonal matrix is already diagonal: values sorted, vectors are unit axes', () => {
    const { values, vectors } = symmetricEigen([1, 0, 0, 0, 5, 0, 0, 0, 3], 3);
    expect(Array.from(values)).toEqual([5, 3, 1]);
    expectParallel(col(vectors, 3, 0), [0, 1, 0]);
    expectParallel(col(vectors, 3, 2), [1, 0, 0]);
  });

  it('reconstructs a random 24x24 SPD matrix (V Λ Vᵀ = A, Vᵀ V = I), with a zero eigenvalue', () => {
    const n = 24;
    const rng = new Rng(3);
    // A = B Bᵀ with B n x (n-1): PSD and singular (rank n-1)
    const B = rng.fillNormal(new Float64Array(n * (n - 1)));
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n - 1; k++) s += B[i * (n - 1) + k] * B[j * (n - 1) + k];
        A[i * n + j] = s;
      }
    const { values, vectors } = symmetricEigen(A, n);
    for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    expect(Math.abs(values[n - 1])).toBeLessThan(1e-10);
    let maxErr = 0;
    let maxOrth = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        let o = 0;
        for (let k = 0; k < n; k++) {
          s += vectors[i * n + k] * values[k] * vectors[j * n + k];
          o += vectors[k * n + i] * vectors[k * n + j];
        }
        maxErr = Math.max(maxErr, Math.abs(s - A[i * n + j]));
        maxOrth = Math.max(maxOrth, Math.abs(o - (i === j ? 1 : 0)));
      }
    expect(maxErr).toBeLessThan(1e-10);
    expect(maxOrth).toBeLessThan(1e-12);
  });
});
