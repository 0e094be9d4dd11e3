import { AdaarInputError, Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { meanCovariance } from '../linalg/meanCovariance';
import { checkLatentCapacity, drawClassLatents, fitClassNormals } from './classNormals';

describe('checkLatentCapacity', () => {
  it('accepts latentDim + 1 rows per class and rejects fewer with a clear message', () => {
    expect(() => checkLatentCapacity([500, 33], 32)).not.toThrow();
    expect(() => checkLatentCapacity([500, 32], 32)).toThrow(AdaarInputError);
    expect(() => checkLatentCapacity([500, 20], 32)).toThrow(
      /^train: has 20 high-risk \(1\) rows.*latentDim 32.*at most 19/,
    );
  });
});

describe('fitClassNormals (methods.md 2.1 item 4, 2.6 item 4)', () => {
  it('per-class mean and full N-1 covariance over all rows of the class', () => {
    // class 0 rows (1,2), (3,6), (5,7): mean (3,5), cov [[4,5],[5,7]] (hand-computed)
    // class 1 rows (0,0), (2,0), (0,2): mean (2/3, 2/3), cov [[4/3,-2/3],[-2/3,4/3]]
    const Z = [1, 2, 0, 0, 3, 6, 2, 0, 5, 7, 0, 2];
    const labels = [0, 1, 0, 1, 0, 1];
    const [n0, n1] = fitClassNormals(Z, labels, 2, 2);
    expect(Array.from(n0.mean)).toEqual([3, 5]);
    expect(Array.from(n0.cov)).toEqual([4, 5, 5, 7]);
    expect(n1.mean[0]).toBeCloseTo(2 / 3, 14);
    expect(n1.cov[0]).toBeCloseTo(4 / 3, 14);
    expect(n1.cov[1]).toBeCloseTo(-2 / 3, 14);
  });

  it('throws instead of building a singular covariance when a class is too small', () => {
    const rng = new Rng(1);
    const Z = rng.fillNormal(new Float64Array(40 * 4));
    const labels = Array.from({ length: 40 }, (_, i) => (i < 36 ? 0 : 1)); // 4 high-risk rows, L = 4
    expect(() => fitClassNormals(Z, labels, 4, 2)).toThrow(/latentDim \+ 1 = 5/);
  });

  it('drawClassLatents draws each row from its own class', () => {
    const rng = new Rng(2);
    const n = 400;
    const Z = new Float64Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      Z[2 * i] = rng.normal() + (i % 2 ? 10 : -10);
      Z[2 * i + 1] = rng.normal() * (i % 2 ? 3 : 1);
    }
    const normals = fitClassNormals(Z, labels, 2, 2);
    const want = Int32Array.from({ length: 4000 }, (_, i) => (i < 1000 ? 1 : 0));
    const out = drawClassLatents(normals, want, new Rng(3), new Float32Array(8000));
    const ones = Array.from({ length: 1000 }, (_, i) => i);
    const s1 = meanCovariance(out, 2, ones);
    expect(s1.mean[0]).toBeGreaterThan(9.5);
    expect(Math.sqrt(s1.cov[3])).toBeGreaterThan(2.5);
    const s0 = meanCovariance(
      out,
      2,
      Array.from({ length: 3000 }, (_, i) => i + 1000),
    );
    expect(s0.mean[0]).toBeLessThan(-9.5);
    expect(Math.sqrt(s0.cov[3])).toBeLessThan(1.3);
  });
});
