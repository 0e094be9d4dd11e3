import { AdaarInputError } from '@adaar/data';
import { tf } from '../tf';
import { adamUpdate } from './ops';

/** Anything with trainable variables (an {@link Mlp}, or a plain `{ variables }` object). */
export interface Trainable {
  readonly variables: readonly tf.Variable[];
}

/** Options of {@link Adam}; defaults are Keras'/PyTorch's. */
export interface AdamOptions {
  /** Learning rate, default 1e-3. */
  readonly learningRate?: number;
  /** First-moment decay, default 0.9. */
  readonly beta1?: number;
  /** Second-moment decay, default 0.999. */
  readonly beta2?: number;
  /** Denominator constant, default 1e-7 (Keras). */
  readonly epsilon?: number;
}

/**
 * Adam with bias correction (Kingma & Ba 2015) bound to one network (or a fixed group, e.g.
 * encoder + decoder): it only ever updates the variables it was created with, whatever else the
 * loss touches.
 * `m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2; p <- p - lr * mHat / (sqrt(vHat) + eps)`.
 *
 * @example
 * ```ts
 * const opt = new Adam(net, { learningRate: 1e-3 });
 * const loss = tf.tidy(() => opt.minimize(() => bceWithLogits(net.apply(x), y)).dataSync()[0]);
 * ```
 */
export class Adam {
  /** Learning rate (may be changed between steps). */
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly params: tf.Variable[];
  private readonly ms: tf.Variable[];
  private readonly vs: tf.Variable[];
  private t = 0;

  /**
   * @param targets - the network(s) whose variables this optimizer updates.
   * @throws AdaarInputError for out-of-range hyper-parameters or no variables.
   */
  constructor(targets: Trainable | readonly Trainable[], opts: AdamOptions = {}) {
    const list = Array.isArray(targets)
      ? (targets as readonly Trainable[])
      : [targets as Trainable];
    this.params = list.flatMap((t) => [...t.variables]);
    if (this.params.length === 0) throw new AdaarInputError('targets', 'have no variables');
    this.learningRate = opts.learningRate ?? 1e-3;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-7;
    if (!(this.learningRate > 0))
      throw new AdaarInputError('learningRate', `expected > 0, got ${this.learningRate}`);
    for (const [k, b] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const) {
      if (!(b >= 0 && b < 1)) throw new AdaarInputError(k, `expected a value in [0, 1), got ${b}`);
    }
    if (!(this.epsilon > 0))
      throw new AdaarInputError('epsilon', `expected > 0, got ${this.epsilon}`);
    const zerosLike = (p: tf.Variable) => {
      const z = tf.zeros(p.shape, 'float32');
      const v = tf.variable(z, false);
      z.dispose();
      return v;
    };
    this.ms = this.params.map(zerosLike);
    this.vs = this.params.map(zerosLike);
  }

  /** The variables this optimizer updates. */
  get variables(): readonly tf.Variable[] {
    return this.params;
  }

  /** Number of updates applied so far. */
  get iterations(): number {
    return this.t;
  }

  /**
   * Computes `loss()`, its gradients w.r.t. this optimizer's variables only, and applies one
   * Adam update. Returns the loss scalar (owned by the caller: read it when reporting, inside
   * `tf.tidy` or dispose it).
   * @throws Error when some variable receives no gradient from the loss.
   */
  minimize(loss: () => tf.Scalar): tf.Scalar {
    const { value, grads } = tf.variableGrads(loss, this.params);
    try {
      const list = this.params.map((p) => {
        const g = grads[p.name];
        if (!g) throw new Error(`Adam: variable ${p.name} received no gradient from the loss`);
        return g;
      });
      this.applyGradients(list);
    } finally {
      tf.dispose(grads);
    }
    return value;
  }

  /**
   * Applies one update from precomputed gradients, in {@link Adam.variables} order (not disposed).
   * @throws AdaarInputError when the count or a shape differs.
   */
  applyGradients(grads: readonly tf.Tensor[]): void {
    if (grads.length !== this.params.length) {
      throw new AdaarInputError(
        'grads',
        `expected ${this.params.length} tensors, got ${grads.length}`,
      );
    }
    grads.forEach((g, i) => {
      if (g.size !== this.params[i].size) {
        throw new AdaarInputError(
          'grads',
          `tensor ${i} has ${g.size} values, expected ${this.params[i].size}`,
        );
      }
    });
    this.t += 1;
    const bc1 = 1 - this.beta1 ** this.t;
    const sbc2 = Math.sqrt(1 - this.beta2 ** this.t);
    adamUpdate(this.params, grads, this.ms, this.vs, {
      stepSize: (this.learningRate * sbc2) / bc1,
      epsHat: this.epsilon * sbc2,
      beta1: this.beta1,
      beta2: this.beta2,
    });
  }

  /** Releases the moment estimates (not the network's variables). */
  dispose(): void {
    tf.dispose([...this.ms, ...this.vs]);
    this.ms.length = 0;
    this.vs.length = 0;
  }
}
