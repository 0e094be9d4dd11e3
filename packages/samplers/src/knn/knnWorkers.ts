import { KERNEL_PANEL, KERNEL_QUERY_BLOCK } from './knnKernelWat';

/**
 * Worker threads for the int16 kNN pass (Node only; `process.getBuiltinModule`, Node >= 20.16).
 * The calling thread packs the reference rows and the queries once into SharedArrayBuffers;
 * each worker copies the references and its share of the queries into its own WebAssembly
 * memory, runs the same kernel, and writes its queries' candidate lists back into shared
 * result arrays. The caller blocks in `Atomics.wait` (allowed on Node's main thread), so
 * `kneighbors` stays synchronous. Workers are pooled and unref'd (they never keep a process
 * alive). @internal
 */

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

const pool: WorkerLike[] = [];

function workerThreads(): WorkerThreads | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
  } catch {
    return undefined;
  }
}

/** Threads `'auto'` may use here: the machine's parallelism (at most 8) where workers exist, else 1. */
export function defaultThreads(): number {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return 1;
  if (!workerThreads()) return 1;
  const os = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
  ).process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return Math.max(1, Math.min(8, os?.availableParallelism?.() ?? 1));
}

// Source run by each worker (eval: true; CommonJS or ESM alike: no require or import);
// mirrors the single-thread int16 scan.
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const ready = new Int32Array(workerData.ready);
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
const modules = new Map();
parentPort.on('message', (t) => {
  const ctrl = new Int32Array(t.ctrl);
  const progress = new Int32Array(t.progress);
  try {
    let mod = modules.get(t.kernelId);
    if (!mod) { mod = new WebAssembly.Module(t.kernel); modules.set(t.kernelId, mod); }
    const QB = ${KERNEL_QUERY_BLOCK}, PR = ${KERNEL_PANEL};
    const nq = t.q1 - t.q0, nqb = Math.ceil(nq / QB), rowBytes = t.steps * 4;
    const al = (n) => Math.ceil(n / 16) * 16;
    const bR = 0, bRn = al(t.refBytes), bQ = al(bRn + t.np * PR * 4), bQn = al(bQ + nqb * QB * rowBytes);
    const bThr = al(bQn + nqb * QB * 4), bScr = al(bThr + nqb * QB * 4), total = bScr + QB * PR * 4;
    const mem = new WebAssembly.Memory({ initial: Math.ceil(total / 65536) + 1 });
    const u8 = new Uint8Array(mem.buffer);
    u8.set(new Uint8Array(t.refs, 0, t.refBytes), bR);
    u8.set(new Uint8Array(t.rn, 0, t.np * PR * 4), bRn);
    u8.set(new Uint8Array(t.queries, t.q0 * rowBytes, nq * rowBytes), bQ);
    u8.set(new Uint8Array(t.qn, t.q0 * 4, nq * 4), bQn);
    const I32 = new Int32Array(mem.buffer);
    const MAXI = 2147483647;
    for (let i = 0; i < nqb * QB; i++) I32[(bThr >> 2) + i] = i < nq ? MAXI : -MAXI - 1;
    const K2 = t.size, exclude = new Int32Array(t.exclude), nr = t.nr;
    const dist = new Float64Array(nq * K2).fill(Infinity), idx = new Int32Array(nq * K2).fill(-1);
    const thr = new Float64Array(nq).fill(Infinity);
    const sI = bScr >> 2, tI = bThr >> 2;
    const offer = (qb, p) => {
      for (let ii = 0; ii < QB; ii++) {
        const q = qb * QB + ii;
        if (q >= nq) break;
        let th = thr[q];
        const ex = exclude[t.q0 + q], base = q * K2;
        for (let l = 0; l < PR; l++) {
          const dd = I32[sI + ii * PR + l];
          if (!(dd < th)) continue;
          const j = p * PR + l;
          if (j >= nr || j === ex) continue;
          let pos = base + K2 - 1;
          while (pos > base && dist[pos - 1] > dd) { dist[pos] = dist[pos - 1]; idx[pos] = idx[pos - 1]; pos--; }
          dist[pos] = dd; idx[pos] = j;
          if (idx[base + K2 - 1] >= 0) { th = dist[base + K2 - 1]; thr[q] = th; }
        }
        I32[tI + q] = Math.min(th, MAXI);
      }
    };
    const scan = new WebAssembly.Instance(mod, { env: { mem, offer } }).exports.scan;
    for (let p0 = 0; p0 < t.np; p0 += t.tile) {
      const p1 = Math.min(t.np, p0 + t.tile);
      for (let qb = 0; qb < nqb; qb++) scan(qb, p0, p1, rowBytes, bQ, bQn, bThr, bR, bRn, bScr);
      Atomics.add(progress, t.slot, 1);
    }
    new Float64Array(t.resD).set(dist, t.q0 * K2);
    new Int32Array(t.resI).set(idx, t.q0 * K2);
    Atomics.store(ctrl, t.slot, 1);
  } catch (e) {
    Atomics.store(ctrl, t.slot, 2);
  }
  Atomics.notify(ctrl, t.slot);
});
`;

/** The i-th pooled worker, started if needed; undefined when it does not come up within 20 s. */
function worker(i: number): WorkerLike | undefined {
  if (pool[i]) return pool[i];
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

/** A packed int16 job (see `scanI16`). @internal */
export interface ParallelI16Job {
  readonly kernel: Uint8Array;
  readonly refs: SharedArrayBuffer;
  readonly refBytes: number;
  readonly rn: SharedArrayBuffer;
  readonly queries: SharedArrayBuffer;
  readonly qn: SharedArrayBuffer;
  readonly exclude: SharedArrayBuffer;
  readonly nq: number;
  readonly nr: number;
  readonly np: number;
  readonly steps: number;
  readonly size: number;
  readonly tile: number;
}

/**
 * Runs the int16 scan on `threads` workers; fills `dist` / `idx` (`nq x size`, as
 * CandidateLists). Returns false (and leaves them untouched) if a worker failed, or made no
 * progress for `stallMs`; the caller then scans on its own thread. @internal
 */
export function runParallelI16(
  job: ParallelI16Job,
  threads: number,
  dist: Float64Array,
  idx: Int32Array,
  stallMs = 120_000,
): boolean {
  const QB = KERNEL_QUERY_BLOCK;
  const nqb = Math.ceil(job.nq / QB);
  const parts = Math.max(1, Math.min(threads, nqb));
  const ctrl = new SharedArrayBuffer(4 * parts);
  const flags = new Int32Array(ctrl);
  const progressBuf = new SharedArrayBuffer(4 * parts);
  const progress = new Int32Array(progressBuf);
  const resD = new SharedArrayBuffer(8 * job.nq * job.size);
  const resI = new SharedArrayBuffer(4 * job.nq * job.size);
  const started: number[] = [];
  for (let w = 0; w < parts; w++) {
    const q0 = Math.floor((nqb * w) / parts) * QB;
    const q1 = Math.min(job.nq, Math.floor((nqb * (w + 1)) / parts) * QB);
    const wk = worker(w);
    if (!wk) return false;
    wk.postMessage({
      ...job,
      kernelId: 'i16',
      q0,
      q1,
      resD,
      resI,
      ctrl,
      progress: progressBuf,
      slot: w,
    });
    started.push(w);
  }
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
        pool[w] = undefined as unknown as WorkerLike;
        return false;
      }
      Atomics.wait(flags, w, 0, 500);
    }
    if (Atomics.load(flags, w) !== 1) return false;
  }
  dist.set(new Float64Array(resD));
  idx.set(new Int32Array(resI));
  return true;
}
