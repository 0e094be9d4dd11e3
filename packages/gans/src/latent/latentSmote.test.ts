import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { latentSmote } from './latentSmote';
import { minorityNeighbours } from './minorityNeighbours';

/** Brute-force k nearest (by index-excluding Euclidean distance), written independently. */
function knnSets(Z: Float64Array, dim: number, k: number): Set<number>[] {
  const n = Z.length / dim;
  return Array.from({ length: n }, (_, i) => {
    const d = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < dim; c++) s += (Z[i * dim + c] - Z[j * dim + c]) ** 2;
      return { j, s };
    }).filter((e) => e.j !== i);
    d.sort((a, b) => a.s - b.s || a.j - b.j);
    return new Set(d.slice(0, k).map((e) => e.j));
  });
}

describe('latentSmote', () => {
  const dim = 4;
  const n = 30;
  const Z = new Rng(7).fillNormal(new Float64Array(n * dim));
  const table = minorityNeighbours(Z, dim, 5);
  const neighbours = knnSets(Z, dim, 5);

  it('every point lies on a segment between a code and one of its 5 nearest minority codes', () => {
    const count = 500;
    const out = latentSmote(Z, dim, table, count, new Rng(1));
    for (let s = 0; s < count; s++) {
      // search all (i, j ∈ kNN(i)) pairs for a segment through the point (independent check)
      let found = false;
      for (let i = 0; i < n && !found; i++) {
        for (const j of neighbours[i]) {
          let lam = Number.NaN;
          let ok = true;
          for (let c = 0; c < dim && ok; c++) {
            const zi = Z[i * dim + c];
            const dz = Z[j * dim + c] - zi;
            const l = (out[s * dim + c] - zi) / dz;
            if (Number.isNaN(lam)) lam = l;
            else ok = Math.abs(l - lam) < 1e-9;
          }
          if (ok && lam >= 0 && lam <= 1) {
            found = true;
            break;
          }
        }
      }
      expect(found).toBe(true);
    }
  });

  it('one scalar λ per point, uniform on [0,1): trace is consistent, λ has mean 1/2', () => {
    const count = 4000;
    const trace = {
      base: new Uint32Array(count),
      neighbour: new Uint32Array(count),
      lambda: new Float64Array(count),
    };
    const out = latentSmote(Z, dim, table, count, new Rng(2), { trace });
    let sum = 0;
    const bases = new Set<number>();
    for (let s = 0; s < count; s++) {
      const i = trace.base[s];
      const j = trace.neighbour[s];
      bases.add(i);
      expect(neighbours[i].has(j)).toBe(true);
      const l = trace.lambda[s];
      sum += l;
      for (let c = 0; c < dim; c++) {
        const expected = Z[i * dim + c] + l * (Z[j * dim + c] - Z[i * dim + c]);
        expect(out[s * dim + c]).toBeCloseTo(expected, 12);
      }
    }
    expect(bases.size).toBe(n);
    expect(Math.abs(sum / count - 0.5)).toBeLessThan(0.02);
  });

  it('round-robin bases cycle through every code in order', () => {
    const trace = {
      base: new Uint32Array(65),
      neighbour: new Uint32Array(65),
      lambda: new Float64Array(65),
    };
    latentSmote(Z, dim, table, 65, new Rng(2), { trace, baseSelection: 'round-robin' });
    expect(Array.from(trace.base)).toEqual(Array.from({ length: 65 }, (_, s) => s % n));
  });

  it('is deterministic by seed', () => {
    const a = latentSmote(Z, dim, table, 10, new Rng(9));
    const b = latentSmote(Z, dim, table, 10, new Rng(9));
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
