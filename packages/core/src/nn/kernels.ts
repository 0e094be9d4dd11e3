import { tf } from '../tf';
import { type NnKernelFns, nnKernelFor } from './nnKernel';

// Small custom kernels for the `wasm` and `cpu` backends. They run on the backends' own memory
// (the wasm heap, the cpu backend's typed arrays), so each replaces one or several tfjs kernels
// without a copy: a 2-D transpose, a fused Adam update (one pass instead of ~12 kernels per
// variable), an activation gradient fused with the bias gradient (column sums), leaky ReLU, and
// BCE/MSE value and gradient. On wasm the hot ones (transpose, Adam, activation gradients, leaky
// ReLU) run as WebAssembly SIMD (nnKernelWat.ts) on the tfjs-wasm heap itself; the cpu backend
// and runtimes without SIMD use the JavaScript loops below. Other backends use the equivalent
// tfjs ops (see ops.ts).

/** Kernel names registered by {@link registerKernels}. */
export const TRANSPOSE_2D = 'AdaarTranspose2D';
export const ADAM_UPDATE = 'AdaarAdamUpdate';
export const BCE = 'AdaarBce';
export const BCE_GRAD = 'AdaarBceGrad';
export const MSE = 'AdaarMse';
export const MSE_GRAD = 'AdaarMseGrad';
export const ACT_GRAD = 'AdaarActGrad';
export const LEAKY_RELU = 'AdaarLeakyRelu';
export const GEMM = 'AdaarGemm';

type Arr = Float32Array;
interface Access {
  /** The WebAssembly SIMD kernels and heap offsets (wasm backend only), or null. */
  simd: Simd | null;
  read(t: tf.TensorInfo): Arr;
  /** Allocates outputs, then returns their arrays (allocating may move the wasm heap). */
  alloc(shapes: number[][]): { infos: tf.TensorInfo[]; arrays: Arr[] };
}

interface Simd {
  fns: NnKernelFns;
  /** Heap byte offset of a tensor's data. */
  ptr(t: tf.TensorInfo): number;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Arr;
  wasm: { asm?: { memory?: object } };
  dataIdMap: { get(id: unknown): { memoryOffset: number } };
}

let simdEnabled = true;

function wasmSimd(b: WasmBackendLike): Simd | null {
  const memory = simdEnabled ? b.wasm.asm?.memory : undefined;
  const fns = memory ? nnKernelFor(memory) : null;
  return fns ? { fns, ptr: (t) => b.dataIdMap.get(t.dataId).memoryOffset } : null;
}
interface CpuBackendLike {
  data: { get(id: unknown): { values: Arr } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Arr): tf.TensorInfo;
}

function wasmAccess(backend: unknown): Access {
  const b = backend as WasmBackendLike;
  return {
    simd: wasmSimd(b),
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
    simd: null,
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

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Loss kernels' attribute: the constant target used when no `t` input is given. */
interface TargetAttr {
  target: number;
}

type Inputs = Record<string, tf.TensorInfo | undefined>;

function registerLosses(backendName: string, access: (backend: unknown) => Access): void {
  const scalarOut = (io: Access, v: number) => {
    const { infos, arrays } = io.alloc([[]]);
    arrays[0][0] = v;
    return infos[0];
  };
  tf.registerKernel({
    kernelName: BCE,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { l, t, w } = inputs as Inputs;
      const io = access(backend);
      const lv = io.read(l as tf.TensorInfo);
      const tv = t ? io.read(t) : null;
      const wv = w ? io.read(w) : null;
      const c = (attrs as unknown as TargetAttr).target;
      let sum = 0;
      for (let i = 0; i < lv.length; i++) {
        const li = lv[i];
        const per = softplus(li) - (tv ? tv[i] : c) * li;
        sum += wv ? wv[i] * per : per;
      }
      return scalarOut(io, sum / lv.length);
    },
  });
  tf.registerKernel({
    kernelName: BCE_GRAD,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { l, t, w, dy } = inputs as Inputs;
      const io = access(backend);
      const li = l as tf.TensorInfo;
      const { infos, arrays } = io.alloc([li.shape]);
      const lv = io.read(li);
      const tv = t ? io.read(t) : null;
      const wv = w ? io.read(w) : null;
      const c = (attrs as unknown as TargetAttr).target;
      const scale = io.read(dy as tf.TensorInfo)[0] / lv.length;
      const out = arrays[0];
      for (let i = 0; i < lv.length; i++) {
        const x = lv[i];
        const sig = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
        const g = (sig - (tv ? tv[i] : c)) * scale;
        out[i] = wv ? wv[i] * g : g;
      }
      return infos[0];
    },
  });
  tf.registerKernel({
    kernelName: MSE,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { p, t } = inputs as Inputs;
      const io = access(backend);
      const pv = io.read(p as tf.TensorInfo);
      const tv = t ? io.read(t) : null;
      const c = (attrs as unknown as TargetAttr).target;
      let sum = 0;
      for (let i = 0; i < pv.length; i++) {
        const d = pv[i] - (tv ? tv[i] : c);
        sum += d * d;
      }
      return scalarOut(io, sum / pv.length);
    },
  });
  tf.registerKernel({
    kernelName: MSE_GRAD,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { p, t, dy } = inputs as Inputs;
      const io = access(backend);
      const pi = p as tf.TensorInfo;
      const { infos, arrays } = io.alloc([pi.shape]);
      const pv = io.read(pi);
      const tv = t ? io.read(t) : null;
      const c = (attrs as unknown as TargetAttr).target;
      const scale = (2 * io.read(dy as tf.TensorInfo)[0]) / pv.length;
      const out = arrays[0];
      for (let i = 0; i < pv.length; i++) out[i] = (pv[i] - (tv ? tv[i] : c)) * scale;
      return infos[0];
    },
  });
}

/** Attributes of {@link ACT_GRAD}: activation kind, leaky slope, whether to sum columns. */
export interface ActGradAttrs {
  /** 0 leaky ReLU (ReLU: alpha 0), 1 tanh, 2 sigmoid, 3 linear (column sums of dy only). */
  kind: 0 | 1 | 2 | 3;
  alpha: number;
  withSum: boolean;
}

const SIMD_GRADS = ['grad_leaky', 'grad_tanh', 'grad_sigmoid', 'colsum'] as const;

function actGradInto(
  g: Arr,
  a: Arr | null,
  dz: Arr | null,
  sum: Arr | null,
  c: number,
  at: ActGradAttrs,
): void {
  const alpha = at.alpha;
  for (let i = 0; i < g.length; i++) {
    const gi = g[i];
    let d = gi;
    if (a) {
      const ai = a[i];
      d =
        at.kind === 0
          ? ai > 0
            ? gi
            : gi * alpha
          : at.kind === 1
            ? gi * (1 - ai * ai)
            : gi * (ai * (1 - ai));
    }
    if (dz) dz[i] = d;
    if (sum) sum[i % c] += d;
  }
}

function registerActivations(backendName: string, access: (backend: unknown) => Access): void {
  // Inputs dy [n, c] and a [n, c] (not for kind 3); outputs dz (not for kind 3), then the column
  // sums [c] when withSum (always for kind 3).
  tf.registerKernel({
    kernelName: ACT_GRAD,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { dy, a } = inputs as Inputs;
      const at = attrs as unknown as ActGradAttrs;
      const g = dy as tf.TensorInfo;
      const [n, c] = g.shape;
      const io = access(backend);
      const linear = at.kind === 3;
      const shapes: number[][] = [];
      if (!linear) shapes.push(g.shape);
      if (linear || at.withSum) shapes.push([c]);
      const { infos, arrays } = io.alloc(shapes);
      const dzInfo = linear ? null : infos[0];
      const sumInfo = linear || at.withSum ? infos[infos.length - 1] : null;
      if (io.simd) {
        const { fns, ptr } = io.simd;
        fns[SIMD_GRADS[at.kind]](
          ptr(g),
          a ? ptr(a) : 0,
          dzInfo ? ptr(dzInfo) : 0,
          sumInfo ? ptr(sumInfo) : 0,
          n,
          c,
          at.alpha,
        );
        return infos;
      }
      const sum = sumInfo ? arrays[arrays.length - 1] : null;
      if (sum) sum.fill(0);
      actGradInto(
        io.read(g),
        a && !linear ? io.read(a) : null,
        dzInfo ? arrays[0] : null,
        sum,
        c,
        at,
      );
      return infos;
    },
  });
  tf.registerKernel({
    kernelName: LEAKY_RELU,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = inputs.x as tf.TensorInfo;
      const alpha = (attrs as unknown as { alpha: number }).alpha;
      const io = access(backend);
      const { infos, arrays } = io.alloc([x.shape]);
      if (io.simd) {
        io.simd.fns.leaky(io.simd.ptr(x), io.simd.ptr(infos[0]), arrays[0].length, alpha);
        return infos[0];
      }
      const xv = io.read(x);
      const y = arrays[0];
      for (let i = 0; i < xv.length; i++) y[i] = xv[i] > 0 ? xv[i] : alpha * xv[i];
      return infos[0];
    },
  });
}

/** Attributes of {@link GEMM}. */
export interface GemmAttrs {
  /** `a` is stored transposed (`[K, M]`): computes `a^T b`. */
  transposeA: boolean;
  /** Output activation: 0 identity, 1 ReLU, 2 leaky ReLU with slope `alpha`. */
  act: 0 | 1 | 2;
  alpha: number;
}

// C = act(A B (+ bias)) on the wasm heap without packing (wasm backend with SIMD only; see
// simdGemmReady). Inputs a [M, K] (or [K, M] with transposeA), b [K, N] with N % 4 == 0, bias [N].
function registerGemm(): void {
  tf.registerKernel({
    kernelName: GEMM,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b, bias } = inputs as Inputs;
      const at = attrs as unknown as GemmAttrs;
      const ai = a as tf.TensorInfo;
      const bi = b as tf.TensorInfo;
      const [k, n] = bi.shape;
      const m = at.transposeA ? ai.shape[1] : ai.shape[0];
      const ka = at.transposeA ? ai.shape[0] : ai.shape[1];
      if (ka !== k || n % 4 !== 0 || (bias && bias.shape[0] !== n)) {
        throw new Error(
          `${GEMM}: bad shapes a [${ai.shape}]${at.transposeA ? '^T' : ''}, b [${bi.shape}], bias [${bias?.shape ?? ''}]`,
        );
      }
      const io = wasmAccess(backend);
      if (!io.simd) throw new Error(`${GEMM}: WebAssembly SIMD kernels are not available`);
      const { infos } = io.alloc([[m, n]]);
      const { fns, ptr } = io.simd;
      (at.transposeA ? fns.gemm_tn : fns.gemm_nn)(
        ptr(ai),
        ptr(bi),
        ptr(infos[0]),
        bias ? ptr(bias) : 0,
        m,
        k,
        n,
        at.act,
        at.alpha,
      );
      return infos[0];
    },
  });
}

function register(backendName: string, access: (backend: unknown) => Access): void {
  if (tf.getKernel(TRANSPOSE_2D, backendName)) return;
  registerLosses(backendName, access);
  registerActivations(backendName, access);
  tf.registerKernel({
    kernelName: TRANSPOSE_2D,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      const [r, c] = x.shape;
      const io = access(backend);
      const { infos, arrays } = io.alloc([[c, r]]);
      if (io.simd) io.simd.fns.transpose(io.simd.ptr(x), io.simd.ptr(infos[0]), r, c);
      else transposeInto(io.read(x), arrays[0], r, c);
      return infos[0];
    },
  });
  // Inputs p0, g0, m0, v0, p1, g1, ... (attrs.count variables); outputs p0', m0', v0', p1', ...
  tf.registerKernel({
    kernelName: ADAM_UPDATE,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const ins = inputs as Record<string, tf.TensorInfo>;
      const a = attrs as unknown as AdamKernelAttrs & { count: number };
      const io = access(backend);
      const shapes: number[][] = [];
      for (let k = 0; k < a.count; k++) {
        const shape = ins[`p${k}`].shape;
        shapes.push(shape, shape, shape);
      }
      const { infos, arrays } = io.alloc(shapes);
      const simd = io.simd;
      if (simd) {
        for (let k = 0; k < a.count; k++) {
          const ptr = (name: string) => simd.ptr(ins[`${name}${k}`]);
          simd.fns.adam(
            ptr('p'),
            ptr('g'),
            ptr('m'),
            ptr('v'),
            simd.ptr(infos[3 * k]),
            simd.ptr(infos[3 * k + 1]),
            simd.ptr(infos[3 * k + 2]),
            ins[`p${k}`].shape.reduce((p, d) => p * d, 1),
            a.stepSize,
            a.epsHat,
            1 - a.beta1,
            1 - a.beta2,
          );
        }
        return infos;
      }
      for (let k = 0; k < a.count; k++) {
        const read = (name: string) => io.read(ins[`${name}${k}`]);
        adamInto(
          read('p'),
          read('g'),
          read('m'),
          read('v'),
          arrays[3 * k],
          arrays[3 * k + 1],
          arrays[3 * k + 2],
          a,
        );
      }
      return infos;
    },
  });
}

interface RefCounting {
  incRef(dataId: unknown): void;
}

/**
 * `Identity` (used by `tf.clone` and by `tf.customGrad` to save tensors for the backward pass)
 * copies the buffer on wasm; tensors are immutable, so sharing it with a reference count (what
 * the cpu backend and wasm's own Reshape do) is equivalent and free.
 */
let identityShared = false;

function registerSharedIdentity(): void {
  const old = tf.getKernel('Identity', 'wasm');
  if (!old || identityShared) return;
  identityShared = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      if (x.dtype === 'string') return old.kernelFunc(args);
      (args.backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

/**
 * Registers the custom kernels for `wasm` and `cpu` (idempotent; called by `initBackend` after
 * loading a backend, since the wasm Identity override needs the wasm kernels registered first).
 */
export function registerKernels(): void {
  if (!tf.getKernel(GEMM, 'wasm')) registerGemm();
  register('wasm', wasmAccess);
  register('cpu', cpuAccess);
  registerSharedIdentity();
}

let enabled = true;

/**
 * Switches the custom kernels off (plain tfjs ops everywhere, as on the tensorflow backend) or
 * back on. For tests and comparisons; not part of the public API.
 */
export function useCustomKernels(on: boolean): void {
  enabled = on;
}

/**
 * Switches the WebAssembly SIMD versions of the wasm custom kernels off (their JavaScript loops
 * run instead) or back on. For tests and comparisons; not part of the public API.
 */
export function useSimdKernels(on: boolean): void {
  simdEnabled = on;
}

/** True when {@link GEMM} runs on the active backend (wasm with WebAssembly SIMD). */
export function simdGemmReady(): boolean {
  if (!enabled || !simdEnabled || tf.getBackend() !== 'wasm') return false;
  return wasmSimd(tf.backend() as unknown as WasmBackendLike) !== null;
}

/** True when the custom kernels run on the active backend. */
export function hasCustomKernels(): boolean {
  return enabled && tf.getKernel(TRANSPOSE_2D, tf.getBackend()) !== undefined;
}
