import { AdaarInputError } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { baganFakeCount, baganGeneratorDraws, discriminatorTargets } from './batchLayout';

describe('BAGAN batch layout (methods.md 2.3, 2.6 items 1 and 5)', () => {
  it('n_fake = ceil(B/C): 64 for B = 128, C = 2; 43 for B = 128, C = 3; 1 for B = 1', () => {
    expect(baganFakeCount(128, 2)).toBe(64);
    expect(baganFakeCount(128, 3)).toBe(43);
    expect(baganFakeCount(127, 2)).toBe(64);
    expect(baganFakeCount(1, 2)).toBe(1);
  });

  it('G step draws B + n_fake latent vectors: 192 for B = 128, C = 2', () => {
    expect(baganGeneratorDraws(128, 2)).toBe(192);
    expect(baganGeneratorDraws(10, 3)).toBe(14);
  });

  it('fakes weigh 1/3 of the D loss when C = 2', () => {
    const nf = baganFakeCount(128, 2);
    expect(nf / (128 + nf)).toBeCloseTo(1 / 3, 12);
  });

  it('D targets: real rows keep their class, fakes get index C (the last of C+1 outputs)', () => {
    const t = discriminatorTargets([1, 0, 0, 1], 2, 2);
    expect(Array.from(t)).toEqual([1, 0, 0, 1, 2, 2]);
    expect(Array.from(discriminatorTargets([2, 0], 1, 3))).toEqual([2, 0, 3]);
  });

  it('rejects labels outside 0..C-1 and bad sizes', () => {
    expect(() => discriminatorTargets([2], 1, 2)).toThrow(AdaarInputError);
    expect(() => baganFakeCount(0, 2)).toThrow(/batchSize/);
    expect(() => baganFakeCount(8, 0)).toThrow(/nClasses/);
  });
});
