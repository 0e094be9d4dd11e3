import { AdaarInputError, NotFittedError } from '@adaar/data';
import type { KnnEngine, KnnMatrix, KnnQueryOptions } from './knnEngine';
import { KERNEL_PANEL, KERNEL_QUERY_BLOCK } from './knnKernelWat';
import { defaultThreads, runParallelI16 } from './knnWorkers';
import { type KnnKernelScan, kernelBytes, loadKnnKernel, wasmApi } from './wasmKernel';

/** Which implementation {@link BruteForceKnn} runs. */
export type KnnBackend = 'auto' | 'wasm' | 'js';

/** Options of {@link BruteForceKnn}. */
export interface BruteForceKnnOptions {
  /**
   * `'wasm'`: candidate search with WebAssembly SIMD kernels (int16, then float32); `'js'`:
   * candidate search in float64 JavaScript; `'auto'` (default): `'wasm'` where the runtime
   * supports WebAssembly SIMD, else `'js'`. Both return the exact float64 neighbours (see
   * {@link BruteForceKnn}).
   */
  readonly backend?: KnnBackend;
  /** Candidates kept per query beyond `k` before the exact re-ranking. Default 3. */
  readonly margin?: number;
  /**
   * Threads for the int16 pass: `'auto'` (default) uses up to 8 worker threads (Node, with
   * `worker_threads` and SharedArrayBuffer) when a call has at least 2^29 multiply-adds of
   * work, else runs on the calling thread; a number forces that many (1: never).
   */
  readonly threads?: number | 'auto';
}

/** Rows of reference (or query) data packed into WebAssembly memory at once: 2^25 floats (128 MiB). */
const CHUNK_FLOATS = 1 << 25;
const U32 = 2 ** -24;
/** Bytes of packed reference rows one query block sweeps at a time (fits a core's L2). */
const TILE_BYTES = 1 << 18;
/** Multiply-adds of a call from which `threads: 'auto'` uses worker threads. */
const PARALLEL_MIN_WORK = 2 ** 29;
/** Largest packed int16 reference set shared with worker threads (bytes). */
const PARALLEL_MAX_REF_BYTES = 2 ** 30;
/** Fewest unsettled queries worth a float32 pass (which packs all reference rows again). */
const MIN_F32_QUERIES = 64;
const U64 = 2 ** -53;

/**
 * Exact brute-force k-nearest neighbours (squared Euclidean distance), fast.
 *
 * How: the data are centred on the reference mean and distances expanded as
 * `|q|^2 + |r|^2 - 2 q.r`, the dot products computed by a WebAssembly SIMD kernel in
 * register blocks of 4 queries x 8 reference rows, over reference rows packed panel-wise and
 * swept in L2-sized tiles. Each query keeps its `k + margin` best candidates and a threshold,
 * so most blocks cost one vector compare. Passes, each only for the queries the previous one
 * could not settle:
 * 1. int16: values quantised with one scale `s` to integers in [-Q, Q] (Q chosen so that
 *    every int32 sum is exact), so the computed distance is within `sqrt(d) s` of the true
 *    one; on worker threads when the call is large (see {@link BruteForceKnnOptions.threads});
 * 2. float32 (when at least 64 queries remain), error bound `2 (3d + 16) 2^-24 (|q|^2 + max|r|^2)`;
 * 3. an exact float64 scan of all rows, per query.
 * After a pass, the candidates are re-ranked by the exact float64 distance
 * `sum_f (q_f - r_f)^2`, and accepted only when the pass's error bound proves that no row
 * outside them can be closer than the k-th (near-exact ties, duplicates and outliers fall
 * through to the next pass). The neighbours are therefore those of the exact float64
 * computation, ties broken by the lower index, as scikit-learn's brute force with a stable
 * sort. Without WebAssembly SIMD (`backend: 'js'`), a 4 x 4 blocked float64 JavaScript kernel
 * replaces passes 1-2 (bound `2 (3d + 16) 2^-53 (...)`).
 *
 * Cost: `nQueries x nReference x d` multiply-adds, plus packing `nReference x d` values;
 * memory: `2 (nReference + nQueries) d` bytes for int16 (`4 ...` for float32) beside the
 * inputs, chunked to at most 2^25 values, plus one copy of the packed references per worker.
 *
 * @example
 * ```ts
 * const knn = new BruteForceKnn();
 * knn.fit({ data: X, nRows, nCols });
 * const nn = knn.kneighbors({ data: X, nRows, nCols }, 5, { exclude: selfIndices });
 * ```
 */
export class BruteForceKnn implements KnnEngine {
  /** The implementation in use (`'auto'` resolved). */
  readonly backend: 'wasm' | 'js';
  private readonly margin: number;
  private readonly threads: number | 'auto';
  private ref: KnnMatrix | undefined;
  private mean: Float64Array | undefined;

  /**
   * @throws AdaarInputError (argument `backend`) when `'wasm'` is asked for and the runtime
   *   lacks WebAssembly SIMD; (argument `margin`) when it is not a non-negative integer.
   */
  constructor(opts: BruteForceKnnOptions = {}) {
    const want = opts.backend ?? 'auto';
    if (want !== 'auto' && want !== 'wasm' && want !== 'js') {
      throw new AdaarInputError('backend', `expected 'auto', 'wasm' or 'js', got ${String(want)}`);
    }
    const margin = opts.margin ?? 3;
    if (!Number.isInteger(margin) || margin < 0) {
      throw new AdaarInputError('margin', `expected a non-negative integer, got ${margin}`);
    }
    this.margin = margin;
    const threads = opts.threads ?? 'auto';
    if (threads !== 'auto' && (!Number.isInteger(threads) || threads < 1)) {
      throw new AdaarInputError('threads', `expected 'auto' or a positive integer, got ${threads}`);
    }
    this.threads = threads;
    if (want === 'js') this.backend = 'js';
    else if (loadKnnKernel()) this.backend = 'wasm';
    else if (want === 'wasm') {
      throw new AdaarInputError(
        'backend',
        "'wasm' needs WebAssembly SIMD, which this runtime lacks",
      );
    } else this.backend = 'js';
  }

  /**
   * Stores a view of the reference rows (they must not change until the last `kneighbors`).
   * @throws AdaarInputError (argument `reference`) for a bad shape or a non-finite value.
   */
  fit(reference: KnnMatrix): void {
    checkMatrix('reference', reference);
    const { data, nRows, nCols } = reference;
    const mean = new Float64Array(nCols);
    for (let i = 0; i < nRows; i++) {
      const o = i * nCols;
      for (let f = 0; f < nCols; f++) mean[f] += data[o + f];
    }
    for (let f = 0; f < nCols; f++) mean[f] /= nRows || 1;
    this.ref = reference;
    this.mean = mean;
  }

  /**
   * The `k` nearest reference rows of each query row, nearest first (see {@link KnnEngine}).
   * @throws NotFittedError before `fit`.
   * @throws AdaarInputError (argument `queries`, `k` or `exclude`) for bad shapes, a
   *   non-finite value, `k` not a positive integer, or fewer than `k` rows available.
   */
  kneighbors(queries: KnnMatrix, k: number, opts: KnnQueryOptions = {}): Int32Array {
    const ref = this.ref;
    const mean = this.mean;
    if (!ref || !mean) throw new NotFittedError('BruteForceKnn');
    checkMatrix('queries', queries);
    if (queries.nCols !== ref.nCols) {
      throw new AdaarInputError(
        'queries',
        `have ${queries.nCols} columns, the reference rows ${ref.nCols}`,
      );
    }
    if (!Number.isInteger(k) || k < 1) {
      throw new AdaarInputError('k', `expected a positive integer, got ${k}`);
    }
    const nq = queries.nRows;
    const exclude = new Int32Array(nq).fill(-1);
    let anyExcluded = false;
    if (opts.exclude) {
      if (opts.exclude.length !== nq) {
        throw new AdaarInputError(
          'exclude',
          `has ${opts.exclude.length} entries for ${nq} query rows`,
        );
      }
      for (let i = 0; i < nq; i++) {
        const e = opts.exclude[i];
        if (!Number.isInteger(e) || e < -1 || e >= ref.nRows) {
          throw new AdaarInputError('exclude', `entry ${i} is ${e}, not -1 or a reference row`);
        }
        exclude[i] = e;
        if (e >= 0) anyExcluded = true;
      }
    }
    const available = ref.nRows - (anyExcluded ? 1 : 0);
    if (available < k) {
      throw new AdaarInputError(
        'k',
        `is ${k}, but only ${available} reference rows are available to each query`,
      );
    }
    const out = new Int32Array(nq * k);
    if (nq === 0) return out;
    const size = Math.min(k + this.margin, ref.nRows);
    let rNorm: Float64Array | undefined; // only the float passes need them
    let maxRn = 0;
    let pending: Int32Array | undefined; // undefined: all queries
    const counts = { i16: 0, f32: 0, f64: 0, exact: 0 };
    usedThreads = 1;
    for (const stage of this.stages(ref.nCols)) {
      if (
        pending &&
        (pending.length === 0 || (stage === 'f32' && pending.length < MIN_F32_QUERIES))
      ) {
        break;
      }
      const sub = pending ? subsetQueries(queries, pending) : queries;
      const subExclude = pending ? Int32Array.from(pending, (q) => exclude[q]) : exclude;
      const lists = new CandidateLists(sub.nRows, size, subExclude);
      let accept: Acceptance;
      if (stage === 'i16') {
        const work = sub.nRows * ref.nRows * ref.nCols;
        const threads =
          this.threads === 'auto'
            ? work >= PARALLEL_MIN_WORK
              ? defaultThreads()
              : 1
            : this.threads;
        const scale = scanI16(sub, ref, mean, lists, threads);
        const slack = Math.sqrt(ref.nCols) + 1e-6;
        accept = (_q, last, kth) =>
          (Math.sqrt(last) - slack) * scale > Math.sqrt(kth) * (1 + 1e-12);
      } else {
        const qNorm = centredNorms(sub, mean);
        if (!rNorm) {
          rNorm = centredNorms(ref, mean);
          for (let j = 0; j < rNorm.length; j++) if (rNorm[j] > maxRn) maxRn = rNorm[j];
        }
        if (stage === 'f32') scanF32(sub, qNorm, ref, rNorm, mean, lists);
        else scanJs(sub, qNorm, ref, rNorm, mean, lists);
        const factor = 2 * (3 * ref.nCols + 16) * (stage === 'f32' ? U32 : U64);
        accept = (q, last, kth) => last - factor * (qNorm[q] + maxRn) > kth;
      }
      const failed = finalise(sub, ref, k, lists, accept, out, pending);
      counts[stage] = sub.nRows - failed.length;
      pending = pending ? Int32Array.from(failed, (i) => (pending as Int32Array)[i]) : failed;
    }
    const rest = pending ?? Int32Array.from({ length: nq }, (_, i) => i);
    for (const q of rest) exactRow(queries, q, ref, k, exclude[q], out);
    counts.exact = rest.length;
    this.lastStageCounts = counts;
    this.lastThreads = usedThreads;
    return out;
  }

  /**
   * Diagnostics of the last `kneighbors` call: how many queries each stage settled (`i16`,
   * `f32`: WebAssembly kernels; `f64`: JavaScript; `exact`: the per-query float64 scan).
   */
  lastStageCounts: Readonly<Record<Stage | 'exact', number>> = { i16: 0, f32: 0, f64: 0, exact: 0 };

  /** Diagnostics: threads the int16 pass of the last `kneighbors` call ran on. */
  lastThreads = 1;

  private stages(d: number): Stage[] {
    if (this.backend === 'js') return ['f64'];
    return i16Levels(d) >= MIN_I16_LEVELS && loadKnnKernel('i16') ? ['i16', 'f32'] : ['f32'];
  }
}

/** A candidate-search stage of {@link BruteForceKnn}. */
export type KnnStage = 'i16' | 'f32' | 'f64';
type Stage = KnnStage;
/** Whether a query's candidates provably hold its exact k nearest rows. */
type Acceptance = (q: number, lastApprox: number, exactKth: number) => boolean;

/** Fewest quantisation levels (per sign) for the int16 stage to be worth running. */
const MIN_I16_LEVELS = 1024;

/** Largest |value| Q such that every int32 sum of the i16 kernel is exact: 4 d Q^2 < 2^31. */
function i16Levels(d: number): number {
  return Math.min(32767, Math.floor(Math.sqrt(2 ** 31 / (4 * (d + (d % 2))))) - 1);
}

function subsetQueries(m: KnnMatrix, rows: Int32Array): KnnMatrix {
  const d = m.nCols;
  const data = new Float64Array(rows.length * d);
  rows.forEach((q, i) => {
    data.set(m.data.subarray(q * d, q * d + d), i * d);
  });
  return { data, nRows: rows.length, nCols: d };
}

function checkMatrix(name: string, m: KnnMatrix): void {
  if (!m || !(m.data instanceof Float64Array)) {
    throw new AdaarInputError(name, 'expected { data: Float64Array, nRows, nCols }');
  }
  const { data, nRows, nCols } = m;
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 1) {
    throw new AdaarInputError(name, `has an invalid shape ${nRows} x ${nCols}`);
  }
  if (data.length !== nRows * nCols) {
    throw new AdaarInputError(
      name,
      `data has ${data.length} values, expected ${nRows} x ${nCols} = ${nRows * nCols}`,
    );
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const r = Math.floor(i / nCols);
      throw new AdaarInputError(
        name,
        `non-finite value ${data[i]} at row ${r}, column ${i - r * nCols}`,
      );
    }
  }
}

function centredNorms(m: KnnMatrix, mean: Float64Array): Float64Array {
  const { data, nRows, nCols } = m;
  const out = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const o = i * nCols;
    let s = 0;
    for (let f = 0; f < nCols; f++) {
      const v = data[o + f] - mean[f];
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/** Per query: the `size` best candidates so far by approximate distance, and a threshold. */
class CandidateLists {
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  /** Approximate distance a new candidate must beat: the list's last once it is full. */
  readonly thr: Float64Array;

  constructor(
    nq: number,
    readonly size: number,
    readonly exclude: Int32Array,
  ) {
    this.dist = new Float64Array(nq * size).fill(Number.POSITIVE_INFINITY);
    this.idx = new Int32Array(nq * size).fill(-1);
    this.thr = new Float64Array(nq).fill(Number.POSITIVE_INFINITY);
  }

  /** Offers reference row j at approximate distance d to query q; returns the new threshold. */
  offer(q: number, j: number, d: number): number {
    if (j === this.exclude[q]) return this.thr[q];
    const size = this.size;
    const base = q * size;
    const dist = this.dist;
    const idx = this.idx;
    let p = base + size - 1;
    while (p > base && dist[p - 1] > d) {
      dist[p] = dist[p - 1];
      idx[p] = idx[p - 1];
      p--;
    }
    dist[p] = d;
    idx[p] = j;
    if (idx[base + size - 1] >= 0) this.thr[q] = dist[base + size - 1];
    return this.thr[q];
  }
}

function scanF32(
  queries: KnnMatrix,
  qNorm: Float64Array,
  ref: KnnMatrix,
  rNorm: Float64Array,
  mean: Float64Array,
  lists: CandidateLists,
): void {
  const d = ref.nCols;
  const QB = KERNEL_QUERY_BLOCK;
  const PR = KERNEL_PANEL;
  const qChunk = Math.max(QB, Math.floor(CHUNK_FLOATS / d / QB) * QB);
  const rChunk = Math.max(PR, Math.floor(CHUNK_FLOATS / d / PR) * PR);
  const nqMax = Math.min(queries.nRows, qChunk);
  const nrMax = Math.min(ref.nRows, rChunk);
  const qPad = Math.ceil(nqMax / QB) * QB;
  const rPad = Math.ceil(nrMax / PR) * PR;
  // float32 offsets into the memory
  const oR = 0;
  const oRn = align4(oR + rPad * d);
  const oQ = align4(oRn + rPad);
  const oQn = align4(oQ + qPad * d);
  const oThr = align4(oQn + qPad);
  const oScratch = align4(oThr + qPad);
  const floats = oScratch + QB * PR;
  const Memory = wasmApi()!.Memory;
  const memory = new Memory({ initial: Math.ceil((floats * 4) / 65536) + 1 });
  const F = new Float32Array(memory.buffer);
  let q0 = 0;
  let r0 = 0;
  const exclude = lists.exclude;
  const offer = (qb: number, p: number): void => {
    for (let ii = 0; ii < QB; ii++) {
      const qLocal = qb * QB + ii;
      const q = q0 + qLocal;
      if (q >= queries.nRows) break;
      let t = lists.thr[q];
      const s = oScratch + ii * PR;
      for (let l = 0; l < PR; l++) {
        const dist = F[s + l];
        if (!(dist < t)) continue;
        const j = r0 + p * PR + l;
        if (j >= ref.nRows || j === exclude[q]) continue;
        t = lists.offer(q, j, dist);
      }
      F[oThr + qLocal] = t;
    }
  };
  const scan = loadKnnKernel('f32') as KnnKernelScan;
  const instance = scan.instantiate(memory, offer);
  for (q0 = 0; q0 < queries.nRows; q0 += qChunk) {
    const nq = Math.min(qChunk, queries.nRows - q0);
    const nqb = Math.ceil(nq / QB);
    for (let i = 0; i < nqb * QB; i++) {
      const q = q0 + i;
      const o = oQ + i * d;
      if (i < nq) {
        const src = q * d;
        for (let f = 0; f < d; f++) F[o + f] = queries.data[src + f] - mean[f];
        F[oQn + i] = qNorm[q];
        F[oThr + i] = lists.thr[q];
      } else {
        for (let f = 0; f < d; f++) F[o + f] = 0;
        F[oQn + i] = 0;
        F[oThr + i] = Number.NEGATIVE_INFINITY;
      }
    }
    for (r0 = 0; r0 < ref.nRows; r0 += rChunk) {
      const nr = Math.min(rChunk, ref.nRows - r0);
      const np = Math.ceil(nr / PR);
      for (let j = 0; j < np * PR; j++) {
        const p = Math.floor(j / PR);
        const l = j - p * PR;
        const base = oR + p * d * PR + l;
        if (j < nr) {
          const src = (r0 + j) * d;
          for (let f = 0; f < d; f++) F[base + f * PR] = ref.data[src + f] - mean[f];
          F[oRn + j] = rNorm[r0 + j];
        } else {
          for (let f = 0; f < d; f++) F[base + f * PR] = 0;
          F[oRn + j] = Number.POSITIVE_INFINITY;
        }
      }
      // cache blocking: every query block sweeps one L2-sized tile of panels before the next
      const tile = Math.max(1, Math.floor(TILE_BYTES / (d * 4 * PR)));
      for (let p0 = 0; p0 < np; p0 += tile) {
        const p1 = Math.min(np, p0 + tile);
        for (let qb = 0; qb < nqb; qb++) {
          instance(qb, p0, p1, d * 4, oQ * 4, oQn * 4, oThr * 4, oR * 4, oRn * 4, oScratch * 4);
        }
      }
    }
  }
}

/**
 * Candidate search with the int16 kernel: centred values quantised to integers in [-Q, Q]
 * with one scale `s` (so `s |q' - r'|` is within `sqrt(d) s` of the true distance), distances
 * computed exactly in int32. Returns `s`.
 */
function scanI16(
  queries: KnnMatrix,
  ref: KnnMatrix,
  mean: Float64Array,
  lists: CandidateLists,
  threads: number,
): number {
  const d = ref.nCols;
  const steps = Math.ceil(d / 2);
  const QB = KERNEL_QUERY_BLOCK;
  const PR = KERNEL_PANEL;
  const Q = i16Levels(d);
  let maxAbs = 0;
  for (const m of [queries, ref]) {
    for (let i = 0; i < m.nRows; i++) {
      const o = i * d;
      for (let f = 0; f < d; f++) {
        const v = Math.abs(m.data[o + f] - mean[f]);
        if (v > maxAbs) maxAbs = v;
      }
    }
  }
  const scale = maxAbs > 0 ? maxAbs / Q : 1;
  const inv = 1 / scale;
  const quant = (v: number): number => Math.max(-Q, Math.min(Q, Math.round(v * inv)));
  usedThreads = 1;
  if (threads > 1 && scanI16Parallel(queries, ref, mean, inv, steps, lists, threads)) {
    usedThreads = threads;
    return scale;
  }
  const qChunk = Math.max(QB, Math.floor(CHUNK_FLOATS / (2 * steps) / QB) * QB);
  const rChunk = Math.max(PR, Math.floor(CHUNK_FLOATS / (2 * steps) / PR) * PR);
  const qPad = Math.ceil(Math.min(queries.nRows, qChunk) / QB) * QB;
  const rPad = Math.ceil(Math.min(ref.nRows, rChunk) / PR) * PR;
  // byte offsets
  const bR = 0;
  const bRn = align16(bR + rPad * steps * 4);
  const bQ = align16(bRn + rPad * 4);
  const bQn = align16(bQ + qPad * steps * 4);
  const bThr = align16(bQn + qPad * 4);
  const bScratch = align16(bThr + qPad * 4);
  const bytes = bScratch + QB * PR * 4;
  const Memory = wasmApi()!.Memory;
  const memory = new Memory({ initial: Math.ceil(bytes / 65536) + 1 });
  const I16 = new Int16Array(memory.buffer);
  const I32 = new Int32Array(memory.buffer);
  const MAXI = 2147483647;
  let q0 = 0;
  let r0 = 0;
  const exclude = lists.exclude;
  const sI = bScratch >> 2;
  const tI = bThr >> 2;
  const offer = (qb: number, p: number): void => {
    for (let ii = 0; ii < QB; ii++) {
      const qLocal = qb * QB + ii;
      const q = q0 + qLocal;
      if (q >= queries.nRows) break;
      let t = lists.thr[q];
      const s0 = sI + ii * PR;
      for (let l = 0; l < PR; l++) {
        const dist = I32[s0 + l];
        if (!(dist < t)) continue;
        const j = r0 + p * PR + l;
        if (j >= ref.nRows || j === exclude[q]) continue;
        t = lists.offer(q, j, dist);
      }
      I32[tI + qLocal] = Math.min(t, MAXI);
    }
  };
  const scan = (loadKnnKernel('i16') as KnnKernelScan).instantiate(memory, offer);
  for (q0 = 0; q0 < queries.nRows; q0 += qChunk) {
    const nq = Math.min(qChunk, queries.nRows - q0);
    const nqb = Math.ceil(nq / QB);
    for (let i = 0; i < nqb * QB; i++) {
      const o = (bQ >> 1) + i * steps * 2;
      let norm = 0;
      if (i < nq) {
        const src = (q0 + i) * d;
        for (let f = 0; f < d; f++) {
          const v = quant(queries.data[src + f] - mean[f]);
          I16[o + f] = v;
          norm += v * v;
        }
        I32[tI + i] = Math.min(lists.thr[q0 + i], MAXI);
      } else {
        I32[tI + i] = -MAXI - 1;
      }
      for (let f = i < nq ? d : 0; f < steps * 2; f++) I16[o + f] = 0;
      I32[(bQn >> 2) + i] = norm;
    }
    for (r0 = 0; r0 < ref.nRows; r0 += rChunk) {
      const nr = Math.min(rChunk, ref.nRows - r0);
      const np = Math.ceil(nr / PR);
      packI16(ref.data, r0, nr, np, d, steps, mean, inv, I16, bR >> 1, I32, bRn >> 2);
      const tile = Math.max(1, Math.floor(TILE_BYTES / (steps * 4 * PR)));
      for (let p0 = 0; p0 < np; p0 += tile) {
        const p1 = Math.min(np, p0 + tile);
        for (let qb = 0; qb < nqb; qb++) {
          scan(qb, p0, p1, steps * 4, bQ, bQn, bThr, bR, bRn, bScratch);
        }
      }
    }
  }
  return scale;
}

/** Threads the last int16 scan ran on (diagnostics). */
let usedThreads = 1;

/** The int16 scan on worker threads; false when it could not run (the caller scans itself). */
function scanI16Parallel(
  queries: KnnMatrix,
  ref: KnnMatrix,
  mean: Float64Array,
  inv: number,
  steps: number,
  lists: CandidateLists,
  threads: number,
): boolean {
  const PR = KERNEL_PANEL;
  const QB = KERNEL_QUERY_BLOCK;
  const d = ref.nCols;
  const np = Math.ceil(ref.nRows / PR);
  const refBytes = np * steps * PR * 4;
  if (refBytes > PARALLEL_MAX_REF_BYTES) return false;
  const refs = new SharedArrayBuffer(refBytes);
  const rn = new SharedArrayBuffer(np * PR * 4);
  packI16(
    ref.data,
    0,
    ref.nRows,
    np,
    d,
    steps,
    mean,
    inv,
    new Int16Array(refs),
    0,
    new Int32Array(rn),
    0,
  );
  const nqPad = Math.ceil(queries.nRows / QB) * QB;
  const qs = new SharedArrayBuffer(nqPad * steps * 4);
  const qn = new SharedArrayBuffer(nqPad * 4);
  const Q16 = new Int16Array(qs);
  const QN = new Int32Array(qn);
  for (let i = 0; i < queries.nRows; i++) {
    const src = i * d;
    const o = i * steps * 2;
    let norm = 0;
    for (let f = 0; f < d; f++) {
      const v = Math.round((queries.data[src + f] - mean[f]) * inv);
      Q16[o + f] = v;
      norm += v * v;
    }
    QN[i] = norm;
  }
  const exclude = new SharedArrayBuffer(4 * queries.nRows);
  new Int32Array(exclude).set(lists.exclude);
  return runParallelI16(
    {
      kernel: kernelBytes('i16'),
      refs,
      refBytes,
      rn,
      queries: qs,
      qn,
      exclude,
      nq: queries.nRows,
      nr: ref.nRows,
      np,
      steps,
      size: lists.size,
      tile: Math.max(1, Math.floor(TILE_BYTES / (steps * 4 * PR))),
    },
    threads,
    lists.dist,
    lists.idx,
  );
}

/** Quantises and packs reference rows `r0..r0+nr-1` into int16 panels, with exact int norms. */
function packI16(
  data: Float64Array,
  r0: number,
  nr: number,
  np: number,
  d: number,
  steps: number,
  mean: Float64Array,
  inv: number,
  I16: Int16Array,
  o16: number,
  I32: Int32Array,
  oNorm: number,
): void {
  const PR = KERNEL_PANEL;
  const stride = PR * 2;
  for (let j = 0; j < np * PR; j++) {
    const p = (j / PR) | 0;
    const base = o16 + p * steps * stride + (j - p * PR) * 2;
    let norm = 0;
    if (j < nr) {
      const src = (r0 + j) * d;
      for (let f = 0; f < d; f++) {
        const v = Math.round((data[src + f] - mean[f]) * inv);
        I16[base + (f >> 1) * stride + (f & 1)] = v;
        norm += v * v;
      }
      if (d & 1) I16[base + (d >> 1) * stride + 1] = 0;
    } else {
      for (let f = 0; f < steps * 2; f++) I16[base + (f >> 1) * stride + (f & 1)] = 0;
    }
    I32[oNorm + j] = norm;
  }
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

function scanJs(
  queries: KnnMatrix,
  qNorm: Float64Array,
  ref: KnnMatrix,
  rNorm: Float64Array,
  mean: Float64Array,
  lists: CandidateLists,
): void {
  const d = ref.nCols;
  const nr = ref.nRows;
  const nq = queries.nRows;
  const np = Math.ceil(nr / 4);
  const P = new Float64Array(np * 4 * d);
  const rn = new Float64Array(np * 4).fill(Number.POSITIVE_INFINITY);
  for (let j = 0; j < nr; j++) {
    const p = j >> 2;
    const l = j & 3;
    const src = j * d;
    for (let f = 0; f < d; f++) P[(p * d + f) * 4 + l] = ref.data[src + f] - mean[f];
    rn[j] = rNorm[j];
  }
  const nqb = Math.ceil(nq / 4);
  const Q = new Float64Array(nqb * 4 * d);
  const qn = new Float64Array(nqb * 4);
  for (let i = 0; i < nq; i++) {
    for (let f = 0; f < d; f++) Q[i * d + f] = queries.data[i * d + f] - mean[f];
    qn[i] = qNorm[i];
  }
  const thr = lists.thr;
  const c = new Float64Array(16);
  for (let qb = 0; qb < nqb; qb++) {
    const a0 = qb * 4 * d;
    const a1 = a0 + d;
    const a2 = a1 + d;
    const a3 = a2 + d;
    for (let p = 0; p < np; p++) {
      let c00 = 0;
      let c01 = 0;
      let c02 = 0;
      let c03 = 0;
      let c10 = 0;
      let c11 = 0;
      let c12 = 0;
      let c13 = 0;
      let c20 = 0;
      let c21 = 0;
      let c22 = 0;
      let c23 = 0;
      let c30 = 0;
      let c31 = 0;
      let c32 = 0;
      let c33 = 0;
      let o = p * d * 4;
      for (let f = 0; f < d; f++, o += 4) {
        const b0 = P[o];
        const b1 = P[o + 1];
        const b2 = P[o + 2];
        const b3 = P[o + 3];
        const x0 = Q[a0 + f];
        const x1 = Q[a1 + f];
        const x2 = Q[a2 + f];
        const x3 = Q[a3 + f];
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
        c20 += x2 * b0;
        c21 += x2 * b1;
        c22 += x2 * b2;
        c23 += x2 * b3;
        c30 += x3 * b0;
        c31 += x3 * b1;
        c32 += x3 * b2;
        c33 += x3 * b3;
      }
      c[0] = c00;
      c[1] = c01;
      c[2] = c02;
      c[3] = c03;
      c[4] = c10;
      c[5] = c11;
      c[6] = c12;
      c[7] = c13;
      c[8] = c20;
      c[9] = c21;
      c[10] = c22;
      c[11] = c23;
      c[12] = c30;
      c[13] = c31;
      c[14] = c32;
      c[15] = c33;
      for (let ii = 0; ii < 4; ii++) {
        const q = qb * 4 + ii;
        if (q >= nq) break;
        let t = thr[q];
        for (let l = 0; l < 4; l++) {
          const dist = qn[q] + rn[p * 4 + l] - 2 * c[ii * 4 + l];
          if (dist < t) t = lists.offer(q, p * 4 + l, dist);
        }
      }
    }
  }
}

function sqDist(A: Float64Array, ao: number, B: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = A[ao + f] - B[bo + f];
    s += t * t;
  }
  return s;
}

/**
 * Re-ranks each query's candidates by exact float64 distance and writes the k best to `out`
 * (row `rows[q]` of it, or `q`) when `accept` proves them exact.
 * @returns the local indices of the queries not proven.
 */
function finalise(
  queries: KnnMatrix,
  ref: KnnMatrix,
  k: number,
  lists: CandidateLists,
  accept: Acceptance,
  out: Int32Array,
  rows: Int32Array | undefined,
): Int32Array {
  const d = ref.nCols;
  const size = lists.size;
  const candD = new Float64Array(size);
  const candI = new Int32Array(size);
  const failed: number[] = [];
  for (let q = 0; q < queries.nRows; q++) {
    const base = q * size;
    let n = 0;
    for (let c = 0; c < size; c++) {
      const j = lists.idx[base + c];
      if (j < 0) continue;
      const e = sqDist(queries.data, q * d, ref.data, j * d, d);
      // insertion by (distance, index)
      let p = n++;
      while (p > 0 && (candD[p - 1] > e || (candD[p - 1] === e && candI[p - 1] > j))) {
        candD[p] = candD[p - 1];
        candI[p] = candI[p - 1];
        p--;
      }
      candD[p] = e;
      candI[p] = j;
    }
    const full = lists.idx[base + size - 1] >= 0;
    if (full && !accept(q, lists.dist[base + size - 1], candD[k - 1])) {
      failed.push(q);
      continue;
    }
    const o = (rows ? rows[q] : q) * k;
    for (let c = 0; c < k; c++) out[o + c] = candI[c];
  }
  return Int32Array.from(failed);
}

/** Exact float64 scan of all reference rows for one query (the fallback path). */
function exactRow(
  queries: KnnMatrix,
  q: number,
  ref: KnnMatrix,
  k: number,
  exclude: number,
  out: Int32Array,
): void {
  const d = ref.nCols;
  const bd = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  const bi = new Int32Array(k).fill(-1);
  for (let j = 0; j < ref.nRows; j++) {
    if (j === exclude) continue;
    const s = sqDist(queries.data, q * d, ref.data, j * d, d);
    if (!(s < bd[k - 1])) continue;
    let p = k - 1;
    while (p > 0 && bd[p - 1] > s) {
      bd[p] = bd[p - 1];
      bi[p] = bi[p - 1];
      p--;
    }
    bd[p] = s;
    bi[p] = j;
  }
  out.set(bi, q * k);
}
