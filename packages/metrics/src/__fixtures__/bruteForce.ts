/*
 * Deliberately naive O(n^2) / O(n m) reference implementations written straight from the
 * definitions in evaluation.md, for property tests only (not shipped).
 */
import { Rng } from '@adaar/data';

export interface Case {
  y: number[];
  s: number[];
}

/** Random labels with `rate` positives (at least one of each class) and tied scores. */
export function randomCase(seed: number, n: number, rate: number, decimals: number): Case {
  const rng = new Rng(seed);
  const y: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < n; i++) {
    const pos = i === 0 ? 1 : i === 1 ? 0 : rng.float() < rate ? 1 : 0;
    y.push(pos);
    const raw = rng.normal() + 0.8 * pos - 0.3;
    const f = 10 ** decimals;
    s.push(Math.round(raw * f) / f);
  }
  return { y, s };
}

export function bruteAuc(y: number[], s: number[]): number {
  let num = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (s[i] > s[j]) num += 1;
      else if (s[i] === s[j]) num += 0.5;
    }
  }
  return num / pairs;
}

export interface Point {
  t: number;
  tp: number;
  fp: number;
}

/** One point per distinct score t: counts of rows with score >= t. Highest t first. */
export function brutePoints(y: number[], s: number[]): Point[] {
  const distinct = [...new Set(s)].sort((a, b) => b - a);
  return distinct.map((t) => {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < y.length; i++) {
      if (s[i] >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      }
    }
    return { t, tp, fp };
  });
}

function counts(y: number[]): { P: number; N: number } {
  const P = y.filter((v) => v === 1).length;
  return { P, N: y.length - P };
}

export function bruteRecallAtPrecision(y: number[], s: number[], p: number): number {
  const { P } = counts(y);
  const ok = brutePoints(y, s).filter((q) => q.tp / (q.tp + q.fp) >= p);
  return ok.length === 0 ? 0 : Math.max(...ok.map((q) => q.tp / P));
}

export function brutePrecisionAtRecall(y: number[], s: number[], r: number): number {
  const { P } = counts(y);
  const ok = brutePoints(y, s).filter((q) => q.tp / P >= r);
  return Math.max(...ok.map((q) => q.tp / (q.tp + q.fp)));
}

export function bruteAveragePrecision(y: number[], s: number[]): number {
  const { P } = counts(y);
  let prevRecall = 0;
  let ap = 0;
  for (const q of brutePoints(y, s)) {
    const recall = q.tp / P;
    ap += (recall - prevRecall) * (q.tp / (q.tp + q.fp));
    prevRecall = recall;
  }
  return ap;
}

export function bruteKs(y: number[], s: number[]): { ks: number; t: number } {
  const { P, N } = counts(y);
  let best = 0;
  let bestT = Number.POSITIVE_INFINITY;
  for (const q of brutePoints(y, s)) {
    const d = q.tp / P - q.fp / N;
    if (d > best + 1e-15) {
      best = d;
      bestT = q.t;
    }
  }
  return { ks: best, t: bestT };
}
