import { conformanceDataset } from '@adaar/samplers/testing';
import { expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { Adaar } from './adaar';

it('smoke', async () => {
  Error.stackTraceLimit = 200;
  console.log(await initBackend({ backend: 'wasm' }));
  const train = conformanceDataset();
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  const f = await (async () => {
    try {
      return await new Adaar({ iterations: 500, aeEpochs: 5, logEvery: 100, diagnostics: 250 }).fit(
        train,
        {
          seed: 1,
          onProgress: (p) => console.log(JSON.stringify(p)),
        },
      );
    } catch (e) {
      console.log((e as Error).stack);
      throw e;
    }
  })();
  console.log('fit s', (performance.now() - t0) / 1000);
  console.log(f.networks, f.parameterCounts(), tf.memory().numTensors - before);
  console.log(JSON.stringify(f.diagnostics));
  const rows = f.sample(5);
  console.log(rows);
  f.dispose();
  expect(tf.memory().numTensors).toBe(before);
}, 120000);
