import { readFileSync } from 'node:fs';
import { Rng } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { BruteForceKnn } from './bruteForceKnn';
import type { KnnMatrix } from './knnEngine';

const fixture = (name: string) => new URL(`../__fixtures__/${name}`, import.meta.url);

function loadKnn2000(): { X: KnnMatrix; neighbors: number[][]; k: number } {
  const ref = JSON.parse(readFileSync(fixture('knn2000_ref.json'), 'utf8')) as {
    n: number;
    d: number;
    k: number;
    neighbors: number[][];
  };
  const buf = readFileSync(fixture('knn2000_f64.bin'));
  const data = new Float64Array(ref.n * ref.d);
  for (let i = 0; i < data.length; i++) data[i] = buf.readDoubleLE(8 * i);
  return { X: { data, nRows: ref.n, nCols: ref.d }, neighbors: ref.neighbors, k: ref.k };
}

/** Independent reference: all distances, sorted by (distance, index). */
function naive(q: KnnMatrix, r: KnnMatrix, k: number, exclude?: ArrayLike<number>): number[][] {
  const d = q.nCols;
  const out: number[][] = [];
  for (let i = 0; i < q.nRows; i++) {
    const all: [number, number][] = [];
    for (let j = 0; j < r.nRows; j++) {
      if (exclude && exclude[i] === j) continue;
      let s = 0;
      for (let f = 0; f < d; f++) s += (q.data[i * d + f] - r.data[j * d + f]) ** 2;
      all.push([s, j]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out.push(all.slice(0, k).map((e) => e[1]));
  }
  return out;
}

function rows(idx: Int32Array, k: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < idx.length / k; i++) out.push(Array.from(idx.subarray(i * k, i * k + k)));
  return out;
}

const backends = ['wasm', 'js'] as const;

describe.each(backends)('BruteForceKnn (%s)', (backend) => {
  it("equals scikit-learn's neighbour indices on knn2000 (2000 x 30, k = 5, self excluded)", () => {
    const { X, neighbors, k } = loadKnn2000();
    const knn = new BruteForceKnn({ backend });
    expect(knn.backend).toBe(backend);
    knn.fit(X);
    const self = Int32Array.from({ length: X.nRows }, (_, i) => i);
    expect(rows(knn.kneighbors(X, k, { exclude: self }), k)).toEqual(neighbors);
    const c = knn.lastStageCounts;
    expect(c.i16 + c.f32 + c.f64 + c.exact).toBe(X.nRows);
    // the first stage settles almost every query on such data
    expect(backend === 'wasm' ? c.i16 : c.f64).toBeGreaterThan(0.95 * X.nRows);
  });

  it('settles unproven queries with a wider second candidate pass (margin 0)', () => {
    // with k + 0 candidates the first pass can prove nothing; the wider pass must settle them
    const { X, neighbors, k } = loadKnn2000();
    const knn = new BruteForceKnn({ backend, margin: 0 });
    knn.fit(X);
    const self = Int32Array.from({ length: X.nRows }, (_, i) => i);
    expect(rows(knn.kneighbors(X, k, { exclude: self }), k)).toEqual(neighbors);
    const c = knn.lastStageCounts;
    if (backend === 'wasm') expect(c.i16).toBeGreaterThan(0.95 * X.nRows);
  });

  it('finds hand-computed neighbours on a line', () => {
    const ref = { data: Float64Array.from([0, 1, 3, 7, 15]), nRows: 5, nCols: 1 };
    const knn = new BruteForceKnn({ backend });
    knn.fit(ref);
    const q = { data: Float64Array.from([2, 6, 100]), nRows: 3, nCols: 1 };
    // 2: |2-1|=1, |2-3|=1 (tie -> lower index 1 first), then 0 (2); 6: 7 (1), 3 (3); 100: 15, 7
    expect(rows(knn.kneighbors(q, 3), 3)).toEqual([
      [1, 2, 0],
      [3, 2, 1],
      [4, 3, 2],
    ]);
  });

  it('is exact with exact ties, duplicates and near-duplicates (the fallback path)', () => {
    const rng = new Rng(7);
    const n = 300;
    const d = 7;
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < d; f++) {
        // an integer grid: many exactly equal distances
        data[i * d + f] = rng.int(3) + (i % 17 === 0 ? 1e-11 * rng.float() : 0);
      }
    }
    const X = { data, nRows: n, nCols: d };
    const knn = new BruteForceKnn({ backend });
    knn.fit(X);
    const self = Int32Array.from({ length: n }, (_, i) => i);
    expect(rows(knn.kneighbors(X, 6, { exclude: self }), 6)).toEqual(naive(X, X, 6, self));
  });

  it('is exact when one outlier makes the int16 quantisation coarse', () => {
    // the outlier sets the int16 scale to about 1e4 / 9459 ~ 1.06, the other rows differ by
    // less than that, so quantised distances tie or mis-order and later stages must settle
    const rng = new Rng(3);
    const n = 400;
    const d = 3;
    const data = new Float64Array(n * d);
    for (let i = 0; i < data.length; i++) data[i] = 3 * rng.float();
    data.set([1e4, -1e4, 1e4], 0);
    const X = { data, nRows: n, nCols: d };
    const knn = new BruteForceKnn({ backend });
    knn.fit(X);
    const self = Int32Array.from({ length: n }, (_, i) => i);
    expect(rows(knn.kneighbors(X, 5, { exclude: self }), 5)).toEqual(naive(X, X, 5, self));
  });

  it('matches a naive search for other queries, large offsets, and k close to n', () => {
    const rng = new Rng(11);
    for (const [nr, nq, d, k] of [
      [50, 13, 3, 49],
      [257, 33, 31, 5],
      [9, 9, 2, 9],
    ]) {
      const r = new Float64Array(nr * d);
      for (let i = 0; i < r.length; i++) r[i] = 1e4 + rng.normal();
      const q = new Float64Array(nq * d);
      for (let i = 0; i < q.length; i++) q[i] = 1e4 + 2 * rng.normal();
      const R = { data: r, nRows: nr, nCols: d };
      const Q = { data: q, nRows: nq, nCols: d };
      const knn = new BruteForceKnn({ backend });
      knn.fit(R);
      expect(rows(knn.kneighbors(Q, k), k)).toEqual(naive(Q, R, k));
    }
  });
});

describe('BruteForceKnn on worker threads', () => {
  it("equals scikit-learn's indices on knn2000 with 2 and 3 threads", () => {
    const { X, neighbors, k } = loadKnn2000();
    const self = Int32Array.from({ length: X.nRows }, (_, i) => i);
    for (const threads of [2, 3]) {
      const knn = new BruteForceKnn({ threads });
      knn.fit(X);
      expect(rows(knn.kneighbors(X, k, { exclude: self }), k)).toEqual(neighbors);
      expect(knn.lastThreads).toBe(threads);
    }
  });

  it('stays exact across calls that grow, shrink and grow the kept memory', () => {
    const rng = new Rng(9);
    const knn = new BruteForceKnn({ threads: 2 });
    for (const [nr, nq, d] of [
      [600, 120, 9],
      [40, 17, 3],
      [3000, 64, 12],
    ]) {
      const r = new Float64Array(nr * d);
      for (let i = 0; i < r.length; i++) r[i] = rng.normal();
      const q = new Float64Array(nq * d);
      for (let i = 0; i < q.length; i++) q[i] = 1.5 * rng.normal();
      const R = { data: r, nRows: nr, nCols: d };
      const Q = { data: q, nRows: nq, nCols: d };
      knn.fit(R);
      expect(rows(knn.kneighbors(Q, 4), 4)).toEqual(naive(Q, R, 4));
      expect(knn.lastThreads).toBe(2);
    }
  });

  it('is exact with ties and a coarse quantisation', () => {
    const rng = new Rng(5);
    const n = 500;
    const d = 4;
    const data = new Float64Array(n * d);
    for (let i = 0; i < data.length; i++) data[i] = i < d ? 5e3 : rng.int(4) + 2 * rng.float();
    const X = { data, nRows: n, nCols: d };
    const knn = new BruteForceKnn({ threads: 2 });
    knn.fit(X);
    const self = Int32Array.from({ length: n }, (_, i) => i);
    expect(rows(knn.kneighbors(X, 4, { exclude: self }), 4)).toEqual(naive(X, X, 4, self));
    expect(knn.lastThreads).toBe(2);
  });
});

describe('BruteForceKnn errors', () => {
  const X = { data: Float64Array.from([0, 0, 1, 1, 2, 2]), nRows: 3, nCols: 2 };
  it('kneighbors before fit', () => {
    expect(() => new BruteForceKnn().kneighbors(X, 1)).toThrow(/not fitted/);
  });
  it('names the argument', () => {
    const knn = new BruteForceKnn();
    knn.fit(X);
    expect(() => knn.kneighbors(X, 3, { exclude: [0, 1, 2] })).toThrow(/^k: .*only 2/);
    expect(() => knn.kneighbors(X, 0)).toThrow(/^k: /);
    expect(() => knn.kneighbors({ data: new Float64Array(3), nRows: 1, nCols: 3 }, 1)).toThrow(
      /^queries: /,
    );
    expect(() => knn.kneighbors(X, 1, { exclude: [0] })).toThrow(/^exclude: /);
    expect(() => knn.fit({ data: Float64Array.from([0, Number.NaN]), nRows: 1, nCols: 2 })).toThrow(
      /^reference: non-finite value NaN at row 0, column 1/,
    );
    expect(() => new BruteForceKnn({ backend: 'gpu' as 'js' })).toThrow(/^backend: /);
    expect(() => new BruteForceKnn({ threads: 0 })).toThrow(/^threads: /);
  });
});
