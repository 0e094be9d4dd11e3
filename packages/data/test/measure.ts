/**
 * Measures the synthetic generator: generation time, and the no-sampling AUC of a logistic
 * regression and of the default MLP on M7/M9 and M9/M11. Run:
 *   node_modules/.bin/esbuild packages/data/test/measure.ts --bundle --platform=node \
 *     --format=esm --outfile=/tmp/measure.mjs && node /tmp/measure.mjs [seeds...]
 */

import { outOfTimeSplit } from '../src/outOfTimeSplit';
import { fitPreprocessor } from '../src/preprocessor';
import { SYNTHETIC_SPLITS, syntheticCredit } from '../src/syntheticCredit';
import { validationSplit } from '../src/validationSplit';
import { fitLogistic, rankAuc, scoreLogistic } from './logistic';
import { fitMlp, scoreMlp } from './mlp';

const seeds = process.argv.slice(2).map(Number);
const times: number[] = [];
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  syntheticCredit({ seed: 100 + r });
  times.push(performance.now() - t);
}
console.log(`generation, 12 months: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
for (const seed of seeds.length ? seeds : [0]) {
  const frame = syntheticCredit({ seed });
  for (const name of ['M7/M9', 'M9/M11'] as const) {
    const { train, test } = outOfTimeSplit(frame, SYNTHETIC_SPLITS[name]);
    const { train: fit, validation } = validationSplit(frame, train, { seed });
    const pre = fitPreprocessor(frame, fit);
    const a = pre.transform(frame, fit);
    const v = pre.transform(frame, validation);
    const b = pre.transform(frame, test);
    const w = fitLogistic(a.X, a.y, a.nCols, 1);
    const lr = rankAuc(b.y, scoreLogistic(b.X, b.nCols, w));
    const t = performance.now();
    const mlp = fitMlp(a.X, a.y, v.X, v.y, a.nCols, seed);
    const auc = rankAuc(b.y, scoreMlp(mlp, b.X, b.nCols));
    const rate = b.y.reduce((s, x) => s + x, 0) / b.nRows;
    console.log(
      `seed ${seed} ${name}: test rows ${b.nRows}, positive rate ${(100 * rate).toFixed(2)} %, LR AUC ${lr.toFixed(4)}, MLP AUC ${auc.toFixed(4)} (${((performance.now() - t) / 1000).toFixed(0)} s)`,
    );
  }
}
