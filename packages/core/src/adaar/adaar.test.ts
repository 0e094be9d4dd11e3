import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdaarInputError, type Dataset, NotFittedError, Rng } from '@adaar/data';
import { createSampler, unregisterSampler } from '@adaar/samplers';
import { conformanceDataset } from '@adaar/samplers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_ADAAR as TINY } from '../../test/helpers/tinyAdaar';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { Adaar, adaarName } from './adaar';
import { loadAdaar } from './adaarIo';
import { buildAdaarNetworks } from './adaarNetworks';
import type { AdaarOptions } from './adaarOptions';
import { resolveAdaarOptions } from './adaarOptions';
import { ADAAR_SAMPLER_NAMES, registerAdaarSamplers } from './adaarSamplers';
import type { FittedAdaar } from './fittedAdaar';
import { trainingCurveRows } from './trainingCurve';

/** Parameters of a dense net with biases: sum over layers of in x out + out (by hand). */
function dense(...widths: number[]): number {
  let s = 0;
  for (let i = 0; i + 1 < widths.length; i++) s += widths[i] * widths[i + 1] + widths[i + 1];
  return s;
}

let train: Dataset;
let baseline = 0;
let dir = '';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  train = conformanceDataset(); // 160 rows x 4 columns, 24 high-risk
  dir = await mkdtemp(join(tmpdir(), 'adaar-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ablations remove exactly one module', () => {
  // d = 4 -> H = min(32, max(8, ceil(4/2))) = 8; noise 32; D widths [64, 32, 1]
  const d = 4;
  const H = 8;
  const expected: Record<string, Record<string, number>> = {
    adaar: {
      encoder: dense(d, 64, 32, H),
      decoder: dense(H, 32, 64, d),
      generator: dense(32, 64, 64, H),
      d1: dense(H, 64, 32, 1),
      d2: dense(H, 64, 32, 1),
    },
    'adaar-no-ae': {
      generator: dense(32, 64, 64, d),
      d1: dense(d, 64, 32, 1),
      d2: dense(d, 64, 32, 1),
    },
    'adaar-no-d1': {
      encoder: dense(d, 64, 32, H),
      decoder: dense(H, 32, 64, d),
      generator: dense(32, 64, 64, H),
      d2: dense(H, 64, 32, 1),
    },
    'adaar-no-d2': {
      encoder: dense(d, 64, 32, H),
      decoder: dense(H, 32, 64, d),
      generator: dense(32, 64, 64, H),
      d1: dense(H, 64, 32, 1),
    },
  };
  const flags: Record<string, AdaarOptions> = {
    adaar: {},
    'adaar-no-ae': { ae: false },
    'adaar-no-d1': { d1: false },
    'adaar-no-d2': { d2: false },
  };

  for (const [name, counts] of Object.entries(expected)) {
    it(`${name}: trains exactly ${Object.keys(counts).join(', ')}`, async () => {
      const o = { ...TINY, ...flags[name] };
      const fitted = await new Adaar(o).fit(train, { seed: 3 });
      expect(fitted.name).toBe(name);
      expect(fitted.networks).toEqual(Object.keys(counts));
      expect(fitted.parameterCounts()).toEqual(counts);
      // every network present was updated by training: compare with the initial weights
      const initial = buildAdaarNetworks(
        resolveAdaarOptions(o, d),
        d,
        (() => {
          const r = new Rng(3);
          return r.split();
        })(),
      );
      for (const net of fitted.networks) {
        const before = initial[net]?.getWeights()[0] as Float32Array;
        const after = fitted.network(net)?.getWeights()[0] as Float32Array;
        expect(before.length).toBe(after.length);
        expect(Array.from(after)).not.toEqual(Array.from(before));
      }
      for (const net of Object.values(initial)) net?.dispose();
      fitted.dispose();
    });
  }

  it('the full model minus a module has exactly that module fewer parameters', () => {
    const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    const full = total(expected.adaar);
    expect(full - total(expected['adaar-no-d1'])).toBe(dense(H, 64, 32, 1));
    expect(full - total(expected['adaar-no-d2'])).toBe(dense(H, 64, 32, 1));
    expect(full - total(expected['adaar-no-ae'])).not.toBe(0);
  });

  it('an ablation keeps the initial weights of the networks it keeps', () => {
    const seed = new Rng(11);
    const full = buildAdaarNetworks(resolveAdaarOptions({}, d), d, Rng.fromState(seed.state()));
    const noD1 = buildAdaarNetworks(
      resolveAdaarOptions({ d1: false }, d),
      d,
      Rng.fromState(seed.state()),
    );
    expect(Array.from(noD1.d2?.getWeights()[0] ?? [])).toEqual(
      Array.from(full.d2?.getWeights()[0] ?? []),
    );
    expect(Array.from(noD1.generator.getWeights()[2])).toEqual(
      Array.from(full.generator.getWeights()[2]),
    );
    for (const nets of [full, noD1]) for (const n of Object.values(nets)) n?.dispose();
  });

  it('rejects removing both discriminators', () => {
    expect(() => new Adaar({ d1: false, d2: false })).toThrow(AdaarInputError);
  });
});

describe('each network moves toward its objective', () => {
  const last = (v: number[]) => v[v.length - 1];

  it('D1 tells real high-risk users from generated ones; D2 tells high-risk from low-risk', async () => {
    const f = await new Adaar({ ...TINY, iterations: 150, logEvery: 50 }).fit(train, { seed: 1 });
    const v = f.trainingCurve.adversarial.values;
    expect(last(v.d1Real)).toBeGreaterThan(last(v.d1Fake));
    expect(last(v.d2Real)).toBeGreaterThan(last(v.d2Low));
    // G's risk term: D2 scores generated rows as high-risk at least as often as real high-risk
    expect(last(v.d2Fake)).toBeGreaterThan(0.5);
    f.dispose();
  });

  it('without D2, the generator learns to fool D1 (its samples approach the real codes)', async () => {
    const f = await new Adaar({ ...TINY, d2: false, iterations: 150, logEvery: 50 }).fit(train, {
      seed: 1,
    });
    const v = f.trainingCurve.adversarial.values;
    // D1 cannot tell them apart: its loss stays near 2 ln 2 and it keeps calling fakes real
    // often (a generator pushed the wrong way drives D1(fake) towards 0 within 150 steps)
    expect(last(v.d1Fake)).toBeGreaterThan(0.3);
    expect(last(v.d1)).toBeGreaterThan(1);
    f.dispose();
  });

  it('without D1, the generator drives D2 to call its samples high-risk', async () => {
    const f = await new Adaar({ ...TINY, d1: false, iterations: 150, logEvery: 50 }).fit(train, {
      seed: 1,
    });
    const v = f.trainingCurve.adversarial.values;
    expect(v.d1).toBeUndefined();
    expect(last(v.d2Fake)).toBeGreaterThan(v.d2Fake[0]);
    expect(last(v.d2Fake)).toBeGreaterThan(last(v.d2Real));
    f.dispose();
  });
});

describe('overlap "unlike" term (overlapWeight)', () => {
  const last = (v: number[]) => v[v.length - 1];

  it('alone (lambda 0) it pulls generated rows to where D2 scores real high-risk users', async () => {
    const run = async (overlapWeight: number) => {
      const f = await new Adaar({
        ...TINY,
        lambda: 0,
        overlapWeight,
        iterations: 150,
        logEvery: 50,
      }).fit(train, { seed: 1 });
      const v = f.trainingCurve.adversarial.values;
      f.dispose();
      return { fake: last(v.d2Fake), real: last(v.d2Real) };
    };
    const off = await run(0);
    const on = await run(5);
    expect(on.fake).toBeGreaterThan(off.fake + 0.05);
    // a hinge at the real high-risk level, not a push to "very high-risk": it stops near it
    expect(on.fake).toBeLessThan(0.99);
  });

  it('rejects a negative or non-finite weight', () => {
    expect(() => resolveAdaarOptions({ overlapWeight: -1 }, 4)).toThrow(/options\.overlapWeight/);
    expect(() => resolveAdaarOptions({ overlapWeight: Number.NaN }, 4)).toThrow(AdaarInputError);
  });
});

describe('registry', () => {
  it('registers the four names in one call; each factory fixes its ablation flag', () => {
    registerAdaarSamplers({ replace: true });
    try {
      for (const name of ADAAR_SAMPLER_NAMES) {
        const s = createSampler(name, { iterations: 7, ae: true, d1: true, d2: true });
        expect(s.name).toBe(name);
        expect((s as Adaar).options.iterations).toBe(7);
      }
      expect((createSampler('adaar-no-ae') as Adaar).options.ae).toBe(false);
      expect(adaarName({ ae: false, d2: false })).toBe('adaar-no-ae-no-d2');
      expect(() => registerAdaarSamplers()).toThrow(/already registered/);
    } finally {
      for (const name of ADAAR_SAMPLER_NAMES) unregisterSampler(name);
    }
  });
});

describe('fit, sample, curve', () => {
  let fitted: FittedAdaar;
  const progress: { phase: string; step: number; total: number }[] = [];

  beforeAll(async () => {
    fitted = await new Adaar({ ...TINY, diagnostics: 6, diagnosticsSamples: 30 }).fit(train, {
      seed: 5,
      onProgress: (p) => progress.push({ phase: p.phase, step: p.step, total: p.total }),
    });
  });
  afterAll(() => fitted.dispose());

  it('reports every phase in order with its losses', () => {
    expect(progress.map((p) => `${p.phase}:${p.step}/${p.total}`)).toEqual([
      'autoencoder:1/2',
      'autoencoder:2/2',
      'd2-warmup:4/4',
      'adversarial:5/12',
      'adversarial:10/12',
      'adversarial:12/12',
    ]);
  });

  it('keeps the training curve with per-window losses, D outputs and diagnostics', () => {
    const c = fitted.trainingCurve;
    expect(c.autoencoder.step).toEqual([1, 2]);
    expect(c.d2Warmup.step).toEqual([4]);
    expect(c.adversarial.step).toEqual([5, 10, 12]);
    expect(Object.keys(c.adversarial.values).sort()).toEqual(
      ['d1', 'd1Fake', 'd1Real', 'd2', 'd2Fake', 'd2Low', 'd2Real', 'g'].sort(),
    );
    for (const arr of Object.values(c.adversarial.values)) {
      expect(arr).toHaveLength(3);
      for (const v of arr) expect(Number.isFinite(v)).toBe(true);
    }
    // losses of binary cross-entropy sums are positive; probabilities lie in (0, 1)
    for (const v of c.adversarial.values.d1Real) expect(v > 0 && v < 1).toBe(true);
    expect(c.diagnostics.map((p) => p.step)).toEqual([0, 6, 12]);
    expect(fitted.diagnostics?.spreadRatio).toBe(c.diagnostics[2].spreadRatio);
    expect(typeof fitted.diagnostics?.riskinessGap).toBe('number');
    expect(fitted.diagnostics?.d1Real).toBe(c.adversarial.values.d1Real[2]);
    const again = JSON.parse(fitted.trainingCurveJSON());
    expect(again.adversarial.step).toEqual([5, 10, 12]);
    const rows = trainingCurveRows(c);
    expect(rows.filter((r) => r.phase === 'adversarial' && r.metric === 'g')).toHaveLength(3);
    expect(rows.some((r) => r.phase === 'diagnostics' && r.metric === 'spreadRatio')).toBe(true);
  });

  it('samples any number of times from one fit, seeded or from its own stream', () => {
    const a = fitted.sample(7, { seed: 1 });
    const b = fitted.sample(7, { seed: 1 });
    expect(a).toHaveLength(7 * train.nCols);
    expect(Array.from(a)).toEqual(Array.from(b));
    const c = fitted.sample(7);
    const d = fitted.sample(7);
    expect(Array.from(c)).not.toEqual(Array.from(d));
    const out = new Float64Array(10 * train.nCols).fill(-1);
    const view = fitted.sample(3, { seed: 1, out });
    expect(view.buffer).toBe(out.buffer);
    expect(Array.from(view)).toEqual(Array.from(a.subarray(0, 3 * train.nCols)));
    expect(out[3 * train.nCols]).toBe(-1);
    expect(() => fitted.sample(2, { out: new Float64Array(3) })).toThrow(/out/);
  });

  it('discriminator scores are probabilities, one per row', () => {
    const rows = fitted.sample(5, { seed: 2 });
    for (const which of ['d1', 'd2'] as const) {
      const p = fitted.discriminate(which, rows);
      expect(p).toHaveLength(5);
      for (const v of p) expect(v > 0 && v < 1).toBe(true);
    }
  });
});

describe('determinism, tensors, save and load', () => {
  it('is deterministic by seed', async () => {
    const a = await new Adaar(TINY).fit(train, { seed: 9 });
    const b = await new Adaar(TINY).fit(train, { seed: 9 });
    const c = await new Adaar(TINY).fit(train, { seed: 10 });
    expect(Array.from(a.sample(5))).toEqual(Array.from(b.sample(5)));
    expect(Array.from(a.sample(5))).not.toEqual(Array.from(c.sample(5)));
    expect(a.trainingCurve.adversarial.values).toEqual(b.trainingCurve.adversarial.values);
    for (const f of [a, b, c]) f.dispose();
  });

  it('holds exactly its variables (and anchors) after fit; back to baseline after dispose, save and load', async () => {
    baseline = tf.memory().numTensors;
    for (const extra of [{}, { space: 'anchored', residualDecode: true } as AdaarOptions]) {
      const fitted = await new Adaar({ ...TINY, ...extra, diagnostics: true }).fit(train, {
        seed: 1,
      });
      const vars = fitted.networks.reduce(
        (s, n) => s + (fitted.network(n)?.variables.length ?? 0),
        0,
      );
      const stateTensors = extra.space === 'anchored' ? 2 : 0;
      expect(tf.memory().numTensors - baseline).toBe(vars + stateTensors);
      fitted.sample(50);
      expect(tf.memory().numTensors - baseline).toBe(vars + stateTensors);
      const where = join(dir, `model-${stateTensors}`);
      await fitted.save(where);
      expect(tf.memory().numTensors - baseline).toBe(vars + stateTensors);
      const loaded = await loadAdaar(where);
      expect(tf.memory().numTensors - baseline).toBe(2 * (vars + stateTensors));
      loaded.dispose();
      fitted.dispose();
      fitted.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    }
  });

  it('a loaded model samples what the saved one would have (seeded and own stream)', async () => {
    for (const extra of [{}, { ae: false }, { space: 'anchored', residualDecode: true }] as const) {
      const fitted = await new Adaar({ ...TINY, ...extra }).fit(train, { seed: 4 });
      fitted.sample(3); // advance the own stream before saving
      const where = join(dir, `roundtrip-${Object.keys(extra).join('-')}`);
      await fitted.save(where);
      const loaded = await Adaar.load(where);
      expect(loaded.name).toBe(fitted.name);
      expect(loaded.options).toEqual(fitted.options);
      expect(loaded.networks).toEqual(fitted.networks);
      expect(Array.from(loaded.sample(6, { seed: 8 }))).toEqual(
        Array.from(fitted.sample(6, { seed: 8 })),
      );
      expect(Array.from(loaded.sample(6))).toEqual(Array.from(fitted.sample(6)));
      expect(loaded.trainingCurve).toEqual(fitted.trainingCurve);
      loaded.dispose();
      fitted.dispose();
    }
    await expect(loadAdaar(join(dir, 'missing'))).rejects.toThrow(AdaarInputError);
  });

  it('a disposed model refuses to sample; the stateful shortcut needs a fit', async () => {
    const s = new Adaar(TINY);
    expect(() => s.sample(1)).toThrow(NotFittedError);
    const f = await s.fit(train, { seed: 2 });
    expect(s.sample(2)).toHaveLength(2 * train.nCols);
    f.dispose();
    expect(() => f.sample(1)).toThrow(NotFittedError);
  });

  it('an aborted fit rejects and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const p = new Adaar({ ...TINY, iterations: 10_000 }).fit(train, {
      seed: 1,
      signal: ctl.signal,
      onProgress: (pr) => {
        if (pr.phase === 'adversarial' && pr.step >= 10) ctl.abort(new Error('stop'));
      },
    });
    await expect(p).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('methods.md 4.6 alternatives as options', () => {
  const cases: [string, AdaarOptions, string[]][] = [
    ['A1: discriminators on decoded rows (raw real side)', { space: 'decoded' }, []],
    ['A1 with reconstructed real rows', { space: 'decoded', decodedReal: 'reconstructed' }, []],
    ['A2: anchored generator', { space: 'anchored' }, []],
    ['B1: D2 also trained on generated rows', { d2OnSynthetic: true }, ['d2FakeTrain']],
    ['C: fine-tuned encoder', { encoder: 'finetune' }, ['ae']],
    [
      'stabilisers and balanced AE batches',
      { labelSmoothing: 0.1, d1Dropout: 0.3, aeBalancedBatches: true, lambda: 2 },
      [],
    ],
  ];
  for (const [label, extra, extraMetrics] of cases) {
    it(`${label}: trains, logs and samples finite rows`, async () => {
      const fitted = await new Adaar({ ...TINY, ...extra }).fit(train, { seed: 6 });
      const keys = Object.keys(fitted.trainingCurve.adversarial.values);
      for (const k of ['d1', 'd2', 'g', ...extraMetrics]) expect(keys).toContain(k);
      const rows = fitted.sample(20, { seed: 1 });
      for (const v of rows) expect(Number.isFinite(v)).toBe(true);
      fitted.dispose();
    });
  }

  it('C: the encoder stays as pre-trained when frozen (default) and moves when fine-tuned', async () => {
    const weights = async (o: AdaarOptions) => {
      const f = await new Adaar({ ...TINY, ...o }).fit(train, { seed: 8 });
      const w = f
        .network('encoder')
        ?.getWeights()
        .map((a) => Array.from(a));
      const dec = f
        .network('decoder')
        ?.getWeights()
        .map((a) => Array.from(a));
      f.dispose();
      return { w, dec };
    };
    const pretrained = await weights({ iterations: 0 });
    const frozen = await weights({});
    const tuned = await weights({ encoder: 'finetune' });
    expect(frozen.w).toEqual(pretrained.w);
    expect(frozen.dec).toEqual(pretrained.dec);
    expect(tuned.w).not.toEqual(pretrained.w);
    expect(tuned.dec).not.toEqual(pretrained.dec);
  });

  it('A1 discriminators read d features, A2 generators read noise + code', async () => {
    const a1 = await new Adaar({ ...TINY, space: 'decoded' }).fit(train, { seed: 1 });
    expect(a1.network('d1')?.inputDim).toBe(4);
    expect(a1.network('generator')?.outputDim).toBe(8);
    a1.dispose();
    const a2 = await new Adaar({ ...TINY, space: 'anchored' }).fit(train, { seed: 1 });
    expect(a2.network('generator')?.inputDim).toBe(32 + 8);
    expect(a2.network('d1')?.inputDim).toBe(8);
    a2.dispose();
  });

  it('A2 with residual decoding returns the anchors themselves when G emits a zero offset', async () => {
    const fitted = await new Adaar({ ...TINY, space: 'anchored', residualDecode: true }).fit(
      train,
      { seed: 2 },
    );
    const g = fitted.network('generator');
    if (!g) throw new Error('no generator');
    g.setWeights(g.getWeights().map((w, i, all) => (i >= all.length - 2 ? w.fill(0) : w)));
    const rows = fitted.sample(30, { seed: 3 });
    const d = train.nCols;
    const positives: number[][] = [];
    for (let i = 0; i < train.nRows; i++) {
      if (train.y[i] === 1) positives.push(Array.from(train.X.subarray(i * d, (i + 1) * d)));
    }
    for (let r = 0; r < 30; r++) {
      const row = rows.subarray(r * d, (r + 1) * d);
      const best = Math.min(
        ...positives.map((p) => Math.max(...p.map((v, j) => Math.abs(v - row[j])))),
      );
      expect(best).toBeLessThan(1e-5); // x_i + Dec(h_i) - Dec(h_i) = x_i (float32)
    }
    // without residual decoding the same zero offset gives Dec(Enc(x_i)), not x_i
    const plain = await new Adaar({ ...TINY, space: 'anchored' }).fit(train, { seed: 2 });
    const g2 = plain.network('generator');
    if (!g2) throw new Error('no generator');
    g2.setWeights(g2.getWeights().map((w, i, all) => (i >= all.length - 2 ? w.fill(0) : w)));
    const r0 = plain.sample(1, { seed: 3 });
    const far = Math.min(
      ...positives.map((p) => Math.max(...p.map((v, j) => Math.abs(v - r0[j])))),
    );
    expect(far).toBeGreaterThan(1e-3);
    fitted.dispose();
    plain.dispose();
  });

  it('w/o AE with a zero generator samples the training mean (identity decoder, unscaled)', async () => {
    const fitted = await new Adaar({ ...TINY, ae: false }).fit(train, { seed: 2 });
    const g = fitted.network('generator');
    if (!g) throw new Error('no generator');
    g.setWeights(g.getWeights().map((w, i, all) => (i >= all.length - 2 ? w.fill(0) : w)));
    const d = train.nCols;
    const mean = new Array(d).fill(0);
    for (let i = 0; i < train.nRows; i++) for (let j = 0; j < d; j++) mean[j] += train.X[i * d + j];
    const rows = fitted.sample(4, { seed: 1 });
    for (let r = 0; r < 4; r++) {
      for (let j = 0; j < d; j++) expect(rows[r * d + j]).toBeCloseTo(mean[j] / train.nRows, 5);
    }
    fitted.dispose();
  });
});
