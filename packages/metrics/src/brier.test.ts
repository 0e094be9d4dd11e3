import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import ref from './__fixtures__/sklearn_extra.json';
import { brier } from './brier';

describe('brier', () => {
  it('hand-worked: (0.01 + 0.01 + 0.04 + 0.09) / 4', () => {
    expect(brier([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])).toBeCloseTo(0.0375, 15);
    expect(brier([1, 0], [1, 0])).toBe(0);
    expect(brier([1, 0], [0, 1])).toBe(1);
  });
  it('is defined with a single class', () => {
    expect(brier([0, 0], [0.5, 0.1])).toBeCloseTo(0.13, 15);
  });
  it('matches sklearn brier_score_loss', () => {
    for (const c of ref.threshold_cases) {
      expect(Math.abs(brier(c.y, c.p) - c.brier)).toBeLessThan(1e-12);
    }
  });
  it('rejects probabilities outside [0, 1]', () => {
    expect(() => brier([0, 1], [0.2, 1.5])).toThrow(AdaarInputError);
    expect(() => brier([0, 1], [-0.1, 0.5])).toThrow(/probabilities: .*-0\.1 at index 0/);
  });
});
