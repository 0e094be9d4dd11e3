import { AdaarInputError } from '@adaar/data';
import { tf } from '../tf';
import { BCE, BCE_GRAD, hasCustomKernels, MSE, MSE_GRAD } from './kernels';

type Target = tf.Tensor | number;

function targetTensor(t: Target): tf.Tensor {
  return typeof t === 'number' ? tf.scalar(t, 'float32') : t;
}

/** Kernel inputs for a target/weight argument: float32 tensors, or the constant as an attribute. */
function f32(t: tf.Tensor): tf.Tensor {
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

function checkSameSize(pred: tf.Tensor, t: Target, arg: string): void {
  if (typeof t === 'number') {
    if (!Number.isFinite(t)) throw new AdaarInputError(arg, `expected a finite number, got ${t}`);
    return;
  }
  if (t.size !== pred.size) {
    throw new AdaarInputError(arg, `has ${t.size} values, predictions have ${pred.size}`);
  }
}

/**
 * Binary cross-entropy computed from logits, numerically stable for any logit:
 * `mean(w * (softplus(l) - t * l))`. Gradient flows into `logits` only:
 * `w * (sigmoid(l) - t) / n`.
 *
 * @param logits - any shape, e.g. `[n, 1]`.
 * @param targets - same number of values in [0, 1], or one number for all rows (e.g. 1 for "real").
 * @param weights - optional per-value weights (same number of values), default 1. The mean is over
 *   the number of values (Keras' `sum_over_batch_size`), so a weight acts like a row repetition.
 * @returns a scalar.
 * @throws AdaarInputError when sizes differ.
 */
export function bceWithLogits(logits: tf.Tensor, targets: Target, weights?: tf.Tensor): tf.Scalar {
  checkSameSize(logits, targets, 'targets');
  if (weights) checkSameSize(logits, weights, 'weights');
  const n = logits.size;
  // Tensors the gradient needs go through `save` (tf.variableGrads disposes everything else
  // made in the loss closure, e.g. a targets tensor built there, before the backward pass).
  const tIn = typeof targets === 'number' ? null : targets;
  const extraInputs = [...(tIn ? [tIn] : []), ...(weights ? [weights] : [])];
  const unpack = (saved: tf.Tensor[]) => ({
    l: saved[0],
    t: tIn ? saved[1] : null,
    w: weights ? saved[tIn ? 2 : 1] : null,
  });
  if (hasCustomKernels() && logits.dtype === 'float32') {
    const attrs = { target: typeof targets === 'number' ? targets : 0 };
    const ins = (u: ReturnType<typeof unpack>): Record<string, tf.Tensor> => ({
      l: u.l,
      ...(u.t ? { t: f32(u.t) } : {}),
      ...(u.w ? { w: f32(u.w) } : {}),
    });
    const fk = (l: tf.Tensor, save: (t: tf.Tensor[]) => void) => {
      save([l, ...extraInputs]);
      return {
        value: tf.engine().runKernel(BCE, ins(unpack([l, ...extraInputs])), attrs) as tf.Scalar,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
          tf.engine().runKernel(BCE_GRAD, { ...ins(unpack(saved)), dy }, attrs) as tf.Tensor,
        ],
      };
    };
    // biome-ignore lint/suspicious/noExplicitAny: customGrad's typing is for fixed arities.
    return (tf.customGrad(fk as any) as (l: tf.Tensor) => tf.Scalar)(logits);
  }
  const tt = (u: ReturnType<typeof unpack>): tf.Tensor =>
    u.t ? tf.reshape(u.t, u.l.shape) : tf.scalar(targets as number, 'float32');
  const f = (l: tf.Tensor, save: (t: tf.Tensor[]) => void) => {
    save([l, ...extraInputs]);
    const u = unpack([l, ...extraInputs]);
    let per = tf.sub(tf.softplus(l), tf.mul(tt(u), l));
    if (u.w) per = tf.mul(per, tf.reshape(u.w, l.shape));
    return {
      value: tf.mean(per) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const s = unpack(saved);
        let g = tf.mul(tf.sub(tf.sigmoid(s.l), tt(s)), tf.div(dy, n));
        if (s.w) g = tf.mul(g, tf.reshape(s.w, s.l.shape));
        return [g];
      },
    };
  };
  // biome-ignore lint/suspicious/noExplicitAny: customGrad's typing is for fixed arities.
  return (tf.customGrad(f as any) as (l: tf.Tensor) => tf.Scalar)(logits);
}

/**
 * Softmax cross-entropy from logits with log-sum-exp: `mean(logsumexp(l_i) - l_i[y_i])`.
 * Gradient flows into `logits` only: `(softmax(l) - onehot(y)) / n`.
 *
 * @param logits - `[n, C]`.
 * @param labels - class indices (`int32` tensor `[n]` or a number for every row), or target
 *   probabilities `[n, C]` (e.g. one-hot).
 * @returns a scalar.
 * @throws AdaarInputError for mismatched shapes or an out-of-range class number.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor | number): tf.Scalar {
  if (logits.rank !== 2)
    throw new AdaarInputError('logits', `expected [n, C], got [${logits.shape}]`);
  const [n, c] = logits.shape;
  if (typeof labels === 'number') {
    if (!Number.isInteger(labels) || labels < 0 || labels >= c) {
      throw new AdaarInputError('labels', `expected a class index in [0, ${c}), got ${labels}`);
    }
  } else if (labels.rank === 1) {
    if (labels.shape[0] !== n)
      throw new AdaarInputError('labels', `has ${labels.shape[0]} rows, logits ${n}`);
  } else if (labels.rank !== 2 || labels.shape[0] !== n || labels.shape[1] !== c) {
    throw new AdaarInputError(
      'labels',
      `expected [${n}] indices or [${n}, ${c}] probabilities, got [${labels.shape}]`,
    );
  }
  // tf.oneHot(..., 'float32') writes wrong values on wasm (tfjs 4.22): build int32, then cast.
  // The label tensor reaches the gradient through `save` (see bceWithLogits).
  const labelIn = typeof labels === 'number' ? [] : [labels];
  const oneHot = (lab: tf.Tensor | undefined): tf.Tensor2D => {
    if (lab === undefined) {
      return tf.cast(
        tf.oneHot(tf.fill([n], labels as number, 'int32') as tf.Tensor1D, c),
        'float32',
      ) as tf.Tensor2D;
    }
    if (lab.rank === 1) {
      return tf.cast(tf.oneHot(tf.cast(lab, 'int32') as tf.Tensor1D, c), 'float32') as tf.Tensor2D;
    }
    return lab as tf.Tensor2D;
  };
  const f = (l: tf.Tensor2D, save: (t: tf.Tensor[]) => void) => {
    save([l, ...labelIn]);
    const lse = tf.logSumExp(l, 1);
    const picked = tf.sum(tf.mul(l, oneHot(labelIn[0])), 1);
    return {
      value: tf.mean(tf.sub(lse, picked)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.mul(tf.sub(tf.softmax(saved[0]), oneHot(saved[1])), tf.div(dy, n)),
      ],
    };
  };
  // biome-ignore lint/suspicious/noExplicitAny: customGrad's typing is for fixed arities.
  return (tf.customGrad(f as any) as (l: tf.Tensor2D) => tf.Scalar)(logits);
}

/**
 * Mean squared error `mean((p - t)^2)` over all values. Gradient flows into `predictions` only:
 * `2 (p - t) / n`.
 *
 * @param targets - same number of values, or one number.
 * @returns a scalar.
 * @throws AdaarInputError when sizes differ.
 */
export function mse(predictions: tf.Tensor, targets: Target): tf.Scalar {
  checkSameSize(predictions, targets, 'targets');
  const n = predictions.size;
  const tIn = typeof targets === 'number' ? [] : [targets];
  if (hasCustomKernels() && predictions.dtype === 'float32') {
    const ins = (p: tf.Tensor, t: tf.Tensor | undefined): Record<string, tf.Tensor> =>
      t ? { p, t: f32(t) } : { p };
    const attrs = { target: typeof targets === 'number' ? targets : 0 };
    const fk = (p: tf.Tensor, save: (t: tf.Tensor[]) => void) => {
      save([p, ...tIn]);
      return {
        value: tf.engine().runKernel(MSE, ins(p, tIn[0]), attrs) as tf.Scalar,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
          tf.engine().runKernel(MSE_GRAD, { ...ins(saved[0], saved[1]), dy }, attrs) as tf.Tensor,
        ],
      };
    };
    // biome-ignore lint/suspicious/noExplicitAny: customGrad's typing is for fixed arities.
    return (tf.customGrad(fk as any) as (p: tf.Tensor) => tf.Scalar)(predictions);
  }
  const f = (p: tf.Tensor, save: (t: tf.Tensor[]) => void) => {
    const t = tf.reshape(targetTensor(targets), typeof targets === 'number' ? [] : p.shape);
    const diff = tf.sub(p, t);
    save([diff]);
    return {
      value: tf.mean(tf.square(diff)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(saved[0], tf.div(tf.mul(dy, 2), n))],
    };
  };
  // biome-ignore lint/suspicious/noExplicitAny: customGrad's typing is for fixed arities.
  return (tf.customGrad(f as any) as (p: tf.Tensor) => tf.Scalar)(predictions);
}
