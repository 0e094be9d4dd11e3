import { tf } from '../tf';

// Small custom kernels written in JavaScript for the `wasm` and `cpu` backends. They run on the
// backends' own memory (the wasm heap, the cpu backend's typed arrays), so each replaces one or
// several tfjs kernels without a copy: a cache-blocked 2-D transpose (about 3x faster than the
// wasm Transpose kernel), a fused Adam update (one pass instead of ~12 kernels per variable),
// and BCE/MSE value and gradient (one pass each). Measured against the tfjs ops they replace;
// elementwise activation kernels in JS lost to wasm's SIMD ones and were dropped. Other
// backends use the equivalent tfjs ops (see ops.ts).

/** Kernel names registered by {@link registerKernels}. */
export const TRANSPOSE_2D = 'AdaarTranspose2D';
export const ADAM_UPDATE = 'AdaarAdamUpdate';
export const BCE = 'AdaarBce';
export const BCE_GRAD = 'AdaarBceGrad';
export const MSE = 'AdaarMse';
export const MSE_GRAD = 'AdaarMseGrad';

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

function register(backendName: string, access: (backend: unknown) => Access): void {
  if (tf.getKernel(TRANSPOSE_2D, backendName)) return;
  registerLosses(backendName, access);
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

/** True when the custom kernels run on the active backend. */
export function hasCustomKernels(): boolean {
  return enabled && tf.getKernel(TRANSPOSE_2D, tf.getBackend()) !== undefined;
}
