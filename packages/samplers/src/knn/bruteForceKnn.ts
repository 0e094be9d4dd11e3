import { AdaarInputError, NotFittedError } from '@adaar/data';
import type { KnnEngine, KnnMatrix, KnnQueryOptions } from './knnEngine';
import { KERNEL_PANEL, KERNEL_QUERY_BLOCK } from './knnKernelWat';
import {
  defaultThreads,
  type I16ScanJob,
  i16RegionBytes,
  runI16Job,
  scanI16Batches,
} from './knnWorkers';
import {
  type KnnKernelScan,
  type KnnPackFn,
  kernelBytes,
  loadKnnKernel,
  type WasmMemory,
  wasmApi,
} from './wasmKernel';

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
  /**
   * Candidates kept per query beyond `k` before the exact re-ranking (the second int16 pass
   * keeps `4 (k + margin) + 16`). Default 3.
   */
  readonly margin?: number;
  /**
   * Threads for the int16 pass, the calling thread included: `'auto'` (default) uses the
   * machine's parallelism (at most 8; Node, with `worker_threads`, SharedArrayBuffer and
   * shared WebAssembly memories) when a call has at least 2^29 multiply-adds of work, else
   * only the calling thread; a number forces that many (1: no worker threads).
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
/** Largest chunk of packed int16 reference rows in WebAssembly memory at once (bytes). */
const I16_CHUNK_BYTES = 2 ** 28;
/** Largest WebAssembly memory kept between calls (bytes); larger ones are freed after the call. */
const KEEP_MEMORY_BYTES = 2 ** 27;
/** Query batches per thread of an int16 scan (threads claim batches until none is left). */
const BATCHES_PER_THREAD = 16;
/** Most query blocks in one batch. */
const MAX_BATCH_BLOCKS = 64;
/** Bytes of float64 reference rows copied into WebAssembly memory at a time for packing. */
const STAGE_BYTES = 2 ** 22;
/** Fewest unsettled queries worth a float32 pass (which packs all reference rows again). */
const MIN_F32_QUERIES = 64;
const U64 = 2 ** -53;

/**
 * Exact brute-force k-nearest neighbours (squared Euclidean distance), fast.
 *
 * How: the data are centred on the reference mean and distances expanded as
 * `|q|^2 + |r|^2 - 2 q.r`, the dot products computed by a WebAssembly SIMD kernel in
 * register blocks of 4 queries x 8 reference rows, over reference rows packed panel-wise and
 * swept in L2-sized tiles. Each query keeps its best candidates and a threshold, so most
 * blocks cost one vector compare. Passes, each only for the queries the previous one could
 * not settle:
 * 1. int16, `k + margin` candidates: values quantised with one scale `s` to integers in
 *    [-Q, Q] (Q chosen so that every int32 sum is exact), so the computed distance is within
 *    `sqrt(d) s` of the true one; on worker threads beside the calling one when the call is
 *    large (see {@link BruteForceKnnOptions.threads});
 * 2. int16 again, `4 (k + margin) + 16` candidates, over the reference rows already packed
 *    (near-ties beyond the margin; few queries, so cheap);
 * 3. float32 (when at least 64 queries remain), error bound `2 (3d + 16) 2^-24 (|q|^2 + max|r|^2)`;
 * 4. an exact float64 scan of all rows, per query.
 * After a pass, the candidates are re-ranked by the exact float64 distance
 * `sum_f (q_f - r_f)^2`, and accepted only when the pass's error bound proves that no row
 * outside them can be closer than the k-th (near-exact ties, duplicates and outliers fall
 * through to the next pass). The neighbours are therefore those of the exact float64
 * computation, ties broken by the lower index, as scikit-learn's brute force with a stable
 * sort. Without WebAssembly SIMD (`backend: 'js'`), a 4 x 4 blocked float64 JavaScript kernel
 * replaces passes 1-3 (bound `2 (3d + 16) 2^-53 (...)`).
 *
 * Cost: `nQueries x nReference x d` multiply-adds, plus packing `nReference x d` values;
 * memory: `2 (nReference + nQueries) d` bytes for int16 (`4 ...` for float32) beside the
 * inputs, the reference rows in chunks of at most 256 MiB (float32: 2^25 values). The
 * WebAssembly memory of the int16 passes (shared by all threads) is kept for later calls
 * while it is at most 128 MiB, since first writes to fresh memory are slow on some systems.
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
  private refMaxAbs: number | undefined;

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
    checkShape('reference', reference);
    const { data, nRows, nCols } = reference;
    const mean = new Float64Array(nCols);
    const lo = new Float64Array(nCols).fill(Number.POSITIVE_INFINITY);
    const hi = new Float64Array(nCols).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < nRows; i++) {
      const o = i * nCols;
      for (let f = 0; f < nCols; f++) {
        const v = data[o + f];
        mean[f] += v;
        if (v < lo[f]) lo[f] = v;
        if (v > hi[f]) hi[f] = v;
      }
    }
    // a non-finite value makes its column's sum non-finite
    if (!mean.every(Number.isFinite)) checkFinite('reference', reference);
    let maxAbs = 0;
    for (let f = 0; f < nCols; f++) {
      mean[f] /= nRows || 1;
      // = max_i |data[i][f] - mean[f]| as computed in floating point (rounding is monotonic)
      if (nRows > 0) maxAbs = Math.max(maxAbs, hi[f] - mean[f], mean[f] - lo[f]);
    }
    this.ref = reference;
    this.mean = mean;
    this.refMaxAbs = maxAbs;
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
    let i16: I16State | undefined;
    let threadsUsed = 1;
    for (const pass of this.passes(ref.nCols, size, ref.nRows)) {
      const stage = pass.stage;
      if (
        pending &&
        (pending.length === 0 || (stage === 'f32' && pending.length < MIN_F32_QUERIES))
      ) {
        break;
      }
      const sub = pending ? subsetQueries(queries, pending) : queries;
      const subExclude = pending ? Int32Array.from(pending, (q) => exclude[q]) : exclude;
      let lists: CandidateLists;
      let accept: Acceptance;
      if (stage === 'i16') {
        const work = sub.nRows * ref.nRows * ref.nCols;
        const threads =
          this.threads === 'auto'
            ? work >= PARALLEL_MIN_WORK
              ? defaultThreads()
              : 1
            : this.threads;
        const share = threads > 1 && loadKnnKernel('i16-shared') !== null;
        lists = new CandidateLists(sub.nRows, pass.size, subExclude, share);
        i16 ??= { quant: this.i16Quant(queries), memory: undefined, chunk: -1 };
        threadsUsed = Math.max(
          threadsUsed,
          scanI16(sub, ref, mean, lists, share ? threads : 1, i16),
        );
        const { scale } = i16.quant;
        const slack = Math.sqrt(ref.nCols) + 1e-6;
        accept = (_q, last, kth) =>
          (Math.sqrt(last) - slack) * scale > Math.sqrt(kth) * (1 + 1e-12);
      } else {
        lists = new CandidateLists(sub.nRows, pass.size, subExclude, false);
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
      counts[stage] += sub.nRows - failed.length;
      pending = pending ? Int32Array.from(failed, (i) => (pending as Int32Array)[i]) : failed;
    }
    const rest = pending ?? Int32Array.from({ length: nq }, (_, i) => i);
    for (const q of rest) exactRow(queries, q, ref, k, exclude[q], out);
    counts.exact = rest.length;
    this.lastStageCounts = counts;
    this.lastThreads = threadsUsed;
    return out;
  }

  /**
   * Diagnostics of the last `kneighbors` call: how many queries each stage settled (`i16`:
   * the WebAssembly int16 passes; `f32`: the WebAssembly float32 pass; `f64`: JavaScript;
   * `exact`: the per-query float64 scan).
   */
  lastStageCounts: Readonly<Record<Stage | 'exact', number>> = { i16: 0, f32: 0, f64: 0, exact: 0 };

  /** Diagnostics: threads (the calling one included) the int16 passes of the last `kneighbors` call ran on. */
  lastThreads = 1;

  /** The candidate-search passes, with their list sizes (`size`: k + margin). */
  private passes(d: number, size: number, nRef: number): { stage: Stage; size: number }[] {
    if (this.backend === 'js') return [{ stage: 'f64', size }];
    if (i16Levels(d) < MIN_I16_LEVELS || !loadKnnKernel('i16')) return [{ stage: 'f32', size }];
    const wide = Math.min(nRef, WIDE_FACTOR * size + WIDE_EXTRA);
    return [
      { stage: 'i16', size },
      ...(wide > size ? [{ stage: 'i16' as const, size: wide }] : []),
      { stage: 'f32', size },
    ];
  }

  /** The int16 quantisation of a call: one scale for the queries and the reference rows. */
  private i16Quant(queries: KnnMatrix): I16Quant {
    const ref = this.ref as KnnMatrix;
    const mean = this.mean as Float64Array;
    const maxAbs = Math.max(this.refMaxAbs as number, maxAbsCentred(queries, mean));
    const levels = i16Levels(ref.nCols);
    const scale = maxAbs > 0 ? maxAbs / levels : 1;
    return { levels, scale, inv: 1 / scale, steps: Math.ceil(ref.nCols / 2) };
  }
}

/**
 * Candidates of the second int16 pass, for the queries the first could not settle:
 * `WIDE_FACTOR * (k + margin) + WIDE_EXTRA`.
 */
const WIDE_FACTOR = 4;
const WIDE_EXTRA = 16;

/** The int16 quantisation of one `kneighbors` call. */
interface I16Quant {
  /** Largest |quantised value| (see {@link i16Levels}). */
  readonly levels: number;
  /** Value of one quantisation step, and its inverse. */
  readonly scale: number;
  readonly inv: number;
  /** Steps of two int16 values per row: `ceil(d / 2)`. */
  readonly steps: number;
}

/** The int16 passes' state within one `kneighbors` call: which reference chunk `memory` holds. */
interface I16State {
  readonly quant: I16Quant;
  memory: WasmMemory | undefined;
  chunk: number;
}

function maxAbsCentred(m: KnnMatrix, mean: Float64Array): number {
  const { data, nRows, nCols } = m;
  let max = 0;
  for (let i = 0; i < nRows; i++) {
    const o = i * nCols;
    for (let f = 0; f < nCols; f++) {
      const v = Math.abs(data[o + f] - mean[f]);
      if (v > max) max = v;
    }
  }
  return max;
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
  checkShape(name, m);
  checkFinite(name, m);
}

function checkShape(name: string, m: KnnMatrix): void {
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
}

function checkFinite(name: string, m: KnnMatrix): void {
  const { data, nCols } = m;
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

/**
 * Per query: the `size` best candidates so far by approximate distance, and a threshold.
 * With `shared`, the arrays live in SharedArrayBuffers (worker threads fill them in place).
 */
class CandidateLists {
  dist!: Float64Array;
  idx!: Int32Array;
  /** Approximate distance a new candidate must beat: the list's last once it is full. */
  thr!: Float64Array;
  readonly exclude: Int32Array;

  constructor(
    readonly nq: number,
    readonly size: number,
    exclude: Int32Array,
    readonly shared: boolean,
  ) {
    // a whole-buffer array: the int16 scan hands `exclude.buffer` on
    const whole = exclude.byteOffset === 0 && exclude.byteLength === exclude.buffer.byteLength;
    this.exclude = shared ? sharedCopy(exclude) : whole ? exclude : exclude.slice();
    this.reset(shared);
  }

  /** Empties the lists (in fresh arrays, shared or not). */
  reset(shared: boolean): void {
    const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const n = this.nq * this.size;
    this.dist = new Float64Array(buf(8 * n)).fill(Number.POSITIVE_INFINITY);
    this.idx = new Int32Array(buf(4 * n)).fill(-1);
    this.thr = new Float64Array(buf(8 * this.nq)).fill(Number.POSITIVE_INFINITY);
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

/** The int16 kernels keep their candidate lists in memory and call nothing. */
const noOffer = (): void => {};

function sharedCopy(a: Int32Array): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(4 * a.length));
  out.set(a);
  return out;
}

/** The WebAssembly memory kept between int16 scans (first touch of fresh pages is slow). */
let keptMemory: { memory: WasmMemory; shared: boolean } | undefined;

/**
 * A WebAssembly memory of at least `bytes` (shared or not): the kept one, grown if needed,
 * while it stays within {@link KEEP_MEMORY_BYTES}; else a fresh one (kept when small enough).
 */
function scanMemory(bytes: number, shared: boolean): WasmMemory {
  const pages = Math.ceil(bytes / 65536);
  const kept = keptMemory;
  if (kept && kept.shared === shared) {
    const have = kept.memory.buffer.byteLength / 65536;
    if (have >= pages) return kept.memory;
    if (pages * 65536 <= KEEP_MEMORY_BYTES) {
      kept.memory.grow(pages - have);
      return kept.memory;
    }
  }
  const Memory = (wasmApi() as NonNullable<ReturnType<typeof wasmApi>>).Memory;
  const memory = shared
    ? new Memory({ initial: pages, maximum: 65536, shared: true })
    : new Memory({ initial: pages });
  if (pages * 65536 <= KEEP_MEMORY_BYTES) keptMemory = { memory, shared };
  return memory;
}

/**
 * Candidate search with the int16 kernel: centred values quantised to integers in
 * [-levels, levels] with one scale `s` (so `s |q' - r'|` is within `sqrt(d) s` of the true
 * distance), distances computed exactly in int32. Reference rows are packed chunk by chunk
 * (one chunk up to {@link I16_CHUNK_BYTES}) into WebAssembly memory; a chunk `state` says is
 * there already is not packed again. With `threads > 1` (lists shared), worker threads scan
 * beside the calling one (see `knnWorkers.ts`).
 * @returns the threads that took part.
 */
function scanI16(
  queries: KnnMatrix,
  ref: KnnMatrix,
  mean: Float64Array,
  lists: CandidateLists,
  threads: number,
  state: I16State,
): number {
  const d = ref.nCols;
  const { steps, levels, inv } = state.quant;
  const QB = KERNEL_QUERY_BLOCK;
  const PR = KERNEL_PANEL;
  const shared = lists.shared;
  // one kind of memory wherever shared ones exist, so that the kept memory serves every call
  const sharedKernel = loadKnnKernel('i16-shared');
  const sharedMemory = sharedKernel !== null;
  const kernel = sharedKernel ?? (loadKnnKernel('i16') as KnnKernelScan);
  const T = shared && sharedMemory ? threads : 1;
  const nq = queries.nRows;
  const nqb = Math.ceil(nq / QB);
  const batchBlocks = Math.max(
    1,
    Math.min(MAX_BATCH_BLOCKS, Math.ceil(nqb / (T * BATCHES_PER_THREAD))),
  );
  const nBatches = Math.ceil(nqb / batchBlocks);
  const nqPad = nBatches * batchBlocks * QB;
  const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const qBuf = buf(nqPad * steps * 4);
  const qnBuf = buf(nqPad * 4);
  const Q16 = new Int16Array(qBuf);
  const QN = new Int32Array(qnBuf);
  for (let i = 0; i < nq; i++) {
    QN[i] = quantiseRow(queries.data, i * d, d, mean, inv, levels, Q16, i * steps * 2, 1);
  }
  const regionBytes = i16RegionBytes(batchBlocks, steps, lists.size);
  const rowsPerChunk = Math.max(PR, Math.floor(I16_CHUNK_BYTES / (steps * 4) / PR) * PR);
  let used = 1;
  for (let r0 = 0; r0 < ref.nRows; r0 += rowsPerChunk) {
    const nr = Math.min(rowsPerChunk, ref.nRows - r0);
    const np = Math.ceil(nr / PR);
    const bRn = align16(np * PR * steps * 4);
    const regions = align16(bRn + np * PR * 4);
    const stage = align16(regions + T * regionBytes);
    const memory = scanMemory(stage + align16(steps * 16) + STAGE_BYTES, sharedMemory);
    if (state.memory !== memory || state.chunk !== r0) {
      state.memory = memory;
      state.chunk = r0;
      packRefs(ref.data, r0, nr, np, d, state.quant, mean, memory, kernel, bRn, stage);
    }
    const job: I16ScanJob = {
      memory,
      bR: 0,
      bRn,
      np,
      nr,
      r0,
      steps,
      tile: Math.max(1, Math.floor(TILE_BYTES / (steps * 4 * PR))),
      nq,
      queries: qBuf,
      qn: qnBuf,
      size: lists.size,
      dist: lists.dist.buffer,
      idx: lists.idx.buffer,
      thr: lists.thr.buffer,
      exclude: lists.exclude.buffer,
      next: buf(4),
      nBatches,
      batchBlocks,
      regions,
      regionBytes,
    };
    const here = (): void => {
      scanI16Batches(job, 0, kernel.instantiate(memory, noOffer), QB);
    };
    if (T === 1) {
      here();
      continue;
    }
    const ran = runI16Job(job, kernelBytes('i16-shared'), 'i16-shared', T - 1, here);
    if (ran === 0) {
      // a worker failed: start afresh on this thread, in memory no worker can still write to
      if (keptMemory?.memory === memory) keptMemory = undefined;
      state.memory = undefined;
      lists.reset(false);
      const alone = new CandidateLists(lists.nq, lists.size, lists.exclude, false);
      scanI16(queries, ref, mean, alone, 1, state);
      lists.dist = alone.dist;
      lists.idx = alone.idx;
      lists.thr = alone.thr;
      return 1;
    }
    used = Math.max(used, ran);
  }
  return used;
}

/**
 * Quantises row values `data[src..src+d-1] - mean` to integers `round((v - mean) * inv)` in
 * [-levels, levels] (each within 1/2 of the scaled value), written to `out[o + f * stride]`
 * (two values per step: `stride` counts steps) with a zero pad to an even count. Returns the
 * row's squared norm (exact in int32: see {@link i16Levels}).
 */
function quantiseRow(
  data: Float64Array,
  src: number,
  d: number,
  mean: Float64Array,
  inv: number,
  levels: number,
  out: Int16Array,
  o: number,
  stride: number,
): number {
  let norm = 0;
  let f = 0;
  for (; f + 1 < d; f += 2, o += 2 * stride) {
    const qa = quantise((data[src + f] - mean[f]) * inv, levels);
    const qb = quantise((data[src + f + 1] - mean[f + 1]) * inv, levels);
    out[o] = qa;
    out[o + 1] = qb;
    norm += qa * qa + qb * qb;
  }
  if (f < d) {
    const qa = quantise((data[src + f] - mean[f]) * inv, levels);
    out[o] = qa;
    out[o + 1] = 0;
    norm += qa * qa;
  }
  return norm;
}

/**
 * `floor(x + 1/2)` clamped to [-levels, levels], for |x| <= levels (up to rounding): the sum
 * `x + 65536.5` is positive and below 2^31, so `| 0` floors it. Branch-free (the sign of `x`
 * is random, which makes `Math.round` or a sign test slow).
 */
function quantise(x: number, levels: number): number {
  return Math.max(-levels, Math.min(levels, ((x + 65536.5) | 0) - 65536));
}

/**
 * Quantises reference rows `r0..r0+nr-1` and packs them into `np` int16 panels at offset 0
 * of `memory`, their int32 squared norms at `bRn`, with the kernel's `pack`: rows are copied
 * {@link STAGE_BYTES} at a time to `stage` (after the mean) first.
 */
function packRefs(
  data: Float64Array,
  r0: number,
  nr: number,
  np: number,
  d: number,
  quant: I16Quant,
  mean: Float64Array,
  memory: WasmMemory,
  kernel: KnnKernelScan,
  bRn: number,
  stage: number,
): void {
  const { steps, inv, levels } = quant;
  const pack = kernel.packer(memory) as KnnPackFn;
  const F64 = new Float64Array(memory.buffer);
  for (let f = 0; f < 2 * steps; f++) F64[(stage >> 3) + f] = f < d ? mean[f] : 0;
  const rowsAt = stage + align16(steps * 16);
  const perStage = Math.max(1, Math.floor(STAGE_BYTES / (8 * d)));
  const U8 = new Uint8Array(memory.buffer);
  const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (let j = 0; j < nr; j += perStage) {
    const n = Math.min(perStage, nr - j);
    U8.set(src.subarray((r0 + j) * d * 8, (r0 + j + n) * d * 8), rowsAt);
    pack(rowsAt, n, d, stage, inv, levels, 0, bRn, j, steps);
  }
  // the last panel's missing rows: zeros
  const I32 = new Int32Array(memory.buffer);
  const PR = KERNEL_PANEL;
  for (let j = nr; j < np * PR; j++) {
    const p = (j / PR) | 0;
    for (let s = 0; s < steps; s++) I32[p * steps * PR + s * PR + (j - p * PR)] = 0;
    I32[(bRn >> 2) + j] = 0;
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
