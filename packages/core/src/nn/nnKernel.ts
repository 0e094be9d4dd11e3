import { NN_KERNEL_BASE64 } from './nnKernel.gen';

/** Exports of the compiled kernels (see `nnKernelWat.ts`); pointers are heap byte offsets. @internal */
export interface NnKernelFns {
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    pOut: number,
    mOut: number,
    vOut: number,
    n: number,
    stepSize: number,
    epsHat: number,
    c1: number,
    c2: number,
  ): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
  grad_leaky(
    g: number,
    a: number,
    dz: number,
    sum: number,
    n: number,
    c: number,
    alpha: number,
  ): void;
  grad_tanh(
    g: number,
    a: number,
    dz: number,
    sum: number,
    n: number,
    c: number,
    alpha: number,
  ): void;
  grad_sigmoid(
    g: number,
    a: number,
    dz: number,
    sum: number,
    n: number,
    c: number,
    alpha: number,
  ): void;
  colsum(g: number, a: number, dz: number, sum: number, n: number, c: number, alpha: number): void;
  leaky(x: number, y: number, n: number, alpha: number): void;
  gemm_nn: GemmFn;
  gemm_tn: GemmFn;
}

/** `c = op(a) b (+ bias, activation)`, pointers into the heap; `op` is identity (nn) or transpose (tn). */
type GemmFn = (
  a: number,
  b: number,
  c: number,
  bias: number,
  m: number,
  k: number,
  n: number,
  act: number,
  alpha: number,
) => void;

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

let compiled: object | null | undefined;
const instances = new WeakMap<object, NnKernelFns | null>();

function compile(): object | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return null;
    const bin = atob(NN_KERNEL_BASE64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    if (wasm.validate(bytes)) compiled = new wasm.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/**
 * The SIMD kernels instantiated over `memory` (the tfjs-wasm heap), cached per memory; `null`
 * when the runtime lacks WebAssembly SIMD or the memory cannot be imported (e.g. a shared one).
 * @internal
 */
export function nnKernelFor(memory: object): NnKernelFns | null {
  const hit = instances.get(memory);
  if (hit !== undefined) return hit;
  let fns: NnKernelFns | null = null;
  const mod = compile();
  if (mod) {
    try {
      const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      fns = new wasm.Instance(mod, { env: { mem: memory } }).exports as unknown as NnKernelFns;
    } catch {
      fns = null;
    }
  }
  instances.set(memory, fns);
  return fns;
}
