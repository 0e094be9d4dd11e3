import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { fillNormal32 } from './random';

describe('fillNormal32', () => {
  it('draws standard normals: moments and tail frequencies, deterministic by seed', () => {
    const n = 200_001;
    const a = fillNormal32(new Rng(3), new Float32Array(n));
    let m = 0;
    let v = 0;
    let k4 = 0;
    let beyond2 = 0;
    for (const x of a) m += x;
    m /= n;
    for (const x of a) {
      v += (x - m) ** 2;
      k4 += (x - m) ** 4;
      if (Math.abs(x) > 1.959964) beyond2++;
    }
    v /= n;
    k4 /= n * v * v;
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.015);
    expect(Math.abs(k4 - 3)).toBeLessThan(0.05);
    expect(Math.abs(beyond2 / n - 0.05)).toBeLessThan(0.003);
    expect(fillNormal32(new Rng(3), new Float32Array(5))).toEqual(a.subarray(0, 5).slice());
    const s = fillNormal32(new Rng(3), new Float32Array(4), 10, 2);
    expect(Math.abs(s[0] - (10 + 2 * a[0]))).toBeLessThan(1e-5);
  });
});
