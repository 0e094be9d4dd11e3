import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { meanCovariance } from './meanCovariance';

describe('meanCovariance', () => {
  it('matches a hand-computed mean and N-1 covariance (numpy.cov default)', () => {
    // rows (1,2), (3,6), (5,7): mean (3, 5); centred (-2,-3), (0,1), (2,2)
    // sums: xx = 8, xy = 10, yy = 14; divisor N-1 = 2
    const Z = [1, 2, 3, 6, 5, 7];
    const { mean, cov, count } = meanCovariance(Z, 2);
    expect(count).toBe(3);
    expect(Array.from(mean)).toEqual([3, 5]);
    expect(Array.from(cov)).toEqual([4, 5, 5, 7]);
  });

  it('uses only the given rows', () => {
    const Z = [1, 2, 100, -100, 3, 6, 5, 7];
    const { mean, cov } = meanCovariance(Z, 2, [0, 2, 3]);
    expect(Array.from(mean)).toEqual([3, 5]);
    expect(Array.from(cov)).toEqual([4, 5, 5, 7]);
  });

  it('rejects fewer than two rows', () => {
    expect(() => meanCovariance([1, 2], 2)).toThrow(AdaarInputError);
    expect(() => meanCovariance([1, 2, 3], 2)).toThrow(/multiple of dim/);
  });
});
