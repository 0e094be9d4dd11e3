import { describe, expect, it } from 'vitest';
import { type I16ScanJob, runI16Job } from './knnWorkers';
import { wasmApi } from './wasmKernel';

function emptyJob(): I16ScanJob {
  const Memory = wasmApi()?.Memory;
  if (!Memory) throw new Error('no WebAssembly');
  const sab = (bytes: number) => new SharedArrayBuffer(bytes);
  return {
    memory: new Memory({ initial: 1, maximum: 65536, shared: true }),
    bR: 0,
    bRn: 0,
    np: 0,
    nr: 0,
    r0: 0,
    steps: 1,
    tile: 1,
    nq: 0,
    queries: sab(16),
    qn: sab(16),
    size: 1,
    dist: sab(8),
    idx: sab(4),
    thr: sab(8),
    exclude: sab(4),
    next: sab(4),
    nBatches: 0,
    batchBlocks: 1,
    regions: 0,
    regionBytes: 0,
  };
}

describe('runI16Job', () => {
  it('runs the calling thread and reports the threads that took part', () => {
    let here = 0;
    const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]); // an empty module
    const ran = runI16Job(emptyJob(), empty, 'test-empty', 1, () => {
      here++;
    });
    expect(here).toBe(1);
    expect(ran).toBe(2);
  });

  it('reports 0 when a worker fails (the caller then scans alone)', () => {
    // not a WebAssembly module: the worker's compile throws
    const ran = runI16Job(emptyJob(), new Uint8Array([1, 2, 3]), 'test-bad', 1, () => {});
    expect(ran).toBe(0);
  });
});
