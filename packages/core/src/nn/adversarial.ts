import { AdaarInputError } from '@adaar/data';
import type { tf } from '../tf';
import type { Adam } from './adam';
import type { Mlp } from './mlp';

/** A frozen network, or a chain of them applied in order (e.g. `[decoder, discriminator]`). */
export type FrozenPath = Mlp | readonly Mlp[];

/** Options of {@link adversarialStep}. */
export interface AdversarialStepOptions {
  /** Network A, the one being trained. */
  readonly network: Mlp;
  /** A's optimizer: must be bound to A (it only updates its own variables). */
  readonly optimizer: Adam;
  /** A's input (e.g. noise `z`), `[n, A.inputDim]`; treated as data (no gradient). */
  readonly input: tf.Tensor2D;
  /**
   * The frozen network(s) B that look at A's output: one network, or a list of paths where each
   * path is a network or a chain (`[[decoder, d1], d2]`: d1 sees the decoded output, d2 the raw
   * one). Their weights get no gradient and are never changed; gradients flow through them into A.
   */
  readonly frozen: Mlp | readonly FrozenPath[];
  /**
   * The loss of A from the frozen paths' outputs (in `frozen` order) and A's own output, e.g.
   * `([d1, d2], g) => tf.add(bceWithLogits(d1, 1), tf.mul(lambda, bceWithLogits(d2, 1)))`.
   */
  readonly loss: (frozenOutputs: tf.Tensor2D[], output: tf.Tensor2D) => tf.Scalar;
  /** Training mode of A (dropout), default A's mode. */
  readonly training?: boolean;
  /** Training mode of the frozen networks (BAGAN keeps D's dropout on), default each network's mode. */
  readonly frozenTraining?: boolean;
}

/**
 * One optimisation step of network A against frozen network(s) B: forward `input` through A,
 * then through every frozen path, compute `loss`, backpropagate through B into A, and update A
 * only (B's weight gradients are not even computed). Returns the loss scalar; the caller owns it
 * (read it when reporting, or dispose it).
 *
 * @example
 * ```ts
 * // generator step of a GAN: G is updated, D is frozen
 * const lossG = adversarialStep({ network: G, optimizer: optG, input: z, frozen: D,
 *   loss: ([d]) => bceWithLogits(d, 1) });
 * ```
 * @throws AdaarInputError when the optimizer does not hold exactly A's variables.
 */
export function adversarialStep(opts: AdversarialStepOptions): tf.Scalar {
  const { network, optimizer } = opts;
  const own = new Set(network.variables.map((v) => v.name));
  if (
    optimizer.variables.length !== own.size ||
    optimizer.variables.some((v) => !own.has(v.name))
  ) {
    throw new AdaarInputError('optimizer', 'must be bound to `network` (exactly its variables)');
  }
  const frozen = opts.frozen;
  const list: readonly FrozenPath[] = Array.isArray(frozen) ? frozen : [frozen as Mlp];
  if (list.length === 0) throw new AdaarInputError('frozen', 'needs at least one network');
  const paths: (readonly Mlp[])[] = list.map((p) => (Array.isArray(p) ? p : [p as Mlp]));
  for (const p of paths) {
    if (p.includes(network))
      throw new AdaarInputError('frozen', 'must not contain `network` itself');
  }
  return optimizer.minimize(() => {
    const a = network.apply(opts.input, {
      inputGrad: false,
      ...(opts.training !== undefined ? { training: opts.training } : {}),
    });
    const outs = paths.map((p) =>
      p.reduce(
        (h, net) =>
          net.apply(h, {
            trainable: false,
            ...(opts.frozenTraining !== undefined ? { training: opts.frozenTraining } : {}),
          }),
        a,
      ),
    );
    return opts.loss(outs, a);
  });
}
