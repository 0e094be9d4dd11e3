import { describe, expect, it } from 'vitest';
import { numpySum, rint } from './numpyCompat';

describe('rint', () => {
  it('rounds halves to even, as np.rint', () => {
    expect([0.5, 1.5, 2.5, 3.5, -1.5, 2.4999, 2.5001, 3].map(rint)).toEqual([
      0, 2, 2, 4, -2, 2, 3, 3,
    ]);
  });
});

describe('numpySum', () => {
  it('sums pairwise like numpy (values from np.sum)', () => {
    // np.sum(np.full(n, 0.1)) for n = 7, 10, 200 gives 0.7, 1.0, 20.0
    // (a left-to-right loop gives 0.7, 0.9999999999999999, 20.000000000000014)
    expect(numpySum(new Float64Array(7).fill(0.1))).toBe(0.7);
    expect(numpySum(new Float64Array(10).fill(0.1))).toBe(1);
    expect(numpySum(new Float64Array(200).fill(0.1))).toBe(20);
  });
});
