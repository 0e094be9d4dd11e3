import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { meanCovariance } from './meanCovariance';
import { MultivariateNormal } from './multivariateNormal';

const MEAN = [1, -2, 0.5];
// a hand-built SPD matrix with strong correlations
const COV = [4, 1.8, -1.2, 1.8, 2.25, 0.3, -1.2, 0.3, 1];

describe('MultivariateNormal', () => {
  for (const method of ['eigen', 'cholesky'] as const) {
    it(`${method}: the empirical mean and covariance of many draws converge to the target`, () => {
      const mvn = new MultivariateNormal(MEAN, COV, method);
      const n = 60_000;
      const draws = mvn.sample(n, new Rng(11));
      const { mean, cov } = meanCovariance(draws, 3);
      for (let j = 0; j < 3; j++) expect(mean[j]).toBeCloseTo(MEAN[j], 1);
      // standard error of a covariance entry ~ sqrt((σ_ii σ_jj + σ_ij²)/n) <= 0.012 here
      for (let k = 0; k < 9; k++) expect(Math.abs(cov[k] - COV[k])).toBeLessThan(0.06);
    });
  }

  it('eigen: accepts a singular PSD covariance and draws on its support', () => {
    // Σ = v vᵀ with v = (1, 2): every draw lies on the line through the mean along v
    const mvn = new MultivariateNormal([3, 1], [1, 2, 2, 4]);
    const draws = mvn.sample(2000, new Rng(5));
    let maxOff = 0;
    for (let i = 0; i < 2000; i++) {
      const dx = draws[2 * i] - 3;
      const dy = draws[2 * i + 1] - 1;
      maxOff = Math.max(maxOff, Math.abs(2 * dx - dy));
    }
    expect(maxOff).toBeLessThan(1e-9);
    const { cov } = meanCovariance(draws, 2);
    expect(cov[3]).toBeGreaterThan(3.5);
    expect(cov[3]).toBeLessThan(4.5);
  });

  it('same seed, same draws; writes into a Float32Array buffer; JSON round trip', () => {
    const a = new MultivariateNormal(MEAN, COV);
    const x = a.sample(5, new Rng(1));
    const y = MultivariateNormal.fromJSON(JSON.parse(JSON.stringify(a.toJSON()))).sample(
      5,
      new Rng(1),
    );
    expect(Array.from(y)).toEqual(Array.from(x));
    const f = a.sample(5, new Rng(1), new Float32Array(15));
    expect(Array.from(f)).toEqual(Array.from(Float32Array.from(x)));
  });
});
