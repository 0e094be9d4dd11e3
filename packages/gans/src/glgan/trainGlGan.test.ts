import type { Mlp, tf as TF } from '@adaar/core';
import { initBackend } from '@adaar/core';
import { Rng } from '@adaar/data';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { smallTable, TINY_GLGAN } from '../../test/fixtures';
import { latentSmote } from '../latent/latentSmote';
import { minorityNeighbours, type NeighbourTable } from '../latent/minorityNeighbours';
import { resolveGlGanOptions } from './glganOptions';
import { buildGlGanNetworks, type GlGanNetworks, trainGlGan } from './trainGlGan';

// Counts the losses GL-GAN computes and records the class targets of each CE.
const log = vi.hoisted(() => ({ mse: 0, ce: [] as { rows: number; targets: number[] }[] }));
vi.mock('@adaar/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@adaar/core')>();
  return {
    ...core,
    mse: (p: TF.Tensor, t: TF.Tensor) => {
      log.mse++;
      return core.mse(p, t);
    },
    softmaxCrossEntropy: (logits: TF.Tensor2D, labels: TF.Tensor2D) => {
      log.ce.push({
        rows: logits.shape[0],
        targets: Array.from(core.tf.argMax(labels, 1).dataSync()),
      });
      return core.softmaxCrossEntropy(logits, labels);
    },
  };
});

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** The k nearest codes of each code (Euclidean, excluding itself), by brute force. */
function knn(Z: Float64Array, L: number, k: number): Set<number>[] {
  const n = Z.length / L;
  return Array.from({ length: n }, (_, i) => {
    const d = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < L; c++) s += (Z[i * L + c] - Z[j * L + c]) ** 2;
      return { j, s };
    }).filter((e) => e.j !== i);
    d.sort((a, b) => a.s - b.s || a.j - b.j);
    return new Set(d.slice(0, k).map((e) => e.j));
  });
}

/** Whether `p` lies on the segment from code i to code j (up to float32 rounding). */
function onSegment(p: Float32Array, Z: Float64Array, L: number, i: number, j: number): boolean {
  let num = 0;
  let den = 0;
  for (let c = 0; c < L; c++) {
    const dz = Z[j * L + c] - Z[i * L + c];
    num += (p[c] - Z[i * L + c]) * dz;
    den += dz * dz;
  }
  const lam = den > 0 ? num / den : 0;
  if (lam < -1e-6 || lam > 1 + 1e-6) return false;
  for (let c = 0; c < L; c++) {
    const q = Z[i * L + c] + lam * (Z[j * L + c] - Z[i * L + c]);
    if (Math.abs(q - p[c]) > 1e-4 * (1 + Math.abs(q))) return false;
  }
  return true;
}

describe('GL-GAN networks (methods.md 3.2)', () => {
  it('E d-128-64-L LeakyReLU 0.2, linear; G L-64-128-d ReLU, linear; D d-128-64-(C+1) with dropout 0.3', () => {
    const o = resolveGlGanOptions({ latentDim: 5 });
    const n = buildGlGanNetworks(12, o, new Rng(1));
    const lr = { kind: 'leakyRelu', alpha: 0.2 };
    expect(n.encoder.config().layers.map((l) => [l.units, l.activation, l.dropout])).toEqual([
      [128, lr, 0],
      [64, lr, 0],
      [5, 'linear', 0],
    ]);
    expect(n.generator.config().layers.map((l) => [l.units, l.activation])).toEqual([
      [64, 'relu'],
      [128, 'relu'],
      [12, 'linear'],
    ]);
    expect(n.discriminator.config().layers.map((l) => [l.units, l.activation, l.dropout])).toEqual([
      [128, lr, 0.3],
      [64, lr, 0.3],
      [3, 'linear', 0],
    ]);
    expect(n.auxiliary).toBeNull();
    const b = buildGlGanNetworks(
      12,
      resolveGlGanOptions({ latentDim: 5, discriminator: 'binary-aux' }),
      new Rng(1),
    );
    expect(b.discriminator.outputDim).toBe(1);
    expect(b.auxiliary?.outputDim).toBe(2);
    for (const x of [n, b]) {
      for (const net of [x.encoder, x.generator, x.discriminator, x.auxiliary]) net?.dispose();
    }
  });
});

describe('GL-GAN training (methods.md 3.3-3.6)', () => {
  it('fakes are latent SMOTE among the 5 nearest MINORITY codes, kNN refreshed every epoch; L_rec kept; targets fake / high-risk', async () => {
    const train = smallTable({ nRows: 300, positives: 60 }); // 4 batches of 64 per epoch
    const L = 3;
    const epochs: { codes: Float64Array; table: NeighbourTable; fakes: Float32Array[] }[] = [];
    const fakeLabels: number[] = [];
    log.mse = 0;
    log.ce.length = 0;
    const fitted = await trainGlGan(
      train,
      resolveGlGanOptions(TINY_GLGAN),
      { seed: 6 },
      {
        onEpochStart: (_e, codes, table) => epochs.push({ codes: codes.slice(), table, fakes: [] }),
        onFakes: (z, labels) => {
          epochs[epochs.length - 1].fakes.push(z.slice());
          fakeLabels.push(...labels);
        },
      },
    );
    expect(epochs.length).toBe(2);
    for (const e of epochs) {
      expect(e.codes.length).toBe(60 * L); // the high-risk rows only
      const nn = knn(e.codes, L, 5);
      // the table used is the exact 5-NN table of this epoch's codes
      for (let i = 0; i < 60; i++) {
        expect(new Set(e.table.indices.subarray(i * 5, i * 5 + 5))).toEqual(nn[i]);
      }
      expect(e.fakes.length).toBe(4);
      for (const batch of e.fakes) {
        expect(batch.length).toBe(32 * L); // n_fake = ceil(64 / 2)
        for (let s = 0; s < 32; s++) {
          const p = batch.subarray(s * L, (s + 1) * L);
          let found = false;
          for (let i = 0; i < 60 && !found; i++) {
            for (const j of nn[i]) {
              if (onSegment(p, e.codes, L, i, j)) {
                found = true;
                break;
              }
            }
          }
          expect(found).toBe(true);
        }
      }
    }
    // E changed between epochs, so the codes (and table) were re-computed
    expect(Array.from(epochs[1].codes)).not.toEqual(Array.from(epochs[0].codes));
    expect(fakeLabels.every((c) => c === 1)).toBe(true); // minority fakes only (default)

    // warm-up MSE runs inside core's Autoencoder; each adversarial E/G step adds one L_rec
    expect(log.mse).toBe(2 * 4);
    // per batch: D step CE(real) + CE(fake), then the G step CE towards class 1
    expect(log.ce.length).toBe(3 * 8);
    for (let s = 0; s < 8; s++) {
      const [real, fake, gen] = log.ce.slice(3 * s, 3 * s + 3);
      expect(real.rows).toBe(64);
      expect(real.targets.every((t) => t === 0 || t === 1)).toBe(true);
      expect(fake.rows).toBe(32);
      expect(fake.targets.every((t) => t === 2)).toBe(true);
      expect(gen.rows).toBe(32);
      expect(gen.targets.every((t) => t === 1)).toBe(true);
    }
    fitted.dispose();
  });

  it('the encoder keeps learning from L_rec in the adversarial phase (default: no adversarial gradient into E)', async () => {
    const snaps: Float32Array[][] = [];
    const encoderCalls: number[] = [];
    const run = async (adversarialIntoEncoder: boolean) => {
      let calls = 0;
      const f = await trainGlGan(
        smallTable(),
        resolveGlGanOptions({ ...TINY_GLGAN, adversarialIntoEncoder }),
        { seed: 7 },
        {
          onAdversarialBoundary: (nets: GlGanNetworks, when) => {
            snaps.push(nets.encoder.getWeights());
            if (when === 'start') {
              const e: Mlp = nets.encoder;
              const apply = e.apply.bind(e);
              e.apply = (x, o) => {
                if (o?.trainable !== false) calls++;
                return apply(x, o);
              };
            }
          },
        },
      );
      encoderCalls.push(calls);
      f.dispose();
    };
    await run(false);
    const [start, end] = snaps;
    expect(start.some((w, i) => w.some((v, k) => v !== end[i][k]))).toBe(true);
    // default: E is applied once per E/G step (in L_rec); alternative B adds the two
    // endpoints of each latent-SMOTE segment, so the adversarial loss reaches E
    await run(true);
    expect(encoderCalls).toEqual([8, 3 * 8]);
  });

  it("'majorityFakes' (alternative C) also makes majority fakes; 'binary-aux' (alternative A) trains an auxiliary classifier", async () => {
    const labels: number[] = [];
    const f = await trainGlGan(
      smallTable(),
      resolveGlGanOptions({ ...TINY_GLGAN, majorityFakes: true, majorityPoolSize: 100 }),
      { seed: 8 },
      { onFakes: (_z, l) => labels.push(...l) },
    );
    const share = labels.reduce((a, b) => a + b, 0) / labels.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
    f.dispose();
    const g = await trainGlGan(
      smallTable(),
      resolveGlGanOptions({ ...TINY_GLGAN, discriminator: 'binary-aux' }),
      { seed: 8 },
    );
    expect(Object.keys(g.history[g.history.length - 1].losses).sort()).toEqual([
      'adv',
      'aux',
      'd',
      'rec',
    ]);
    g.dispose();
  });

  it('sample(n) decodes latent SMOTE over the final high-risk codes (uniform or round-robin bases)', async () => {
    for (const baseSelection of ['uniform', 'round-robin'] as const) {
      const f = await trainGlGan(
        smallTable(),
        resolveGlGanOptions({ ...TINY_GLGAN, baseSelection }),
        { seed: 9 },
      );
      const L = f.latentDim;
      const table = minorityNeighbours(f.minorityCodes, L, 5);
      const z = latentSmote(f.minorityCodes, L, table, 30, new Rng(4), {
        out: new Float32Array(30 * L),
        baseSelection,
      });
      const expected = f.generator.predictArray(z);
      expect(Array.from(f.sample(30, { seed: 4 }))).toEqual(Array.from(expected));
      expect(f.minorityCodes.length).toBe(60 * L);
      f.dispose();
    }
  });
});
