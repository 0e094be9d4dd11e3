import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { sortDescending } from './sortDescending';

function reference(s: Float64Array): number[] {
  return [...s.keys()].sort((a, b) => s[b] - s[a] || a - b);
}

function values(seed: number, n: number): Float64Array {
  const rng = new Rng(seed);
  const pool = [0, -0, 1, -1, 0.5, 5e-324, -5e-324, 1e300, -1e300, 2 ** -1022, 7.25];
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.float();
    if (u < 0.3) s[i] = pool[rng.int(pool.length)];
    else if (u < 0.6) s[i] = Math.round(rng.normal() * 100) / 100;
    else s[i] = rng.normal() * 10 ** (rng.int(40) - 20);
  }
  return s;
}

describe('sortDescending', () => {
  it('equals a stable comparison sort on mixed signs, ties, subnormals and extremes', () => {
    for (const [seed, n] of [
      [1, 10],
      [2, 63],
      [3, 64],
      [4, 5000],
      [5, 65_535],
      [6, 70_000],
    ]) {
      const s = values(seed, n);
      expect(Array.from(sortDescending(s))).toEqual(reference(s));
    }
  });
  it('orders a single value that differs from all others only in its lowest bits', () => {
    for (const n of [1000, 70_000]) {
      const s = new Float64Array(n).fill(0.5);
      const bits = new Uint32Array(s.buffer);
      const j = Math.floor(n / 3);
      bits[2 * j] = 1; // 0.5 + 1 ulp (little-endian low word)
      expect(s[j]).toBeGreaterThan(0.5);
      const order = sortDescending(s);
      expect(order[0]).toBe(j);
      expect(Array.from(order.subarray(1))).toEqual([...s.keys()].filter((i) => i !== j));
    }
  });
  it('handles all-equal and already sorted input', () => {
    const same = new Float64Array(1000).fill(0.25);
    expect(Array.from(sortDescending(same))).toEqual([...same.keys()]);
    const asc = Float64Array.from({ length: 1000 }, (_, i) => i - 500);
    expect(Array.from(sortDescending(asc))).toEqual([...asc.keys()].reverse());
  });
});
