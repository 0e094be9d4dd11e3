import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { cholesky, choleskyWithJitter } from './cholesky';

describe('cholesky', () => {
  it('factors the textbook 3x3 example exactly', () => {
    // [[4,12,-16],[12,37,-43],[-16,-43,98]] = L Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]]
    const L = cholesky([4, 12, -16, 12, 37, -43, -16, -43, 98], 3);
    expect(Array.from(L)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('throws a named error on a singular or indefinite matrix', () => {
    expect(() => cholesky([1, 1, 1, 1], 2)).toThrow(AdaarInputError);
    expect(() => cholesky([1, 2, 2, 1], 2)).toThrow(/not positive definite/);
  });

  it('with jitter ε = 1e-6·trace/n, factors a PSD singular matrix: L Lᵀ = A + εI', () => {
    const A = [1, 1, 1, 1];
    const L = choleskyWithJitter(A, 2);
    const eps = (1e-6 * 2) / 2;
    expect(L[0] * L[0]).toBeCloseTo(1 + eps, 14);
    expect(L[2] * L[0]).toBeCloseTo(1, 14);
    expect(L[2] * L[2] + L[3] * L[3]).toBeCloseTo(1 + eps, 14);
    expect(L[1]).toBe(0);
  });
});
