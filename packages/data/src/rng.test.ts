import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng, toRng } from './rng';

// Outputs of an independent C implementation of xoshiro128** (test/reference/xoshiro128ss.c).
// Its first ten outputs for state [1, 2, 3, 4] also equal the test vector published with the
// rand_xoshiro Rust crate (11520, 0, 5927040, 70819200, 2031721883, ...).
const refPath = new URL('../test/fixtures/xoshiro128ss.json', import.meta.url);
const ref = JSON.parse(readFileSync(refPath, 'utf8')) as {
  state: [number, number, number, number];
  outputs: number[];
  afterJumpState: [number, number, number, number];
  afterJumpOutputs: number[];
  state2: [number, number, number, number];
  outputs2: number[];
  seeded: { seed: number; state: [number, number, number, number]; outputs: number[] }[];
};

const hasGcc = (() => {
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Upper 0.999 quantile of chi-square with df degrees of freedom (Wilson-Hilferty). */
function chi2Crit(df: number): number {
  const z = 3.090232;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

function chi2(counts: number[], expected: number): number {
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('Rng against the C reference', () => {
  it('fromState(...).nextUint32() reproduces the reference outputs', () => {
    const r = Rng.fromState(ref.state);
    expect(Array.from({ length: ref.outputs.length }, () => r.nextUint32())).toEqual(ref.outputs);
    const r2 = Rng.fromState(ref.state2);
    for (let i = 0; i < 1000; i++) r2.nextUint32();
    expect(Array.from({ length: 10 }, () => r2.nextUint32())).toEqual(ref.outputs2);
  });

  it('jump() lands on the reference state and continues with its outputs', () => {
    const r = Rng.fromState(ref.state);
    r.jump();
    expect(r.state()).toEqual(ref.afterJumpState);
    expect(Array.from({ length: 10 }, () => r.nextUint32())).toEqual(ref.afterJumpOutputs);
  });

  it('split() hands out the current stream and jumps itself', () => {
    const parent = Rng.fromState(ref.state);
    const child = parent.split();
    expect(child.state()).toEqual(ref.state);
    expect(parent.state()).toEqual(ref.afterJumpState);
  });

  it('seeding by number matches the reference seeding', () => {
    for (const s of ref.seeded) {
      const r = new Rng(s.seed);
      expect(r.state()).toEqual(s.state);
      expect(Array.from({ length: 5 }, () => r.nextUint32())).toEqual(s.outputs);
    }
  });

  it.skipIf(!hasGcc)('the fixture is what the C reference prints (needs gcc)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xo-'));
    const exe = join(dir, 'xo');
    const src = new URL('../test/reference/xoshiro128ss.c', import.meta.url).pathname;
    execFileSync('gcc', ['-O2', '-std=c99', '-o', exe, src]);
    const out = JSON.parse(execFileSync(exe, { encoding: 'utf8' }));
    expect(out).toEqual(ref);
  });
});

describe('Rng statistics', () => {
  it('float() is uniform in [0, 1): mean 1/2, variance 1/12, chi-square over 20 bins', () => {
    const r = new Rng(1);
    const n = 200_000;
    const bins = new Array(20).fill(0);
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.float();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
      bins[Math.floor(u * 20)]++;
    }
    expect(outside).toBe(0);
    const mean = s / n;
    // 5 standard errors: sd of the mean is sqrt(1/12 / n) = 0.00065.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    expect(chi2(bins, n / 20)).toBeLessThan(chi2Crit(19));
  });

  it('normal() has mean 0, variance 1, skewness 0, kurtosis 3', () => {
    const r = new Rng(2);
    const n = 200_000;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      m1 += z;
      m2 += z * z;
      m3 += z ** 3;
      m4 += z ** 4;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(0.012);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.016);
    expect(Math.abs(m3 / n)).toBeLessThan(0.03);
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.12);
  });

  it('fillNormal() applies mean and std; the normal CDF matches at 1.96', () => {
    const out = new Rng(3).fillNormal(new Float64Array(100_000), 10, 2);
    let s = 0;
    let below = 0;
    for (const v of out) {
      s += v;
      if (v < 10 + 2 * 1.96) below++;
    }
    expect(Math.abs(s / out.length - 10)).toBeLessThan(0.03);
    // P(Z < 1.96) = 0.975, sd of the estimate 0.0005.
    expect(Math.abs(below / out.length - 0.975)).toBeLessThan(0.0025);
  });

  it('int(n) is unbiased (chi-square) for small n and for n where modulo bias would show', () => {
    const r = new Rng(4);
    for (const k of [2, 6, 7, 10]) {
      const counts = new Array(k).fill(0);
      const n = 60_000;
      for (let i = 0; i < n; i++) counts[r.int(k)]++;
      expect(chi2(counts, n / k)).toBeLessThan(chi2Crit(k - 1));
    }
    // n = 3 * 2^30: plain `x % n` would make values below 2^32 - n twice as likely.
    const big = 3 * 2 ** 30;
    const bins = new Array(12).fill(0);
    const n = 60_000;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const v = r.int(big);
      if (!(v >= 0 && v < big && Number.isInteger(v))) bad++;
      bins[Math.floor((v / big) * 12)]++;
    }
    expect(bad).toBe(0);
    expect(chi2(bins, n / 12)).toBeLessThan(chi2Crit(11));
  });

  it('permutation(4) gives each of the 24 orders equally often (chi-square)', () => {
    const r = new Rng(5);
    const counts = new Map<string, number>();
    const n = 48_000;
    for (let i = 0; i < n; i++) {
      const key = r.permutation(4).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    expect(chi2([...counts.values()], n / 24)).toBeLessThan(chi2Crit(23));
  });

  it('shuffle keeps the elements; uniform() stays in range', () => {
    const r = new Rng(6);
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = r.shuffle(a.slice());
    expect([...b].sort((x, y) => x - y)).toEqual(a);
    expect(b).not.toEqual(a);
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform(-3, 5);
      expect(u >= -3 && u < 5).toBe(true);
    }
    const f = r.fillUniform(new Float32Array(100), 2, 4);
    expect(f.every((v) => v >= 2 && v <= 4)).toBe(true);
  });
});

describe('Rng.fork', () => {
  const pearson = (a: Float64Array, b: Float64Array): number => {
    const n = a.length;
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      sa += a[i];
      sb += b[i];
    }
    const ma = sa / n;
    const mb = sb / n;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) ** 2;
      sbb += (b[i] - mb) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
  };

  it('is deterministic and does not advance the parent', () => {
    const p = new Rng(7);
    const before = p.state();
    const a = p.fork(3).nextUint32();
    expect(p.state()).toEqual(before);
    expect(p.fork(3).nextUint32()).toBe(a);
    expect(new Rng(7).fork(3).nextUint32()).toBe(a);
  });

  it('gives unrelated streams for neighbouring labels and neighbouring parents', () => {
    const p = new Rng(8);
    const n = 20_000;
    const streams = [0, 1, 2].map((l) => p.fork(l).fillUniform(new Float64Array(n)));
    // |r| of independent streams: sd 1/sqrt(n) = 0.007.
    expect(Math.abs(pearson(streams[0], streams[1]))).toBeLessThan(0.035);
    expect(Math.abs(pearson(streams[1], streams[2]))).toBeLessThan(0.035);
    const q = Rng.fromState([1, 0, 0, 0]).fork(0).fillUniform(new Float64Array(n));
    const q2 = Rng.fromState([2, 0, 0, 0]).fork(0).fillUniform(new Float64Array(n));
    expect(Math.abs(pearson(q, q2))).toBeLessThan(0.035);
  });

  it('depends on every parent word (parents differing by swapped words give different children)', () => {
    const a = Rng.fromState([1, 2, 3, 4]).fork(5);
    const b = Rng.fromState([1, 3, 2, 4]).fork(5);
    const c = Rng.fromState([1, 2, 4, 3]).fork(5);
    const outA = a.nextUint32();
    expect(b.nextUint32()).not.toBe(outA);
    expect(c.nextUint32()).not.toBe(outA);
  });

  it('avalanches: one label bit flips about half the bits of the first output', () => {
    const p = new Rng(9);
    let flipped = 0;
    const trials = 2000;
    for (let l = 0; l < trials; l++) {
      let x = (p.fork(2 * l).nextUint32() ^ p.fork(2 * l + 1).nextUint32()) >>> 0;
      while (x) {
        flipped += x & 1;
        x >>>= 1;
      }
    }
    // Mean 16 bits per pair; sd of the mean sqrt(8 / 2000) = 0.063.
    expect(Math.abs(flipped / trials - 16)).toBeLessThan(0.4);
  });

  it('first outputs of labels 0..9999 are uniform (chi-square over 16 bins)', () => {
    const p = new Rng(10);
    const bins = new Array(16).fill(0);
    for (let l = 0; l < 10_000; l++) bins[p.fork(l).nextUint32() >>> 28]++;
    expect(chi2(bins, 10_000 / 16)).toBeLessThan(chi2Crit(15));
  });

  it('rejects bad labels', () => {
    expect(() => new Rng(1).fork(-1)).toThrow(/label/);
    expect(() => new Rng(1).fork(1.5)).toThrow(/label/);
  });
});

describe('Rng input checks and helpers', () => {
  it('rejects bad seeds, states and ranges', () => {
    expect(() => new Rng(Number.NaN)).toThrow(/seed/);
    expect(() => Rng.fromState([0, 0, 0, 0])).toThrow(/state/);
    const r = new Rng(1);
    expect(() => r.int(0)).toThrow(/n:/);
    expect(() => r.int(2.5)).toThrow(/n:/);
    expect(() => r.int(2 ** 32 + 1)).toThrow(/n:/);
  });

  it('toRng passes generators through and seeds numbers', () => {
    const r = new Rng(11);
    expect(toRng(r)).toBe(r);
    expect(toRng(11).state()).toEqual(new Rng(11).state());
    expect(toRng().state()).toEqual(new Rng(0).state());
  });
});
