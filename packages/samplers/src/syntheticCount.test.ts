import { describe, expect, it } from 'vitest';
import type { SamplingStrategy } from './sampler';
import { syntheticCount } from './syntheticCount';

// 3 high-risk, 10 low-risk
const train = { y: Uint8Array.from([1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0]) };

describe('syntheticCount', () => {
  it('K x P, rounded', () => {
    expect(syntheticCount(train, { K: 2 })).toBe(6);
    expect(syntheticCount(train, { K: 0.5 })).toBe(2); // 1.5 -> 2
    expect(syntheticCount(train, { K: 0 })).toBe(0);
  });
  it("'balance': N - P", () => {
    expect(syntheticCount(train, 'balance')).toBe(7);
    expect(syntheticCount({ y: Uint8Array.from([1, 1, 0]) }, 'balance')).toBe(0);
  });
  it("ratio: trunc(ratio x N - P), as imbalanced-learn's float strategy", () => {
    // int(10 * 0.5 - 3) = 2; int(10 * 0.65 - 3) = int(3.5) = 3; int(10 * 1 - 3) = 7
    expect(syntheticCount(train, { ratio: 0.5 })).toBe(2);
    expect(syntheticCount(train, { ratio: 0.65 })).toBe(3);
    expect(syntheticCount(train, { ratio: 1 })).toBe(7);
    expect(() => syntheticCount(train, { ratio: 0.2 })).toThrow(/^strategy: ratio 0.2 asks for 2/);
  });
  it('n: exactly n', () => {
    expect(syntheticCount(train, { n: 11 })).toBe(11);
  });
  it('rejects bad strategies naming the argument', () => {
    for (const s of [
      { K: -1 },
      { K: Number.NaN },
      { ratio: 0 },
      { n: 1.5 },
      { n: -1 },
      'auto',
      {},
    ]) {
      expect(() => syntheticCount(train, s as SamplingStrategy)).toThrow(/^strategy: /);
    }
  });
});
