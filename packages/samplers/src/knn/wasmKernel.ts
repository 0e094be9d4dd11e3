import {
  KNN_KERNEL_F32_BASE64,
  KNN_KERNEL_I16_BASE64,
  KNN_KERNEL_I16_SHARED_BASE64,
} from './knnKernel.gen';
import type { KernelType } from './knnKernelWat';

/** Signature of the kernel's exported `scan` (see `knnKernelWat.ts`). @internal */
export type KnnScanFn = (
  qb: number,
  p0: number,
  p1: number,
  d4: number,
  qOff: number,
  qnOff: number,
  thrOff: number,
  rOff: number,
  rnOff: number,
  scratch: number,
  // int16 kernels only (see knnKernelWat.ts)
  listOff?: number,
  exclOff?: number,
  size?: number,
  nr?: number,
  r0?: number,
) => void;

/** Signature of the int16 kernels' exported `pack` (see `knnKernelWat.ts`). @internal */
export type KnnPackFn = (
  src: number,
  n: number,
  d: number,
  meanOff: number,
  inv: number,
  levels: number,
  dst: number,
  normOff: number,
  j0: number,
  steps: number,
) => void;

/** The compiled kernel. @internal */
export interface KnnKernelScan {
  /** A fresh instance over `memory`, calling `offer(queryBlock, panel)` on candidate hits. */
  instantiate(memory: WasmMemory, offer: (qb: number, p: number) => void): KnnScanFn;
  /** The int16 kernels' `pack` over `memory` (undefined for the float32 kernel). */
  packer(memory: WasmMemory): KnnPackFn | undefined;
}

/** The part of the WebAssembly JS API used here (the package's `lib` has no DOM types). @internal */
export interface WasmMemory {
  /** An ArrayBuffer, or a SharedArrayBuffer for a shared memory. */
  readonly buffer: ArrayBuffer;
  /** Adds `pages` pages of 64 KiB (contents kept; views of the old buffer must be renewed). */
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** The runtime's WebAssembly object, if any. @internal */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

const cached = new Map<KernelType, KnnKernelScan | null>();

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The binary of a kernel (for worker threads, which compile their own copy). @internal */
export function kernelBytes(type: KernelType): Uint8Array {
  return decodeBase64(
    type === 'f32'
      ? KNN_KERNEL_F32_BASE64
      : type === 'i16'
        ? KNN_KERNEL_I16_BASE64
        : KNN_KERNEL_I16_SHARED_BASE64,
  );
}

/**
 * Compiles a WebAssembly SIMD kNN kernel once; `null` when the runtime lacks WebAssembly
 * or its SIMD proposal (or, for `'i16-shared'`, shared memories and SharedArrayBuffer). @internal
 */
export function loadKnnKernel(type: KernelType = 'f32'): KnnKernelScan | null {
  const hit = cached.get(type);
  if (hit !== undefined) return hit;
  cached.set(type, null);
  try {
    const wasm = wasmApi();
    if (!wasm) return null;
    if (type === 'i16-shared' && typeof SharedArrayBuffer === 'undefined') return null;
    const bytes = kernelBytes(type);
    if (!wasm.validate(bytes)) return null;
    const module = new wasm.Module(bytes);
    cached.set(type, {
      instantiate(memory, offer) {
        const instance = new wasm.Instance(module, { env: { mem: memory, offer } });
        return instance.exports.scan as KnnScanFn;
      },
      packer(memory) {
        const instance = new wasm.Instance(module, { env: { mem: memory, offer: () => {} } });
        return instance.exports.pack as KnnPackFn | undefined;
      },
    });
  } catch {
    cached.set(type, null);
  }
  return cached.get(type) ?? null;
}
