import { readFileSync } from 'node:fs';
import { createDataset, type Dataset } from '@adaar/data';
import { describe, expect, it } from 'vitest';
import { Adasyn } from './adasyn';
import type { KnnEngine } from './knn/knnEngine';
import { runSamplerConformance } from './testing';

interface AllocationFixture {
  imblearn: string;
  cases: {
    name: string;
    k: number;
    X: number[][];
    y: number[];
    requests: { n: number; total: number; allocation?: number[]; imblearnError?: string }[];
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/adasyn_allocation.json', import.meta.url), 'utf8'),
) as AllocationFixture;

runSamplerConformance('adasyn', () => new Adasyn(), { minPositives: 6 });
runSamplerConformance('adasyn (clampK)', () => new Adasyn({ clampK: true }), {
  minPositives: 6,
  clampsBelowMinPositives: true,
});

describe("Adasyn against imbalanced-learn's ADASYN (frozen fixture)", () => {
  for (const c of fixture.cases) {
    it(`${c.name} (k = ${c.k}): per-row allocation equals imbalanced-learn ${fixture.imblearn}`, () => {
      const train = createDataset(c.X, c.y);
      const fitted = new Adasyn({ k: c.k }).fit(train, { seed: 0 });
      for (const r of c.requests) {
        const g = Array.from(fitted.allocation(r.n));
        if (r.allocation) expect(g, `n = ${r.n}`).toEqual(r.allocation);
        expect(fitted.sampleCount(r.n), `n = ${r.n}`).toBe(r.total);
        expect(fitted.sample(r.n).length).toBe(r.total * train.nCols);
      }
    });
  }

  it('generates each row from its base row and one of its k nearest high-risk neighbours', () => {
    const c = fixture.cases[0];
    const train = createDataset(c.X, c.y);
    const fitted = new Adasyn({ k: c.k }).fit(train, { seed: 1 });
    const rows = fitted.sample(300);
    const g = fitted.allocation(300);
    const d = train.nCols;
    const minority = c.X.filter((_, i) => c.y[i] === 1);
    let o = 0;
    for (let i = 0; i < g.length; i++) {
      const near = nearestOthers(minority, i, c.k);
      for (let r = 0; r < g[i]; r++, o++) {
        const row = Array.from(rows.subarray(o * d, o * d + d));
        expect(near.some((j) => onSegment(minority[i], minority[j], row))).toBe(true);
      }
    }
  });
});

describe('Adasyn errors and options', () => {
  it('throws a clear error when no high-risk row has a low-risk neighbour', () => {
    // two far-apart clusters: every high-risk row's 5 neighbours are high-risk
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 8; i++) {
      X.push([i * 0.01, 0]);
      y.push(1);
      X.push([100 + i * 0.01, 0]);
      y.push(0);
    }
    expect(() => new Adasyn().fit(createDataset(X, y))).toThrow(
      /^train: no high-risk row has a low-risk row among its k = 5 nearest neighbours/,
    );
  });

  it('computes hand-checkable weights on a line', () => {
    // positives at 0, 1, 2, 10; negatives at 11, 12, 13, 3. k = 2.
    // 0: nn 1, 2 -> 0 low-risk; 1: nn 0, 2 -> 0; 2: nn 1, 3(neg) -> 1; 10: nn 11(neg), 12 (neg) -> 2
    const train = createDataset(
      [[0], [1], [2], [10], [11], [12], [13], [3]],
      [1, 1, 1, 1, 0, 0, 0, 0],
    );
    const f = new Adasyn({ k: 2 }).fit(train, { seed: 0 });
    expect(Array.from(f.majorityCounts)).toEqual([0, 0, 1, 2]);
    expect(Array.from(f.weights)).toEqual([0, 0, 1 / 3, 2 / 3]);
    // n = 6: 2 and 4 rows; n = 3: rint(1) = 1 and rint(2) = 2; n = 9/2 is not allowed
    expect(Array.from(f.allocation(6))).toEqual([0, 0, 2, 4]);
    expect(Array.from(f.allocation(3))).toEqual([0, 0, 1, 2]);
  });

  it('uses a pluggable kNN engine for both searches', () => {
    const calls: number[] = [];
    const naive: KnnEngine & { ref?: Float64Array; n?: number; d?: number } = {
      fit(m) {
        this.ref = m.data;
        this.n = m.nRows;
        this.d = m.nCols;
      },
      kneighbors(q, k, opts) {
        calls.push(q.nRows);
        const out = new Int32Array(q.nRows * k);
        for (let i = 0; i < q.nRows; i++) {
          const all: [number, number][] = [];
          for (let j = 0; j < (this.n ?? 0); j++) {
            if (opts?.exclude?.[i] === j) continue;
            let s = 0;
            for (let f = 0; f < q.nCols; f++)
              s += (q.data[i * q.nCols + f] - (this.ref?.[j * q.nCols + f] ?? 0)) ** 2;
            all.push([s, j]);
          }
          all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          for (let t = 0; t < k; t++) out[i * k + t] = all[t][1];
        }
        return out;
      },
    };
    const c = fixture.cases[1];
    const train: Dataset = createDataset(c.X, c.y);
    const viaNaive = new Adasyn({ k: c.k, knn: naive }).fit(train);
    const viaDefault = new Adasyn({ k: c.k }).fit(train);
    expect(calls).toHaveLength(2);
    expect(Array.from(viaNaive.neighbors)).toEqual(Array.from(viaDefault.neighbors));
    expect(Array.from(viaNaive.weights)).toEqual(Array.from(viaDefault.weights));
  });

  it('states the remedy when there are too few high-risk rows', () => {
    const train = createDataset([[0], [1], [2], [2.5], [6]], [1, 1, 1, 0, 0]);
    expect(() => new Adasyn().fit(train)).toThrow(
      /^train: has 3 high-risk rows, fewer than the 6 needed \(Adasyn with k = 5 needs k \+ 1 = 6; pass a smaller k or \{ clampK: true \} to use k = 2\)/,
    );
    expect(new Adasyn({ clampK: true }).fit(train).k).toBe(2);
  });
});

function nearestOthers(rows: number[][], i: number, k: number): number[] {
  return rows
    .map((r, j) => [r.reduce((s, v, f) => s + (v - rows[i][f]) ** 2, 0), j] as const)
    .filter(([, j]) => j !== i)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, j]) => j);
}

/** True when row = a + w (b - a) for one w in [0, 1] (all columns). */
function onSegment(a: number[], b: number[], row: number[]): boolean {
  let f = 0;
  for (let c = 1; c < a.length; c++) if (Math.abs(b[c] - a[c]) > Math.abs(b[f] - a[f])) f = c;
  const w = (row[f] - a[f]) / (b[f] - a[f]);
  if (!(w >= -1e-12 && w <= 1 + 1e-12)) return false;
  return a.every((v, c) => Math.abs(v + w * (b[c] - v) - row[c]) <= 1e-9 * (1 + Math.abs(v)));
}
