import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataset, Rng } from '@adaar/data';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { MLPClassifier } from '../classifiers/mlpClassifier';
import { leakyRelu } from '../nn/activation';
import { Mlp } from '../nn/mlp';
import { tf } from '../tf';
import { VERSION } from '../version';
import { loadModelDir, saveModelDir } from './modelDir';

const tmp = () => mkdtempSync(join(tmpdir(), 'adaar-io-'));

describe('saveModelDir / loadModelDir', () => {
  afterAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('writes model.json + weights.bin per network and a manifest; loads on another backend', async () => {
    await initBackend({ backend: 'wasm' });
    const dir = tmp();
    try {
      const enc = new Mlp({
        inputDim: 4,
        widths: [6, 3],
        activation: leakyRelu(0.3),
        dropout: 0.3,
        seed: 1,
      });
      const dec = new Mlp({ inputDim: 3, widths: [6, 4], bias: false, seed: 2 });
      const X = new Rng(3).fillNormal(new Float32Array(20 * 4));
      const e1 = enc.predictArray(X);
      const d1 = dec.predictArray(e1);
      const before = tf.memory().numTensors;
      const manifest = await saveModelDir(dir, {
        kind: 'autoencoder',
        config: { latent: 3 },
        seed: 42,
        preprocessing: { kind: 'standardise', mean: [0, 1] },
        networks: { encoder: enc, decoder: dec },
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(manifest.packageVersion).toBe(VERSION);
      expect(manifest.backend).toBe('wasm');
      const onDisk = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(onDisk).toMatchObject({
        kind: 'autoencoder',
        seed: 42,
        networks: { encoder: 'encoder/model.json' },
      });
      const model = JSON.parse(readFileSync(join(dir, 'encoder', 'model.json'), 'utf8'));
      expect(model.weightsManifest[0].paths).toEqual(['weights.bin']);
      expect(model.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual([
        'layers.0.kernel',
        'layers.0.bias',
        'layers.1.kernel',
        'layers.1.bias',
      ]);
      expect(readFileSync(join(dir, 'decoder', 'weights.bin')).byteLength).toBe(
        4 * (3 * 6 + 6 * 4),
      );

      await initBackend({ backend: 'cpu' });
      const base = tf.memory().numTensors;
      const loaded = await loadModelDir(dir, 'autoencoder');
      expect(loaded.manifest.preprocessing).toEqual({ kind: 'standardise', mean: [0, 1] });
      expect(loaded.networks.encoder.config()).toEqual(enc.config());
      const e2 = loaded.networks.encoder.predictArray(X);
      const d2 = loaded.networks.decoder.predictArray(e2);
      for (let i = 0; i < e1.length; i++) expect(Math.abs(e2[i] - e1[i])).toBeLessThan(1e-6);
      for (let i = 0; i < d1.length; i++) expect(Math.abs(d2[i] - d1[i])).toBeLessThan(1e-6);
      expect(loaded.networks.decoder.getWeights()).toEqual(dec.getWeights());
      for (const n of Object.values(loaded.networks)) n.dispose();
      expect(tf.memory().numTensors).toBe(base);
      enc.dispose();
      dec.dispose();
      await expect(loadModelDir(dir, 'bagan')).rejects.toThrow(/holds a 'autoencoder' model/);
      await expect(loadModelDir(join(dir, 'nope'))).rejects.toThrow(/dir: cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an MLPClassifier saved on wasm predicts identically after loading on cpu, without leaks', async () => {
    await initBackend({ backend: 'wasm' });
    const rng = new Rng(1);
    const X = rng.fillNormal(new Float64Array(200 * 3));
    const y = Array.from({ length: 200 }, (_, i) => (X[i * 3] + X[i * 3 + 1] > 0.5 ? 1 : 0));
    const ds = createDataset(X, y, 3);
    const before = tf.memory().numTensors;
    const clf = new MLPClassifier({ maxEpochs: 2, batchSize: 32 });
    await clf.fit(ds, { seed: 3 });
    const p1 = await clf.predictProba(ds);
    const dir = tmp();
    try {
      await clf.save(dir, { preprocessing: { v: 1 } });
      clf.dispose();
      expect(tf.memory().numTensors).toBe(before);
      await initBackend({ backend: 'cpu' });
      const { classifier, preprocessing } = await MLPClassifier.load(dir);
      expect(preprocessing).toEqual({ v: 1 });
      const p2 = await classifier.predictProba(ds);
      for (let i = 0; i < p1.length; i++) expect(Math.abs(p2[i] - p1[i])).toBeLessThan(1e-6);
      classifier.dispose();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
