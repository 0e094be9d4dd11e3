import { AdaarInputError, type Dataset, indicesOfClass, type SeedLike, toRng } from '@adaar/data';

/**
 * Scores rows with a reference risk model, returning one logit (log-odds of high-risk) per row.
 * `X` is row-major with `nRows` rows of the training set's columns.
 */
export type RiskLogitScorer = (
  X: Float64Array,
  nRows: number,
) => Float64Array | ArrayLike<number> | Promise<Float64Array | ArrayLike<number>>;

function checkMatrix(name: string, X: Float64Array, nCols: number): number {
  if (!Number.isInteger(nCols) || nCols < 1) {
    throw new AdaarInputError('nCols', `expected a positive integer, got ${nCols}`);
  }
  const n = X.length / nCols;
  if (!Number.isInteger(n)) {
    throw new AdaarInputError(name, `length ${X.length} is not a multiple of nCols (${nCols})`);
  }
  return n;
}

function columnStd(X: Float64Array, n: number, nCols: number, j: number): number {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += X[i * nCols + j];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = X[i * nCols + j] - mean;
    ss += v * v;
  }
  return Math.sqrt(ss / (n - 1));
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Spread ratio: the median over features of `std(synthetic_j) / std(reference_j)` (sample
 * standard deviations, N - 1 divisor). Features that are constant in `reference` are skipped.
 * About 1 when the synthetic rows are as dispersed as the reference (real high-risk) rows;
 * below 1 means under-dispersed (methods.md section 7).
 *
 * @param synthetic - row-major synthetic rows (at least 2).
 * @param reference - row-major reference rows, usually the real high-risk training rows (at least 2).
 * @param nCols - number of columns of both matrices.
 * @returns the ratio, or NaN when every reference column is constant.
 * @throws AdaarInputError when a matrix has fewer than 2 rows or a length not a multiple of nCols.
 */
export function spreadRatio(
  synthetic: Float64Array,
  reference: Float64Array,
  nCols: number,
): number {
  const nS = checkMatrix('synthetic', synthetic, nCols);
  const nR = checkMatrix('reference', reference, nCols);
  if (nS < 2) throw new AdaarInputError('synthetic', `needs at least 2 rows, got ${nS}`);
  if (nR < 2) throw new AdaarInputError('reference', `needs at least 2 rows, got ${nR}`);
  const ratios: number[] = [];
  for (let j = 0; j < nCols; j++) {
    const sr = columnStd(reference, nR, nCols, j);
    if (!(sr > 0)) continue;
    ratios.push(columnStd(synthetic, nS, nCols, j) / sr);
  }
  return median(ratios);
}

/**
 * For each query row, the Euclidean distance to its nearest row of `reference` and that row's
 * index. With `excludeSelf`, query row i is taken to be reference row i (queries are
 * `reference` itself or its first rows) and skips it (leave-one-out). Brute force,
 * O(nQ x nR x nCols).
 */
export function nearestNeighbours(
  queries: Float64Array,
  reference: Float64Array,
  nCols: number,
  excludeSelf = false,
): { distance: Float64Array; index: Int32Array } {
  const nQ = checkMatrix('queries', queries, nCols);
  const nR = checkMatrix('reference', reference, nCols);
  if (nR < (excludeSelf ? 2 : 1)) {
    throw new AdaarInputError('reference', `has too few rows (${nR}) for a nearest neighbour`);
  }
  const distance = new Float64Array(nQ);
  const index = new Int32Array(nQ);
  for (let q = 0; q < nQ; q++) {
    const qo = q * nCols;
    let best = Number.POSITIVE_INFINITY;
    let bestI = -1;
    for (let r = 0; r < nR; r++) {
      if (excludeSelf && r === q) continue;
      const ro = r * nCols;
      let d2 = 0;
      for (let j = 0; j < nCols; j++) {
        const v = queries[qo + j] - reference[ro + j];
        d2 += v * v;
        if (d2 >= best) break;
      }
      if (d2 < best) {
        best = d2;
        bestI = r;
      }
    }
    distance[q] = Math.sqrt(best);
    index[q] = bestI;
  }
  return { distance, index };
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/**
 * Nearest-neighbour distance ratio: the mean distance from each synthetic row to its nearest
 * reference row, divided by the mean leave-one-out nearest-neighbour distance among the
 * reference rows. About 1 when synthetic rows sit as close to the real high-risk rows as those
 * sit to each other; well above 1 means they land away from the data (e.g. a collapsed
 * cluster), well below 1 means they copy their anchors (methods.md section 7).
 *
 * @throws AdaarInputError when `reference` has fewer than 2 rows or `synthetic` none.
 */
export function nearestNeighbourRatio(
  synthetic: Float64Array,
  reference: Float64Array,
  nCols: number,
): number {
  const nS = checkMatrix('synthetic', synthetic, nCols);
  if (nS < 1) throw new AdaarInputError('synthetic', 'has no rows');
  const toRef = nearestNeighbours(synthetic, reference, nCols).distance;
  const within = nearestNeighbours(reference, reference, nCols, true).distance;
  return mean(toRef) / mean(within);
}

/**
 * Share of `queries` rows whose nearest training row (Euclidean) is high-risk. With
 * `excludeSelf`, query row i is training row i (queries are the first training rows) and
 * skips itself.
 */
export function nearestPositiveShare(
  queries: Float64Array,
  train: Pick<Dataset, 'X' | 'y' | 'nCols'>,
  excludeSelf = false,
): number {
  const { index } = nearestNeighbours(queries, train.X, train.nCols, excludeSelf);
  let pos = 0;
  for (let i = 0; i < index.length; i++) pos += train.y[index[i]];
  return pos / index.length;
}

/**
 * Squared maximum mean discrepancy between two samples with the Gaussian kernel
 * `k(a, b) = exp(-||a - b||^2 / (2 bandwidth^2))`, unbiased estimator (Gretton et al. 2012,
 * eq. 3): within-sample sums skip the diagonal. Can be slightly negative when the two samples
 * come from one distribution.
 *
 * @param bandwidth - kernel width; default: {@link medianHeuristicBandwidth} of the pooled rows.
 * @throws AdaarInputError when a sample has fewer than 2 rows or `bandwidth` is not positive.
 */
export function mmdRbf(
  a: Float64Array,
  b: Float64Array,
  nCols: number,
  bandwidth?: number,
): number {
  const nA = checkMatrix('a', a, nCols);
  const nB = checkMatrix('b', b, nCols);
  if (nA < 2) throw new AdaarInputError('a', `needs at least 2 rows, got ${nA}`);
  if (nB < 2) throw new AdaarInputError('b', `needs at least 2 rows, got ${nB}`);
  const bw = bandwidth ?? medianHeuristicBandwidth(a, b, nCols);
  if (!(bw > 0)) throw new AdaarInputError('bandwidth', `must be positive, got ${bw}`);
  const g = 1 / (2 * bw * bw);
  const kernelSum = (P: Float64Array, nP: number, Q: Float64Array, nQ: number, same: boolean) => {
    let s = 0;
    for (let i = 0; i < nP; i++) {
      for (let k = same ? i + 1 : 0; k < nQ; k++) {
        let d2 = 0;
        for (let j = 0; j < nCols; j++) {
          const v = P[i * nCols + j] - Q[k * nCols + j];
          d2 += v * v;
        }
        s += Math.exp(-g * d2);
      }
    }
    return same ? 2 * s : s;
  };
  const kaa = kernelSum(a, nA, a, nA, true) / (nA * (nA - 1));
  const kbb = kernelSum(b, nB, b, nB, true) / (nB * (nB - 1));
  const kab = kernelSum(a, nA, b, nB, false) / (nA * nB);
  return kaa + kbb - 2 * kab;
}

/**
 * The median heuristic for a Gaussian kernel's width: the median Euclidean distance between
 * distinct rows of the pooled sample `[a; b]`.
 */
export function medianHeuristicBandwidth(a: Float64Array, b: Float64Array, nCols: number): number {
  const nA = checkMatrix('a', a, nCols);
  const nB = checkMatrix('b', b, nCols);
  const n = nA + nB;
  const row = (i: number) => (i < nA ? a.subarray(i * nCols) : b.subarray((i - nA) * nCols));
  const d: number[] = [];
  for (let i = 0; i < n; i++) {
    const ri = row(i);
    for (let k = i + 1; k < n; k++) {
      const rk = row(k);
      let d2 = 0;
      for (let j = 0; j < nCols; j++) {
        const v = ri[j] - rk[j];
        d2 += v * v;
      }
      d.push(Math.sqrt(d2));
    }
  }
  return median(d);
}

/**
 * Riskiness gap: mean reference-model logit on synthetic rows minus mean logit on real
 * high-risk rows. Negative means the synthetic rows look less risky than real high-risk
 * users (they land in the overlap with low-risk users, methods.md section 7).
 */
export function riskinessGap(
  syntheticLogits: ArrayLike<number>,
  realHighRiskLogits: ArrayLike<number>,
): number {
  if (syntheticLogits.length === 0) throw new AdaarInputError('syntheticLogits', 'is empty');
  if (realHighRiskLogits.length === 0) throw new AdaarInputError('realHighRiskLogits', 'is empty');
  return mean(syntheticLogits) - mean(realHighRiskLogits);
}

/** Diagnostics of a set of synthetic high-risk rows against the training set (methods.md section 7). */
export interface SampleDiagnostics {
  /** Synthetic rows used (after subsampling to `maxRows`). */
  readonly nSynthetic: number;
  /** {@link spreadRatio} against the real high-risk rows. */
  readonly spreadRatio: number;
  /** {@link nearestNeighbourRatio} against the real high-risk rows. */
  readonly nnDistanceRatio: number;
  /** Share of synthetic rows whose nearest training row is high-risk. */
  readonly nearestPositiveShare: number;
  /** The same share for real high-risk rows (leave-one-out), for comparison. */
  readonly realNearestPositiveShare: number;
  /** {@link riskinessGap}; present when a `riskLogit` scorer was given. */
  readonly riskinessGap?: number;
  /** Mean reference logit on the synthetic rows (with `riskLogit`). */
  readonly meanLogitSynthetic?: number;
  /** Mean reference logit on the real high-risk rows (with `riskLogit`). */
  readonly meanLogitReal?: number;
}

/** Options of {@link diagnoseSamples}. */
export interface DiagnoseSamplesOptions {
  /** Reference risk model for the riskiness gap; without it the gap is omitted. */
  readonly riskLogit?: RiskLogitScorer;
  /**
   * Distances are computed after z-scoring every column with the training set's mean and std
   * (constant columns are left unscaled). Default true.
   */
  readonly standardize?: boolean;
  /** At most this many synthetic rows and this many training rows of each class are used (seeded subsample). Default 2000. */
  readonly maxRows?: number;
  /** Seed of the subsample. Default 0. */
  readonly seed?: SeedLike;
}

function subsample(idx: Uint32Array, max: number, seed: SeedLike): Uint32Array {
  if (idx.length <= max) return idx;
  const rng = toRng(seed);
  const p = rng.permutation(idx.length).subarray(0, max);
  const out = new Uint32Array(max);
  for (let i = 0; i < max; i++) out[i] = idx[p[i]];
  return out.sort();
}

function gatherRows(X: Float64Array, nCols: number, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length * nCols);
  for (let i = 0; i < idx.length; i++) {
    out.set(X.subarray(idx[i] * nCols, (idx[i] + 1) * nCols), i * nCols);
  }
  return out;
}

/**
 * Computes the section 7 diagnostics of synthetic high-risk rows: spread ratio, nearest-
 * neighbour distance ratio, nearest-positive shares and (with a reference scorer) the
 * riskiness gap. Distances use Euclidean distance after z-scoring with the training set's
 * statistics (see {@link DiagnoseSamplesOptions.standardize}).
 *
 * @param synthetic - row-major synthetic rows in the training set's feature space.
 * @param train - the training set (at least 2 high-risk rows).
 * @throws AdaarInputError when shapes disagree or there are too few rows.
 */
export async function diagnoseSamples(
  synthetic: Float64Array,
  train: Dataset,
  opts: DiagnoseSamplesOptions = {},
): Promise<SampleDiagnostics> {
  const { nCols } = train;
  const nS = checkMatrix('synthetic', synthetic, nCols);
  if (nS < 2) throw new AdaarInputError('synthetic', `needs at least 2 rows, got ${nS}`);
  const maxRows = opts.maxRows ?? 2000;
  if (!Number.isInteger(maxRows) || maxRows < 2) {
    throw new AdaarInputError('maxRows', `expected an integer >= 2, got ${maxRows}`);
  }
  const rng = toRng(opts.seed ?? 0);
  const posIdx = indicesOfClass(train, 1);
  if (posIdx.length < 2) {
    throw new AdaarInputError('train', `needs at least 2 high-risk rows, got ${posIdx.length}`);
  }
  const synIdx = subsample(
    Uint32Array.from({ length: nS }, (_, i) => i),
    maxRows,
    rng.split(),
  );
  const pos = subsample(posIdx, maxRows, rng.split());
  const neg = subsample(indicesOfClass(train, 0), maxRows, rng.split());

  const S = gatherRows(synthetic, nCols, synIdx);
  const P = gatherRows(train.X, nCols, pos);
  const trainIdx = Uint32Array.from([...pos, ...neg]);
  const T = gatherRows(train.X, nCols, trainIdx);
  const yT = new Uint8Array(trainIdx.length);
  yT.fill(1, 0, pos.length);

  let Sd = S;
  let Pd = P;
  let Td = T;
  if (opts.standardize ?? true) {
    const mu = new Float64Array(nCols);
    const sd = new Float64Array(nCols);
    for (let j = 0; j < nCols; j++) {
      let m = 0;
      for (let i = 0; i < train.nRows; i++) m += train.X[i * nCols + j];
      m /= train.nRows;
      let ss = 0;
      for (let i = 0; i < train.nRows; i++) ss += (train.X[i * nCols + j] - m) ** 2;
      const s = Math.sqrt(ss / Math.max(1, train.nRows - 1));
      mu[j] = m;
      sd[j] = s > 0 ? s : 1;
    }
    const z = (M: Float64Array) => {
      const out = new Float64Array(M.length);
      for (let i = 0; i < M.length; i++) {
        const j = i % nCols;
        out[i] = (M[i] - mu[j]) / sd[j];
      }
      return out;
    };
    Sd = z(S);
    Pd = z(P);
    Td = z(T);
  }
  const base = {
    nSynthetic: synIdx.length,
    spreadRatio: spreadRatio(S, P, nCols),
    nnDistanceRatio: nearestNeighbourRatio(Sd, Pd, nCols),
    nearestPositiveShare: nearestPositiveShare(Sd, { X: Td, y: yT, nCols }),
    realNearestPositiveShare: nearestPositiveShare(Pd, { X: Td, y: yT, nCols }, true),
  };
  if (!opts.riskLogit) return base;
  const ls = Array.from(await opts.riskLogit(S, synIdx.length));
  const lp = Array.from(await opts.riskLogit(P, pos.length));
  if (ls.length !== synIdx.length || lp.length !== pos.length) {
    throw new AdaarInputError('riskLogit', 'returned a number of logits different from its rows');
  }
  const meanLogitSynthetic = mean(ls);
  const meanLogitReal = mean(lp);
  return {
    ...base,
    riskinessGap: meanLogitSynthetic - meanLogitReal,
    meanLogitSynthetic,
    meanLogitReal,
  };
}
