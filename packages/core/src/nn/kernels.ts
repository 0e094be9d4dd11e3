import { tf } from '../tf';

// Small custom kernels written in JavaScript for the `wasm` and `cpu` backends. They run on the
// backends' own memory (the wasm heap, the cpu backend's typed arrays), so each replaces one or
// several tfjs kernels without a copy: a cache-blocked 2-D transpose (about 4x faster than the
// wasm Transpose kernel), column sums (the bias gradient; tfjs' sum over axis 0 transposes
// first), and a fused Adam update. Other backends use the equivalent tfjs ops (see ops.ts).

/** Kernel names registered by {@link registerKernels}. */
export const TRANSPOSE_2D = 'AdaarTranspose2D';
export const COL_SUM = 'AdaarColSum';
export const ADAM_UPDATE = 'AdaarAdamUpdate';

type Arr = Float32Array;
interface Access {
  read(t: tf.TensorInfo): Arr;
  /** Allocates outputs, then returns their arrays (allocating may move the wasm heap). */
  alloc(shapes: number[][]): { infos: tf.TensorInfo[]; arrays: Arr[] };
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Arr;
}
interface CpuBackendLike {
  data: { get(id: unknown): { values: Arr } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Arr): tf.TensorInfo;
}

function wasmAccess(backend: unknown): Access {
  const b = backend as WasmBackendLike;
  return {
    read: (t) => b.typedArrayFromHeap(t),
    alloc: (shapes) => {
      const infos = shapes.map((s) => b.makeOutput(s, 'float32'));
      return { infos, arrays: infos.map((i) => b.typedArrayFromHeap(i)) };
    },
  };
}

function cpuAccess(backend: unknown): Access {
  const b = backend as CpuBackendLike;
  return {
    read: (t) => b.data.get(t.dataId).values,
    alloc: (shapes) => {
      const arrays = shapes.map((s) => new Float32Array(s.reduce((p, d) => p * d, 1)));
      return { infos: shapes.map((s, i) => b.makeTensorInfo(s, 'float32', arrays[i])), arrays };
    },
  };
}

function transposeInto(src: Arr, dst: Arr, r: number, c: number): void {
  const bs = 32;
  for (let i0 = 0; i0 < r; i0 += bs) {
    const i1 = Math.min(r, i0 + bs);
    for (let j0 = 0; j0 < c; j0 += bs) {
      const j1 = Math.min(c, j0 + bs);
      for (let i = i0; i < i1; i++) {
        const ro = i * c;
        for (let j = j0; j < j1; j++) dst[j * r + i] = src[ro + j];
      }
    }
  }
}

function colSumInto(src: Arr, dst: Arr, r: number, c: number): void {
  dst.fill(0);
  for (let i = 0; i < r; i++) {
    const o = i * c;
    for (let j = 0; j < c; j++) dst[j] += src[o + j];
  }
}

/** Attributes of the fused Adam kernel (bias correction folded into `stepSize` and `epsHat`). */
export interface AdamKernelAttrs {
  stepSize: number;
  epsHat: number;
  beta1: number;
  beta2: number;
}

function adamInto(
  p: Arr,
  g: Arr,
  m: Arr,
  v: Arr,
  po: Arr,
  mo: Arr,
  vo: Arr,
  a: AdamKernelAttrs,
): void {
  const c1 = 1 - a.beta1;
  const c2 = 1 - a.beta2;
  const step = a.stepSize;
  const eps = a.epsHat;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = m[i] + c1 * (gi - m[i]);
    const vi = v[i] + c2 * (gi * gi - v[i]);
    mo[i] = mi;
    vo[i] = vi;
    po[i] = p[i] - (step * mi) / (Math.sqrt(vi) + eps);
  }
}

function register(backendName: string, access: (backend: unknown) => Access): void {
  if (tf.getKernel(TRANSPOSE_2D, backendName)) return;
  tf.registerKernel({
    kernelName: TRANSPOSE_2D,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      const [r, c] = x.shape;
      const io = access(backend);
      const { infos, arrays } = io.alloc([[c, r]]);
      transposeInto(io.read(x), arrays[0], r, c);
      return infos[0];
    },
  });
  tf.registerKernel({
    kernelName: COL_SUM,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      const [r, c] = x.shape;
      const io = access(backend);
      const { infos, arrays } = io.alloc([[c]]);
      colSumInto(io.read(x), arrays[0], r, c);
      return infos[0];
    },
  });
  tf.registerKernel({
    kernelName: ADAM_UPDATE,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { p, g, m, v } = inputs as Record<string, tf.TensorInfo>;
      const io = access(backend);
      const { infos, arrays } = io.alloc([p.shape, p.shape, p.shape]);
      const [po, mo, vo] = arrays;
      adamInto(
        io.read(p),
        io.read(g),
        io.read(m),
        io.read(v),
        po,
        mo,
        vo,
        attrs as unknown as AdamKernelAttrs,
      );
      return infos;
    },
  });
}

let done = false;

/** Registers the custom kernels for `wasm` and `cpu` (idempotent; called by `initBackend`). */
export function registerKernels(): void {
  if (done) return;
  done = true;
  register('wasm', wasmAccess);
  register('cpu', cpuAccess);
}

/** True when the custom kernels run on the active backend. */
export function hasCustomKernels(): boolean {
  return tf.getKernel(TRANSPOSE_2D, tf.getBackend()) !== undefined;
}
