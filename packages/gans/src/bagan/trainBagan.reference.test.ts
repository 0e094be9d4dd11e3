import type { Mlp } from '@adaar/core';
import { initBackend } from '@adaar/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { smallTable, TINY_BAGAN } from '../../test/fixtures';
import { resolveBaganOptions } from './baganOptions';
import { type BaganNetworks, trainBagan } from './trainBagan';

// Spies on @adaar/core's Adam and losses: which networks each optimizer updates with which
// hyper-parameters, and which targets each loss sees.
const log = vi.hoisted(() => ({
  adams: [] as { targets: unknown[]; opts: Record<string, number> }[],
  ce: [] as { rows: number; classes: number; targets: number[] }[],
  mse: 0,
  ae: [] as { encoder: unknown; decoder: unknown; opts: Record<string, unknown> }[],
}));

vi.mock('@adaar/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@adaar/core')>();
  class SpyAdam extends core.Adam {
    constructor(targets: Mlp | Mlp[], opts: Record<string, number>) {
      super(targets, opts);
      log.adams.push({ targets: Array.isArray(targets) ? targets : [targets], opts });
    }
  }
  class SpyAutoencoder extends core.Autoencoder {
    override fit(
      X: Parameters<import('@adaar/core').Autoencoder['fit']>[0],
      opts: Parameters<import('@adaar/core').Autoencoder['fit']>[1] = {},
    ) {
      log.ae.push({ encoder: this.encoder, decoder: this.decoder, opts: { ...opts } });
      return super.fit(X, opts);
    }
  }
  return {
    ...core,
    Adam: SpyAdam,
    Autoencoder: SpyAutoencoder,
    softmaxCrossEntropy: (
      logits: import('@adaar/core').tf.Tensor2D,
      labels: import('@adaar/core').tf.Tensor2D,
    ) => {
      log.ce.push({
        rows: logits.shape[0],
        classes: logits.shape[1],
        targets: Array.from(core.tf.argMax(labels, 1).dataSync()),
      });
      return core.softmaxCrossEntropy(logits, labels);
    },
    mse: (p: import('@adaar/core').tf.Tensor, t: import('@adaar/core').tf.Tensor) => {
      log.mse++;
      return core.mse(p, t);
    },
  };
});

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('BAGAN against the reference (methods.md 2.3, 2.4, 2.6 items 2, 3, 6, 7, 8)', () => {
  it('optimizers, loss targets, frozen D with active dropout, no reconstruction loss in phase C', async () => {
    const train = smallTable({ nRows: 300 }); // 4 batches of 64 per epoch
    let nets: BaganNetworks | null = null;
    const dCalls: { trainable: boolean; training: boolean }[] = [];
    const gLabels: number[][] = [];
    const fitted = await trainBagan(
      train,
      resolveBaganOptions(TINY_BAGAN),
      { seed: 4 },
      {
        afterInit: (n) => {
          nets = n;
          const d = n.discriminator;
          const apply = d.apply.bind(d);
          d.apply = (x, o = {}) => {
            dCalls.push({ trainable: o.trainable ?? true, training: o.training ?? d.training });
            return apply(x, o);
          };
        },
        onGeneratorStep: (labels) => gLabels.push(Array.from(labels)),
      },
    );
    const n = nets as unknown as BaganNetworks;

    // Phase A: one autoencoder fit of (encoder, G) on all rows, as many epochs as the GAN,
    // Adam lr 5e-5, betas (0.5, 0.999), batch 64, last partial batch dropped.
    expect(log.ae.length).toBe(1);
    expect(log.ae[0].encoder).toBe(n.encoder);
    expect(log.ae[0].decoder).toBe(n.generator);
    expect(log.ae[0].opts).toMatchObject({
      epochs: 2,
      batchSize: 64,
      learningRate: 5e-5,
      beta1: 0.5,
      beta2: 0.999,
      dropLast: true,
    });
    expect(log.ae[0].opts.balanced).toBeUndefined(); // the imbalanced data as they are

    // Phase C: one Adam for D alone, one for G alone, same hyper-parameters; the encoder
    // is not trained and no reconstruction loss is computed.
    expect(log.adams.length).toBe(2);
    expect(log.adams[0].targets).toEqual([n.discriminator]);
    expect(log.adams[1].targets).toEqual([n.generator]);
    for (const a of log.adams) {
      expect(a.opts.learningRate).toBe(5e-5);
      expect(a.opts.beta1).toBe(0.5);
      expect(a.opts.beta2).toBe(0.999);
    }
    expect(log.mse).toBe(0);

    // Softmax CE over C + 1 = 3 classes, alternating D step / G step.
    expect(log.ce.length).toBe(2 * 8);
    for (let s = 0; s < 8; s++) {
      const d = log.ce[2 * s];
      const g = log.ce[2 * s + 1];
      expect(d.classes).toBe(3);
      expect(d.rows).toBe(96);
      expect(d.targets.slice(64).every((t) => t === 2)).toBe(true); // fake = last index
      expect(g.classes).toBe(3);
      // the G target is the conditioning class of each draw, never "fake"
      expect(g.targets).toEqual(gLabels[s]);
    }

    // D in the G step: no weight gradient (frozen) but training mode (dropout on).
    const frozen = dCalls.filter((c) => !c.trainable);
    expect(frozen.length).toBe(8);
    expect(frozen.every((c) => c.training)).toBe(true);
    expect(dCalls.filter((c) => c.trainable).every((c) => c.training)).toBe(true);
    fitted.dispose();
  });
});
