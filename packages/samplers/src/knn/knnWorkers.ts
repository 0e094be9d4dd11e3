import { KERNEL_PANEL, KERNEL_QUERY_BLOCK } from './knnKernelWat';
import type { KnnScanFn, WasmMemory } from './wasmKernel';

/**
 * The int16 scan of {@link BruteForceKnn}, split over threads (Node worker threads; Node >=
 * 20.16 for `process.getBuiltinModule`).
 *
 * The calling thread packs the reference rows once into a shared WebAssembly memory and the
 * quantised queries into SharedArrayBuffers; the candidate lists live in SharedArrayBuffers
 * too. Every thread (the caller included) instantiates the kernel over that same memory,
 * with its own small region for a batch of queries, and claims batches of query blocks from
 * an atomic counter until none is left, so a thread slowed down by other processes takes
 * fewer batches. Only a batch's queries and candidate lists are copied (into the thread's
 * region and back); the packed reference rows are not. The caller then blocks in `Atomics.wait`
 * (allowed on Node's main thread) until the workers are done, so `kneighbors` stays
 * synchronous. Workers are pooled and unref'd (they never keep a process alive). @internal
 */

/** One int16 scan of quantised queries against one packed reference chunk. @internal */
export interface I16ScanJob {
  /** Memory holding the packed reference panels (shared when workers take part). */
  readonly memory: WasmMemory;
  /** Byte offsets of the packed panels and of their int32 norms. */
  readonly bR: number;
  readonly bRn: number;
  /** Panels, real rows in them, and the global index of the chunk's first row. */
  readonly np: number;
  readonly nr: number;
  readonly r0: number;
  /** Steps of 2 int16 values per row, and panels per cache tile. */
  readonly steps: number;
  readonly tile: number;
  /** Queries: `nq` real rows, packed `steps * 2` int16 values a row and padded with zero rows to whole batches. */
  readonly nq: number;
  readonly queries: ArrayBufferLike;
  /** int32 squared norms of the quantised queries (same padding). */
  readonly qn: ArrayBufferLike;
  /** Candidate lists, `size` per query (float64 distances, int32 indices, float64 thresholds). */
  readonly size: number;
  readonly dist: ArrayBufferLike;
  readonly idx: ArrayBufferLike;
  readonly thr: ArrayBufferLike;
  /** int32 reference row each query skips (-1: none). */
  readonly exclude: ArrayBufferLike;
  /** int32[1] counter of claimed batches; `nBatches` batches of `batchBlocks` query blocks. */
  readonly next: ArrayBufferLike;
  readonly nBatches: number;
  readonly batchBlocks: number;
  /** Byte offset of thread t's region: `regions + t * regionBytes`. */
  readonly regions: number;
  readonly regionBytes: number;
}

/**
 * Bytes of one thread's region of an {@link I16ScanJob}: a batch of queries with their norms,
 * thresholds, excluded rows and candidate lists of `size`, and the kernel's scratch. @internal
 */
export function i16RegionBytes(batchBlocks: number, steps: number, size: number): number {
  const batch = batchBlocks * KERNEL_QUERY_BLOCK;
  const bytes = batch * (steps * 4 + 12 + 8 * size) + KERNEL_QUERY_BLOCK * KERNEL_PANEL * 4;
  return Math.ceil(bytes / 16) * 16;
}

/**
 * Claims batches of an int16 job and scans them in region `slot` until none is left; run by
 * the calling thread and by every worker. Each batch's candidate lists are copied into the
 * region, updated there by the kernel, and copied back. Self-contained (its source is
 * evaluated in the workers): everything comes from its arguments.
 * @param scan the int16 kernel's `scan` over `job.memory`.
 * @param qbSize the kernel's query block size.
 * @returns the batches this thread scanned.
 * @internal
 */
export function scanI16Batches(
  job: I16ScanJob,
  slot: number,
  scan: KnnScanFn,
  qbSize: number,
  onBatch?: () => void,
): number {
  const rowBytes = job.steps * 4;
  const size = job.size;
  const batch = job.batchBlocks * qbSize;
  const bQ = job.regions + slot * job.regionBytes;
  const bQn = bQ + batch * rowBytes;
  const bThr = bQn + batch * 4;
  const bEx = bThr + batch * 4;
  const bL = bEx + batch * 4;
  const bScr = bL + batch * size * 8;
  const I32 = new Int32Array(job.memory.buffer);
  const U8 = new Uint8Array(job.memory.buffer);
  const srcQ = new Uint8Array(job.queries);
  const srcQn = new Int32Array(job.qn);
  const dist = new Float64Array(job.dist);
  const idx = new Int32Array(job.idx);
  const thr = new Float64Array(job.thr);
  const exclude = new Int32Array(job.exclude);
  const next = new Int32Array(job.next);
  const MAXI = 2147483647;
  let done = 0;
  for (;;) {
    const c = Atomics.add(next, 0, 1);
    if (c >= job.nBatches) break;
    const q0 = c * batch;
    const nq = Math.min(batch, job.nq - q0);
    const nqb = Math.ceil(nq / qbSize);
    U8.set(srcQ.subarray(q0 * rowBytes, (q0 + nqb * qbSize) * rowBytes), bQ);
    I32.set(srcQn.subarray(q0, q0 + nqb * qbSize), bQn >> 2);
    for (let i = 0; i < nqb * qbSize; i++) {
      I32[(bThr >> 2) + i] = i < nq ? Math.min(thr[q0 + i], MAXI) : -MAXI - 1;
      I32[(bEx >> 2) + i] = i < nq ? exclude[q0 + i] : -1;
    }
    for (let i = 0; i < nq; i++) {
      const l = (bL >> 2) + i * size * 2;
      const g = (q0 + i) * size;
      for (let s = 0; s < size; s++) {
        I32[l + s] = Math.min(dist[g + s], MAXI);
        I32[l + size + s] = idx[g + s];
      }
    }
    for (let p0 = 0; p0 < job.np; p0 += job.tile) {
      const p1 = Math.min(job.np, p0 + job.tile);
      for (let qb = 0; qb < nqb; qb++) {
        scan(
          qb,
          p0,
          p1,
          rowBytes,
          bQ,
          bQn,
          bThr,
          job.bR,
          job.bRn,
          bScr,
          bL,
          bEx,
          size,
          job.nr,
          job.r0,
        );
      }
    }
    for (let i = 0; i < nq; i++) {
      const l = (bL >> 2) + i * size * 2;
      const g = (q0 + i) * size;
      for (let s = 0; s < size; s++) {
        const j = I32[l + size + s];
        idx[g + s] = j;
        dist[g + s] = j >= 0 ? I32[l + s] : Number.POSITIVE_INFINITY;
      }
      const t = I32[(bThr >> 2) + i];
      thr[q0 + i] = t < MAXI ? t : Number.POSITIVE_INFINITY;
    }
    done++;
    onBatch?.();
  }
  return done;
}

interface WorkerLike {
  postMessage(value: unknown): void;
  unref(): void;
}
interface WorkerThreads {
  Worker: new (
    code: string,
    opts: { eval: true; execArgv: string[]; workerData: unknown },
  ) => WorkerLike;
}

const pool: (WorkerLike | undefined)[] = [];

function workerThreads(): WorkerThreads | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Threads `'auto'` may use here: the machine's parallelism (at most 8) where workers and
 * SharedArrayBuffer exist, else 1. @internal
 */
export function defaultThreads(): number {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return 1;
  if (!workerThreads()) return 1;
  const os = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
  ).process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return Math.max(1, Math.min(8, os?.availableParallelism?.() ?? 1));
}

// Source run by each worker (eval: true; CommonJS or ESM alike: no require or import).
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const scanI16Batches = ${scanI16Batches.toString()};
const ready = new Int32Array(workerData.ready);
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
const modules = new Map();
parentPort.on('message', (t) => {
  const ctrl = new Int32Array(t.ctrl);
  const progress = new Int32Array(t.progress);
  try {
    let module = modules.get(t.kernelId);
    if (!module) {
      module = new WebAssembly.Module(t.kernel);
      modules.set(t.kernelId, module);
    }
    const mem = t.job.memory;
    const scan = new WebAssembly.Instance(module, { env: { mem, offer: () => {} } }).exports.scan;
    scanI16Batches(t.job, t.slot, scan, ${KERNEL_QUERY_BLOCK}, () => Atomics.add(progress, t.slot, 1));
    Atomics.store(ctrl, t.slot, 1);
  } catch (e) {
    Atomics.store(ctrl, t.slot, 2);
  }
  Atomics.notify(ctrl, t.slot);
});
`;

/** The i-th pooled worker, started if needed; undefined when it does not come up within 20 s. */
function worker(i: number): WorkerLike | undefined {
  const have = pool[i];
  if (have) return have;
  const wt = workerThreads();
  if (!wt) return undefined;
  const ready = new SharedArrayBuffer(4);
  const w = new wt.Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { ready } });
  w.unref();
  const flag = new Int32Array(ready);
  const deadline = Date.now() + 20_000;
  while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 200);
  if (Atomics.load(flag, 0) === 0) return undefined;
  pool[i] = w;
  return w;
}

/**
 * Runs `job` on the calling thread (region 0) and `workers` pooled workers (regions 1..),
 * which must all see `job.memory` (a shared memory) and the job's SharedArrayBuffers. The
 * workers compile `kernel` once per `kernelId`.
 * `scanHere` scans batches on the calling thread (see {@link scanI16Batches}).
 * @returns the threads that took part, or 0 when a worker failed or made no progress for
 *   `stallMs` (the candidate lists are then incomplete: the caller must scan again afresh).
 * @internal
 */
export function runI16Job(
  job: I16ScanJob,
  kernel: Uint8Array,
  kernelId: string,
  workers: number,
  scanHere: () => void,
  stallMs = 120_000,
): number {
  const ctrlBuf = new SharedArrayBuffer(4 * (workers + 1));
  const flags = new Int32Array(ctrlBuf);
  const progressBuf = new SharedArrayBuffer(4 * (workers + 1));
  const progress = new Int32Array(progressBuf);
  const started: number[] = [];
  for (let w = 1; w <= workers; w++) {
    const wk = worker(w - 1);
    if (!wk) break;
    wk.postMessage({ job, kernel, kernelId, ctrl: ctrlBuf, progress: progressBuf, slot: w });
    started.push(w);
  }
  scanHere();
  for (const w of started) {
    let seen = -1;
    let since = Date.now();
    while (Atomics.load(flags, w) === 0) {
      const now = Atomics.load(progress, w);
      if (now !== seen) {
        seen = now;
        since = Date.now();
      } else if (Date.now() - since > stallMs) {
        // a stuck worker is dropped from the pool
        pool[w - 1] = undefined;
        return 0;
      }
      Atomics.wait(flags, w, 0, 500);
    }
    if (Atomics.load(flags, w) !== 1) return 0;
  }
  return started.length + 1;
}
