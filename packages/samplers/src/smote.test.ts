import { createDataset, type Dataset } from '@adaar/data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KnnEngine } from './knn/knnEngine';
import { Smote } from './smote';
import { runSamplerConformance } from './testing';

runSamplerConformance('smote', () => new Smote(), { minPositives: 6 });
runSamplerConformance('smote (clampK)', () => new Smote({ clampK: true }), {
  minPositives: 6,
  clampsBelowMinPositives: true,
});

/** Independent reference: the k nearest other rows, accepting every row tied with the k-th. */
function neighbourSets(rows: number[][], k: number): Set<number>[] {
  return rows.map((a, i) => {
    const dist = rows.map((b, j) => [b.reduce((s, v, f) => s + (v - a[f]) ** 2, 0), j] as const);
    const others = dist.filter(([, j]) => j !== i).sort((x, y) => x[0] - y[0]);
    const kth = others[k - 1][0];
    return new Set(others.filter(([s]) => s <= kth).map(([, j]) => j));
  });
}

/** The weight w with row = a + w (b - a) in every column, or undefined. */
function segmentWeight(a: number[], b: number[], row: number[]): number | undefined {
  let f = 0;
  for (let c = 1; c < a.length; c++) if (Math.abs(b[c] - a[c]) > Math.abs(b[f] - a[f])) f = c;
  const span = b[f] - a[f];
  const w = span === 0 ? 0 : (row[f] - a[f]) / span;
  if (!(w >= -1e-12 && w <= 1 + 1e-12)) return undefined;
  const ok = a.every(
    (v, c) => Math.abs(v + w * (b[c] - v) - row[c]) <= 1e-9 * (1 + Math.abs(v) + Math.abs(b[c])),
  );
  return ok ? w : undefined;
}

describe('Smote: every synthetic row lies on a segment to one of the k nearest high-risk neighbours', () => {
  it('holds for random data (property test)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.infiniteStream(fc.double({ min: -10, max: 10, noNaN: true })),
        (k, d, extra, nNeg, seed, values) => {
          const nPos = k + 1 + extra;
          const nRows = nPos + nNeg;
          const X: number[][] = Array.from({ length: nRows }, () =>
            Array.from({ length: d }, () => values.next().value as number),
          );
          const y = X.map((_, i) => (i < nPos ? 1 : 0));
          const train = createDataset(X, y);
          const minority = X.filter((_, i) => train.y[i] === 1);
          const fitted = new Smote({ k }).fit(train, { seed });
          const sets = neighbourSets(minority, Math.min(k, minority.length - 1));
          const rows = fitted.sample(40);
          for (let s = 0; s < 40; s++) {
            const row = Array.from(rows.subarray(s * d, s * d + d));
            const found = minority.some((a, i) =>
              [...sets[i]].some((j) => segmentWeight(a, minority[j], row) !== undefined),
            );
            if (!found) return false;
          }
          return true;
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it('uses one weight per row, spread over [0, 1), and every (base, neighbour) pair', () => {
    // 6 high-risk rows on a circle; k = 2: each row's neighbours are its two circle neighbours
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 6; i++) {
      X.push([Math.cos((i * Math.PI) / 3), Math.sin((i * Math.PI) / 3)]);
      y.push(1);
    }
    X.push([5, 5], [6, 6]);
    y.push(0, 0);
    const train = createDataset(X, y);
    const fitted = new Smote({ k: 2 }).fit(train, { seed: 5 });
    const rows = fitted.sample(3000);
    const pairs = new Map<string, number>();
    const weights: number[] = [];
    for (let s = 0; s < 3000; s++) {
      const row = [rows[2 * s], rows[2 * s + 1]];
      let hit = false;
      for (let i = 0; i < 6 && !hit; i++) {
        for (const j of [(i + 1) % 6, (i + 5) % 6]) {
          const w = segmentWeight(X[i], X[j], row);
          if (w !== undefined && w > 1e-9 && w < 1 - 1e-9) {
            pairs.set(`${Math.min(i, j)}-${Math.max(i, j)}`, 1);
            weights.push(w <= 0.5 ? w : 1 - w);
            hit = true;
            break;
          }
        }
      }
      expect(hit).toBe(true);
    }
    expect(pairs.size).toBe(6);
    // |w - 0.5| folded: mean of min(w, 1 - w) for w ~ U(0, 1) is 0.25
    const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
    expect(Math.abs(mean - 0.25)).toBeLessThan(0.02);
  });
});

describe('Smote-NC (categorical groups)', () => {
  const groupA = { name: 'cat', columns: [1, 2] };

  it("measures distance with one-hot columns scaled by m/2 (imbalanced-learn's SMOTENC)", () => {
    // high-risk rows: (c, category): (0, A), (1, B), (1.5, A); k = 1.
    // m = population std of c over high-risk rows = sqrt(((0-5/6)^2+(1-5/6)^2+(1.5-5/6)^2)/3)
    //   = 0.6236; a category mismatch adds 2 (m/2)^2 = m^2/2 = 0.194 to the squared distance.
    // row 0 -> row 1: 1 + 0.194 = 1.194; row 0 -> row 2: 2.25  => nearest is row 1.
    // Plain SMOTE on the raw one-hot columns adds 2 instead: 3 vs 2.25 => row 2.
    const X = [
      [0, 1, 0],
      [1, 0, 1],
      [1.5, 1, 0],
      [9, 1, 0],
      [10, 0, 1],
    ];
    const y = [1, 1, 1, 0, 0];
    const train = createDataset(X, y, { categoricalGroups: [groupA] });
    const nc = new Smote({ k: 1 }).fit(train);
    expect(nc.categorical).toBe(true);
    expect(nc.neighbors[0]).toBe(1);
    const plain = new Smote({ k: 1, categorical: 'off' }).fit(train);
    expect(plain.categorical).toBe(false);
    expect(plain.neighbors[0]).toBe(2);
  });

  it('gives each group the most frequent category among the base row’s k neighbours', () => {
    // cluster 1 (c = 0..3): categories A B B B; every base row's 3 neighbours vote B.
    // cluster 2 (c = 20..23): categories A A A B; every base row's 3 neighbours vote A.
    // (checked by hand with the m/2 scaling: m ~ 10, so a mismatch adds ~50 but clusters are 17+ apart)
    const A = [1, 0];
    const B = [0, 1];
    const X = [
      [0, ...A],
      [1, ...B],
      [2, ...B],
      [3, ...B],
      [20, ...A],
      [21, ...A],
      [22, ...A],
      [23, ...B],
      [50, ...A],
      [51, ...B],
    ];
    const y = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
    const train = createDataset(X, y, { categoricalGroups: [groupA] });
    const rows = new Smote({ k: 3 }).fit(train, { seed: 3 }).sample(500);
    let low = 0;
    let high = 0;
    for (let s = 0; s < 500; s++) {
      const [c, a, b] = rows.subarray(s * 3, s * 3 + 3);
      expect(a + b).toBe(1);
      if (c <= 3) {
        expect([a, b]).toEqual(B);
        low++;
      } else {
        expect(c).toBeGreaterThanOrEqual(20);
        expect([a, b]).toEqual(A);
        high++;
      }
    }
    expect(low).toBeGreaterThan(150);
    expect(high).toBeGreaterThan(150);
  });

  it('breaks ties at random and keeps an all-zero group as its own category', () => {
    // k = 2, two high-risk rows per cluster voting 1 A + 1 none: ties -> both outcomes appear
    const X = [
      [0, 1, 0],
      [1, 0, 0],
      [2, 1, 0],
      [40, 0, 1],
      [41, 0, 1],
    ];
    const train = createDataset(X, [1, 1, 1, 0, 0], { categoricalGroups: [groupA] });
    const rows = new Smote({ k: 2 }).fit(train, { seed: 1 }).sample(400);
    const seen = new Set<string>();
    for (let s = 0; s < 400; s++) seen.add(`${rows[s * 3 + 1]},${rows[s * 3 + 2]}`);
    expect([...seen].sort()).toEqual(['0,0', '1,0']);
  });

  it('accepts groups as an option and rejects bad ones', () => {
    const X = [
      [0, 1, 0],
      [1, 0, 1],
      [1.5, 1, 0],
      [9, 1, 0],
    ];
    const train = createDataset(X, [1, 1, 1, 0]);
    expect(new Smote({ k: 1, categorical: [groupA] }).fit(train).neighbors[0]).toBe(1);
    expect(() =>
      new Smote({ k: 1, categorical: [{ name: 'bad', columns: [2, 3] }] }).fit(train),
    ).toThrow(/^train: categoricalGroups\[0\] \("bad"\) names column 3/);
  });
});

describe('Smote options and errors', () => {
  const small: Dataset = createDataset([[0], [1], [2], [3], [9], [10]], [1, 1, 1, 1, 0, 0]);
  it('too few high-risk rows for k: a clear error naming the remedy', () => {
    expect(() => new Smote().fit(small)).toThrow(
      /^train: has 4 high-risk rows, fewer than the 6 needed \(Smote with k = 5 needs k \+ 1 = 6; pass a smaller k or \{ clampK: true \} to use k = 3\)/,
    );
  });
  it('clampK uses k = P - 1, and still needs 2 high-risk rows', () => {
    expect(new Smote({ clampK: true }).fit(small).k).toBe(3);
    const one = createDataset([[0], [5], [6]], [1, 0, 0]);
    expect(() => new Smote({ clampK: true }).fit(one)).toThrow(
      /^train: has 1 high-risk rows, fewer than the 2 needed/,
    );
  });
  it('rejects a bad k', () => {
    expect(() => new Smote({ k: 0 })).toThrow(/^k: /);
    expect(() => new Smote({ k: 2.5 })).toThrow(/^k: /);
  });
  it('plugs in any KnnEngine, and checks what it returns', () => {
    const fixed: KnnEngine = {
      fit() {},
      kneighbors(q, k) {
        // always "the next row" (a valid, if odd, neighbour choice)
        return Int32Array.from(
          { length: q.nRows * k },
          (_, t) => (Math.floor(t / k) + 1) % q.nRows,
        );
      },
    };
    const f = new Smote({ k: 1, knn: fixed }).fit(small);
    expect(Array.from(f.neighbors)).toEqual([1, 2, 3, 0]);
    const broken: KnnEngine = { fit() {}, kneighbors: (q) => new Int32Array(q.nRows) };
    expect(() => new Smote({ k: 1, knn: broken }).fit(small)).toThrow(
      /returned index 0 for query 0/,
    );
  });
  it('honours an abort signal', () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    expect(() => new Smote({ k: 1 }).fit(small, { signal: ac.signal })).toThrow('stop');
  });
});
