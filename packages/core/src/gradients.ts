import { tf } from './tf';

// tfjs-core alone ships no gradient definitions (the `@tensorflow/tfjs` bundle registers them).
// adaar registers its own for the ops a loss is usually built from, so that the light
// tfjs-core + backend packages suffice. Ops already registered (e.g. by tfjs-node, which loads
// the full bundle) are left alone.

type Grads = Record<string, () => tf.Tensor>;
type Saved = tf.Tensor[];
type Attrs = Record<string, unknown>;

/** Sums `dx` over the axes that were broadcast so it gets `shape` again. */
function unbroadcast(dx: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dx.shape);
  const r = axes.length > 0 ? tf.sum(dx, axes) : dx;
  return tf.reshape(r, shape);
}

function axesOf(axis: unknown, rank: number): number[] {
  return tf.util.parseAxisParam(axis as number | number[], new Array(rank).fill(0));
}

/** Reshapes a reduced gradient so it broadcasts back over the reduced axes. */
function expandReduced(dy: tf.Tensor, xShape: number[], axes: number[]): tf.Tensor {
  const shape = xShape.map((d, i) => (axes.includes(i) ? 1 : d));
  return tf.reshape(dy, shape);
}

function binary(
  name: string,
  f: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => [tf.Tensor, tf.Tensor],
): tf.GradConfig {
  return {
    kernelName: name,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved): Grads => {
      const [a, b] = saved;
      const d = dy as tf.Tensor;
      return {
        a: () => unbroadcast(f(d, a, b)[0], a.shape),
        b: () => unbroadcast(f(d, a, b)[1], b.shape),
      };
    },
  };
}

function unary(
  name: string,
  f: (dy: tf.Tensor, x: tf.Tensor, attrs: Attrs) => tf.Tensor,
): tf.GradConfig {
  return {
    kernelName: name,
    inputsToSave: ['x'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved, attrs: Attrs): Grads => ({
      x: () => f(dy as tf.Tensor, saved[0], attrs),
    }),
  };
}

function unaryOut(name: string, f: (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return {
    kernelName: name,
    outputsToSave: [true],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved): Grads => ({
      x: () => f(dy as tf.Tensor, saved[0]),
    }),
  };
}

const configs: tf.GradConfig[] = [
  binary('Add', (dy) => [dy, dy]),
  binary('Sub', (dy) => [dy, tf.neg(dy)]),
  binary('Multiply', (dy, a, b) => [
    tf.mul(dy, tf.cast(b, 'float32')),
    tf.mul(dy, tf.cast(a, 'float32')),
  ]),
  binary('RealDiv', (dy, a, b) => [tf.div(dy, b), tf.neg(tf.div(tf.mul(dy, a), tf.square(b)))]),
  binary('SquaredDifference', (dy, a, b) => {
    const g = tf.mul(dy, tf.mul(2, tf.sub(a, b)));
    return [g, tf.neg(g)];
  }),
  binary('Maximum', (dy, a, b) => {
    const m = tf.cast(tf.greaterEqual(a, b), 'float32');
    return [tf.mul(dy, m), tf.mul(dy, tf.sub(1, m))];
  }),
  binary('Minimum', (dy, a, b) => {
    const m = tf.cast(tf.lessEqual(a, b), 'float32');
    return [tf.mul(dy, m), tf.mul(dy, tf.sub(1, m))];
  }),
  {
    kernelName: 'AddN',
    saveAllInputs: true,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved): Grads => {
      const out: Grads = {};
      saved.forEach((_, i) => {
        out[i] = () => tf.clone(dy as tf.Tensor);
      });
      return out;
    },
  },
  unary('Neg', (dy) => tf.neg(dy)),
  unary('Identity', (dy) => tf.clone(dy)),
  unary('Cast', (dy) => tf.clone(dy)),
  unary('Reshape', (dy, x) => tf.reshape(dy, x.shape)),
  unary('Square', (dy, x) => tf.mul(dy, tf.mul(2, x))),
  unary('Log', (dy, x) => tf.div(dy, x)),
  unary('Log1p', (dy, x) => tf.div(dy, tf.add(1, x))),
  unary('Abs', (dy, x) => tf.mul(dy, tf.sign(x))),
  unary('Softplus', (dy, x) => tf.mul(dy, tf.sigmoid(x))),
  unary('Relu', (dy, x) => tf.mul(dy, tf.step(x, 0))),
  unary('LeakyRelu', (dy, x, attrs) => tf.mul(dy, tf.step(x, attrs.alpha as number))),
  unary('ClipByValue', (dy, x, attrs) => {
    const inside = tf.logicalAnd(
      tf.greaterEqual(x, attrs.clipValueMin as number),
      tf.lessEqual(x, attrs.clipValueMax as number),
    );
    return tf.where(inside, dy, tf.zerosLike(dy));
  }),
  unaryOut('Exp', (dy, y) => tf.mul(dy, y)),
  unaryOut('Sqrt', (dy, y) => tf.div(dy, tf.mul(2, y))),
  unaryOut('Sigmoid', (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  unaryOut('Tanh', (dy, y) => tf.mul(dy, tf.sub(1, tf.square(y)))),
  unary('Sum', (dy, x, attrs) => {
    const axes = axesOf(attrs.axis, x.rank);
    return tf.mul(expandReduced(dy, x.shape, axes), tf.onesLike(x));
  }),
  unary('Mean', (dy, x, attrs) => {
    const axes = axesOf(attrs.axis, x.rank);
    const n = axes.reduce((s, a) => s * x.shape[a], 1);
    return tf.div(tf.mul(expandReduced(dy, x.shape, axes), tf.onesLike(x)), n);
  }),
  {
    kernelName: 'Max',
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved, attrs: Attrs): Grads => {
      const [x, y] = saved;
      const axes = axesOf(attrs.reductionIndices, x.rank);
      const yb = expandReduced(y, x.shape, axes);
      const mask = tf.cast(tf.equal(x, yb), 'float32');
      return { x: () => tf.mul(expandReduced(dy as tf.Tensor, x.shape, axes), mask) };
    },
  },
  unary('Slice', (dy, x, attrs) => {
    const begin = attrs.begin as number[] | number;
    const [b] = tf.slice_util.parseSliceParams(x, begin, attrs.size as number[] | number);
    const pads = x.shape.map((d, i) => [b[i], d - b[i] - (dy.shape[i] ?? 0)] as [number, number]);
    return tf.pad(dy, pads);
  }),
  {
    kernelName: 'Concat',
    saveAllInputs: true,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved, attrs: Attrs): Grads => {
      const axis = tf.util.parseAxisParam(attrs.axis as number, saved[0].shape)[0];
      const parts = tf.split(
        dy as tf.Tensor,
        saved.map((t) => t.shape[axis]),
        axis,
      );
      const out: Grads = {};
      parts.forEach((p, i) => {
        out[i] = () => p;
      });
      return out;
    },
  },
  unary('Transpose', (dy, _x, attrs) => {
    const perm = attrs.perm as number[];
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => {
      inv[p] = i;
    });
    return tf.transpose(dy, inv);
  }),
  {
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved, attrs: Attrs): Grads => {
      const [a, b] = saved;
      const d = dy as tf.Tensor;
      const ta = attrs.transposeA as boolean;
      const tb = attrs.transposeB as boolean;
      // Rank 2: materialised transposes, since flag-free matMuls are much faster on wasm.
      const mm = (x: tf.Tensor, y: tf.Tensor, tx: boolean, ty: boolean): tf.Tensor =>
        x.rank === 2 && y.rank === 2
          ? tf.matMul(
              (tx ? tf.transpose(x) : x) as tf.Tensor2D,
              (ty ? tf.transpose(y) : y) as tf.Tensor2D,
            )
          : tf.matMul(x, y, tx, ty);
      return {
        a: () => (ta ? mm(b, d, tb, true) : mm(d, b, false, !tb)),
        b: () => (tb ? mm(d, a, true, ta) : mm(a, d, !ta, false)),
      };
    },
  },
  {
    kernelName: 'Select',
    inputsToSave: ['condition'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: Saved): Grads => {
      const [c] = saved;
      const d = dy as tf.Tensor;
      return {
        condition: () => tf.zerosLike(c),
        t: () => tf.where(c, d, tf.zerosLike(d)),
        e: () => tf.where(c, tf.zerosLike(d), d),
      };
    },
  },
];

let registered = false;

/**
 * Registers adaar's gradient definitions for the common ops (add, sub, mul, div, neg, square,
 * sqrt, exp, log, log1p, abs, sum, mean, max, reshape, cast, identity, concat, slice, transpose,
 * matMul, addN, maximum, minimum, clipByValue, where, relu, leakyRelu, sigmoid, softplus, tanh).
 * Idempotent; skips ops that already have a gradient. Called by `initBackend`.
 */
export function registerGradients(): void {
  if (registered) return;
  registered = true;
  for (const c of configs) {
    if (!tf.getGradient(c.kernelName)) tf.registerGradient(c);
  }
}
