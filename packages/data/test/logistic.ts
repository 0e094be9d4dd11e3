/**
 * Test helpers: a plain L2-regularised logistic regression fitted by Newton's method (IRLS),
 * and a rank-based AUC. Independent of the package code they check.
 */

/** Solves A x = b for a symmetric positive definite A (Cholesky), in place of nothing. */
function solveSpd(A: Float64Array, b: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * d + j];
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}

/** Fits weights (last entry = intercept) of a logistic regression with penalty `l2`. */
export function fitLogistic(
  X: Float64Array,
  y: ArrayLike<number>,
  nCols: number,
  l2 = 1,
  iterations = 12,
): Float64Array {
  const n = y.length;
  const d = nCols + 1;
  const w = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const H = new Float64Array(d * d);
    const g = new Float64Array(d);
    const row = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < nCols; j++) row[j] = X[i * nCols + j];
      row[nCols] = 1;
      let eta = 0;
      for (let j = 0; j < d; j++) eta += w[j] * row[j];
      const p = 1 / (1 + Math.exp(-eta));
      const r = p - y[i];
      const v = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        g[a] += r * row[a];
        const va = v * row[a];
        if (va === 0) continue;
        for (let b = 0; b <= a; b++) H[a * d + b] += va * row[b];
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) H[b * d + a] = H[a * d + b];
      if (a < nCols) {
        H[a * d + a] += l2;
        g[a] += l2 * w[a];
      }
    }
    const step = solveSpd(H, g, d);
    let maxStep = 0;
    for (let j = 0; j < d; j++) {
      w[j] -= step[j];
      maxStep = Math.max(maxStep, Math.abs(step[j]));
    }
    if (maxStep < 1e-8) break;
  }
  return w;
}

/** Linear scores (log-odds) of rows of X under weights from {@link fitLogistic}. */
export function scoreLogistic(X: Float64Array, nCols: number, w: Float64Array): Float64Array {
  const n = X.length / nCols;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = w[nCols];
    for (let j = 0; j < nCols; j++) eta += w[j] * X[i * nCols + j];
    s[i] = eta;
  }
  return s;
}

/** Rank-based AUC (Mann-Whitney), ties get half credit. */
export function rankAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
