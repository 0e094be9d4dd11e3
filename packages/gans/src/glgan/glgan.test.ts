import { describeGanSamplerApi } from '../../test/apiChecks';
import { smallTable, TINY_GLGAN } from '../../test/fixtures';
import { GlGan } from './glgan';
import { loadGlGan } from './loadGlGan';

describeGanSamplerApi({
  name: 'glgan',
  make: () => new GlGan(TINY_GLGAN),
  load: loadGlGan,
  train: () => smallTable(),
  phases: [
    { phase: 'warmup', epochs: 2, losses: ['rec'] },
    { phase: 'adversarial', epochs: 2, losses: ['d', 'rec', 'adv'] },
  ],
  keptTensors: 6, // generator: 3 kernels + 3 biases
});
