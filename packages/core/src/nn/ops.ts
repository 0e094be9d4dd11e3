import { tf } from '../tf';
import type { Activation, LeakyReluActivation } from './activation';
import {
  ACT_GRAD,
  type ActGradAttrs,
  ADAM_UPDATE,
  GEMM,
  type GemmAttrs,
  hasCustomKernels,
  LEAKY_RELU,
  simdGemmReady,
  TRANSPOSE_2D,
} from './kernels';

/** `x^T` for a matrix, materialised (a plain matMul on it is much faster on wasm than a flagged one). */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  if (hasCustomKernels() && x.dtype === 'float32') {
    return tf.engine().runKernel(TRANSPOSE_2D, { x }, {}) as tf.Tensor2D;
  }
  return tf.transpose(x);
}

/**
 * `a b` (or `a^T b` with `transposeA`, `a` then being `[K, M]`) for float32 matrices, through
 * adaar's unpacked SIMD GEMM on wasm when `b` has a multiple of 4 columns (tfjs-wasm's matMul
 * packs its right operand into a new XNNPACK operator for every new tensor, which costs as much
 * as a third of the product at these sizes), else a plain matMul on a materialised transpose.
 */
export function matMul2d(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  transposeA = false,
  bias: tf.Tensor1D | null = null,
  act: 'linear' | 'relu' | LeakyReluActivation = 'linear',
): tf.Tensor2D {
  const f32 = a.dtype === 'float32' && b.dtype === 'float32';
  if (b.shape[1] % 4 === 0 && f32 && simdGemmReady()) {
    const attrs: GemmAttrs =
      act === 'linear'
        ? { transposeA, act: 0, alpha: 0 }
        : act === 'relu'
          ? { transposeA, act: 1, alpha: 0 }
          : { transposeA, act: 2, alpha: act.alpha };
    const inputs: Record<string, tf.Tensor> = bias ? { a, b, bias } : { a, b };
    return tf.engine().runKernel(GEMM, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
  }
  const oneColumnGrad = transposeA && b.shape[1] === 1 && !bias && act === 'linear';
  if (oneColumnGrad && a.shape[1] % 4 === 0 && f32 && simdGemmReady()) {
    // a^T b for a one-column b (a weight gradient into a single output unit): (b^T a)^T, where
    // both transposes of a vector are reshapes.
    const [k, m] = a.shape;
    const row = matMul2d(tf.reshape(b, [1, k]) as tf.Tensor2D, a);
    return tf.reshape(row, [m, 1]) as tf.Tensor2D;
  }
  const ab = tf.matMul(transposeA ? transpose2d(a) : a, b);
  const z = bias ? tf.add(ab, bias) : ab;
  if (act === 'linear') return z as tf.Tensor2D;
  return (act === 'relu' ? tf.relu(z) : tf.mul(z, tf.step(z, act.alpha))) as tf.Tensor2D;
}

/** Column sums of a matrix as a vector (the bias gradient of a dense layer). */
export function colSum(x: tf.Tensor2D): tf.Tensor1D {
  // ones[1, n] x: a tiny matMul is ~15x faster on wasm than tf.sum over axis 0.
  const [n, c] = x.shape;
  return tf.reshape(tf.matMul(tf.ones([1, n]) as tf.Tensor2D, x), [c]);
}

/**
 * `x W (+ b)` with a fused epilogue, through the `_FusedMatMul` kernel directly: `tf.fused.matMul`
 * refuses to fuse an activation while gradients are recorded, but the callers here (the forward
 * pass of an Mlp's custom gradient, or inference) never need tfjs' gradient of it.
 */
function fusedKernel(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D | null,
  activation: 'linear' | 'relu' | 'sigmoid',
): tf.Tensor2D {
  const [n, k] = x.shape;
  const u = w.shape[1];
  const inputs: Record<string, tf.Tensor> = {
    a: tf.reshape(x, [1, n, k]),
    b: tf.reshape(w, [1, k, u]),
  };
  if (b) inputs.bias = b;
  const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
  const out = tf.engine().runKernel('_FusedMatMul', inputs, attrs) as tf.Tensor;
  return tf.reshape(out, [n, u]);
}

/** `act(x W + b)` in as few kernels as the backend allows. */
export function denseForward(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D | null,
  act: Activation,
): tf.Tensor2D {
  if (w.shape[1] % 4 === 0 && x.dtype === 'float32' && simdGemmReady()) {
    if (act === 'tanh') return tf.tanh(matMul2d(x, w, false, b));
    if (act === 'sigmoid') return tf.sigmoid(matMul2d(x, w, false, b));
    return matMul2d(x, w, false, b, act);
  }
  if (hasCustomKernels() && x.dtype === 'float32') {
    if (act === 'relu' || act === 'sigmoid' || act === 'linear') return fusedKernel(x, w, b, act);
    const z = fusedKernel(x, w, b, 'linear');
    if (act === 'tanh') return tf.tanh(z);
    return tf.engine().runKernel(LEAKY_RELU, { x: z }, { alpha: act.alpha }) as tf.Tensor2D;
  }
  if (act === 'tanh') {
    const z = b ? tf.fused.matMul({ a: x, b: w, bias: b }) : tf.matMul(x, w);
    return tf.tanh(z) as tf.Tensor2D;
  }
  if (act === 'linear') {
    return (b ? tf.fused.matMul({ a: x, b: w, bias: b }) : tf.matMul(x, w)) as tf.Tensor2D;
  }
  if (act === 'relu' || act === 'sigmoid') {
    return tf.fused.matMul({
      a: x,
      b: w,
      ...(b ? { bias: b } : {}),
      activation: act,
    }) as tf.Tensor2D;
  }
  const z = (b ? tf.fused.matMul({ a: x, b: w, bias: b }) : tf.matMul(x, w)) as tf.Tensor2D;
  return tf.mul(z, tf.step(z, act.alpha)) as tf.Tensor2D;
}

/** Gradient w.r.t. the pre-activation, given the activation's output `a` and upstream `dy`. */
export function activationBackward(dy: tf.Tensor2D, a: tf.Tensor2D, act: Activation): tf.Tensor2D {
  if (act === 'linear') return dy;
  if (act === 'relu') return tf.mul(dy, tf.step(a, 0));
  if (act === 'tanh') return tf.mul(dy, tf.sub(1, tf.square(a)));
  if (act === 'sigmoid') return tf.mul(dy, tf.mul(a, tf.sub(1, a)));
  return tf.mul(dy, tf.step(a, act.alpha));
}

/**
 * The pre-activation gradient `dz` of a dense layer and, when `bias`, its bias gradient (the
 * column sums of `dz`), in one pass where the custom kernels run.
 */
export function denseBackward(
  dy: tf.Tensor2D,
  a: tf.Tensor2D,
  act: Activation,
  bias: boolean,
): { dz: tf.Tensor2D; db: tf.Tensor1D | null } {
  if (hasCustomKernels() && dy.dtype === 'float32' && a.dtype === 'float32') {
    if (act === 'linear') {
      if (!bias) return { dz: dy, db: null };
      const attrs: ActGradAttrs = { kind: 3, alpha: 0, withSum: true };
      const out = tf
        .engine()
        .runKernel(ACT_GRAD, { dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      return { dz: dy, db: out[0] as tf.Tensor1D };
    }
    const attrs: ActGradAttrs = {
      kind: act === 'tanh' ? 1 : act === 'sigmoid' ? 2 : 0,
      alpha: act === 'relu' ? 0 : typeof act === 'object' ? act.alpha : 0,
      withSum: bias,
    };
    const out = tf
      .engine()
      .runKernel(ACT_GRAD, { dy, a }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    return { dz: out[0] as tf.Tensor2D, db: bias ? (out[1] as tf.Tensor1D) : null };
  }
  const dz = activationBackward(dy, a, act);
  return { dz, db: bias ? colSum(dz) : null };
}

/** Scalars of one Adam update (bias correction folded in). */
export interface AdamScalars {
  /** Effective step `lr * sqrt(1 - beta2^t) / (1 - beta1^t)`. */
  readonly stepSize: number;
  /** Effective epsilon `eps * sqrt(1 - beta2^t)`. */
  readonly epsHat: number;
  readonly beta1: number;
  readonly beta2: number;
}

/**
 * One Adam update of `params` in place (their values, first and second moments):
 * `m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2; p <- p - stepSize * m / (sqrt(v) + epsHat)`,
 * which equals `p - lr * mHat / (sqrt(vHat) + eps)` with bias-corrected moments.
 */
export function adamUpdate(
  params: readonly tf.Variable[],
  grads: readonly tf.Tensor[],
  ms: readonly tf.Variable[],
  vs: readonly tf.Variable[],
  s: AdamScalars,
): void {
  if (hasCustomKernels()) {
    const inputs: Record<string, tf.Tensor> = {};
    params.forEach((p, i) => {
      inputs[`p${i}`] = p;
      inputs[`g${i}`] = grads[i];
      inputs[`m${i}`] = ms[i];
      inputs[`v${i}`] = vs[i];
    });
    const outs = tf
      .engine()
      .runKernel(ADAM_UPDATE, inputs, { ...s, count: params.length }) as tf.Tensor[];
    params.forEach((p, i) => {
      p.assign(outs[3 * i]);
      ms[i].assign(outs[3 * i + 1]);
      vs[i].assign(outs[3 * i + 2]);
    });
    tf.dispose(outs);
    return;
  }
  tf.tidy(() => {
    const c1 = tf.scalar(1 - s.beta1);
    const c2 = tf.scalar(1 - s.beta2);
    const step = tf.scalar(s.stepSize);
    const eps = tf.scalar(s.epsHat);
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const m = tf.add(ms[i], tf.mul(c1, tf.sub(g, ms[i])));
      const v = tf.add(vs[i], tf.mul(c2, tf.sub(tf.square(g), vs[i])));
      const p = tf.sub(params[i], tf.mul(step, tf.div(m, tf.add(tf.sqrt(v), eps))));
      ms[i].assign(m);
      vs[i].assign(v);
      params[i].assign(p);
    }
  });
}
