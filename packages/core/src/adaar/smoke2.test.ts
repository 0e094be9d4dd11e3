import { conformanceDataset } from '@adaar/samplers/testing';
import { it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { Adaar } from './adaar';

it('leaks', async () => {
  await initBackend({ backend: 'wasm' });
  const train = conformanceDataset();
  const cases: Record<string, object> = {
    base: {},
    noDiag: { diagnostics: false },
    noWarm: { diagnostics: false, d2WarmupIterations: 0 },
    noAE: { diagnostics: false, d2WarmupIterations: 0, ae: false },
    noD1: { diagnostics: false, d2WarmupIterations: 0, ae: false, d1: false },
    noD2: { diagnostics: false, d2WarmupIterations: 0, ae: false, d2: false },
    noIter: { diagnostics: false, d2WarmupIterations: 0, ae: false, iterations: 0 },
  };
  for (const [k, o] of Object.entries(cases)) {
    const before = tf.memory().numTensors;
    const f = await new Adaar({ iterations: 20, aeEpochs: 2, logEvery: 10, ...o }).fit(train, {
      seed: 1,
    });
    const vars = Object.values(f.parameterCounts()).length * 6;
    const after = tf.memory().numTensors - before;
    f.dispose();
    console.log(
      k,
      after,
      vars,
      tf.memory().numTensors - before,
      JSON.stringify(f.trainingCurve.seconds),
    );
  }
}, 120000);
