// ADAAR design screen (issue 7). Validation only unless MODE=test.
// Build: see README.md in this folder. Usage:
//   node screen.cjs <out.json> <seeds: 1,2> <configs: name,name,...>
// Env: T (iterations, default 1500), AE (AE epochs, default 20), MODE ('val' | 'test'),
// K (default 1), MLP_EPOCHS (default 20).
import { writeFileSync } from 'node:fs';
import {
  Adaar,
  type AdaarOptions,
  initBackend,
  LogisticRegression,
  MLPClassifier,
} from '@adaar/core';
import {
  createDataset,
  type Dataset,
  type Frame,
  fitPreprocessor,
  loadBuiltin,
  outOfTimeSplit,
  SYNTHETIC_SPLITS,
  stratifiedSplit,
  syntheticCredit,
  validationSplit,
} from '@adaar/data';
import { registerGanSamplers } from '@adaar/gans';
import { auc, recallAtPrecision } from '@adaar/metrics';
import { createSampler } from '@adaar/samplers';

const [outPath, seedArg, cfgArg] = process.argv.slice(2);
const seeds = seedArg.split(',').map(Number);
const T = Number(process.env.T ?? 1500);
const AE = Number(process.env.AE ?? 20);
const MODE = process.env.MODE ?? 'val';
const K = Number(process.env.K ?? 1);
const MLP_EPOCHS = Number(process.env.MLP_EPOCHS ?? 20);

const base: AdaarOptions = { iterations: T, aeEpochs: AE };
const a2r: AdaarOptions = { space: 'anchored', residualDecode: true, aeBalancedBatches: true };
const CONFIGS: Record<string, AdaarOptions | string> = {
  ns: 'ns',
  ros: 'ros',
  smote: 'smote',
  adasyn: 'adasyn',
  bagan: 'bagan',
  glgan: 'glgan',
  paper: {},
  'paper-no-ae': { ae: false },
  'paper-no-d1': { d1: false },
  'paper-no-d2': { d2: false },
  'paper-ov1': { overlapWeight: 1 },
  'paper-ov5': { overlapWeight: 5 },
  a2r: a2r,
  'a2r-ov1': { ...a2r, overlapWeight: 1 },
  'a2r-ov5': { ...a2r, overlapWeight: 5 },
  'a2r-ov5-no-ae': { ...a2r, overlapWeight: 5, ae: false },
  'a2r-ov5-no-d1': { ...a2r, overlapWeight: 5, d1: false },
  'a2r-ov5-no-d2': { ...a2r, overlapWeight: 5, d2: false },
  'a2r-no-ae': { ...a2r, ae: false },
  'a2r-no-d1': { ...a2r, d1: false },
  'a2r-no-d2': { ...a2r, d2: false },
  'paper-balae-ov5': { aeBalancedBatches: true, overlapWeight: 5 },
};

async function scores(train: Dataset, w: Float64Array | undefined, evalSet: Dataset, seed: number) {
  const out: Record<string, number> = {};
  const lr = new LogisticRegression({ C: 1 });
  await lr.fit(train, { seed, ...(w ? { sampleWeight: w } : {}) });
  const pl = await lr.predictProba(evalSet);
  lr.dispose();
  const mlp = new MLPClassifier({ maxEpochs: MLP_EPOCHS });
  await mlp.fit(train, { seed, ...(w ? { sampleWeight: w } : {}) });
  const pm = await mlp.predictProba(evalSet);
  mlp.dispose();
  for (const [k, p] of [
    ['lr', pl],
    ['mlp', pm],
  ] as const) {
    out[`${k}_auc`] = auc(evalSet.y, p);
    out[`${k}_rp10`] = recallAtPrecision(evalSet.y, p, 0.1);
    out[`${k}_rp20`] = recallAtPrecision(evalSet.y, p, 0.2);
  }
  return out;
}

async function main() {
  const info = await initBackend({ backend: 'wasm' });
  registerGanSamplers();
  const DATA = process.env.DATA ?? 'synthetic';
  const split = SYNTHETIC_SPLITS['M7/M9'];
  const frame: Frame =
    DATA === 'synthetic'
      ? syntheticCredit({ months: [...split.train, ...split.test] })
      : await loadBuiltin(DATA as 'polish-1year', {
          dir: process.env.BUILTIN_DIR ?? 'packages/data/datasets',
        });
  const results: unknown[] = [];
  for (const seed of seeds) {
    // synthetic: out of time M7 -> M9; real data: stratified 70/30, redrawn per seed
    const tt =
      DATA === 'synthetic'
        ? outOfTimeSplit(frame, split)
        : stratifiedSplit(frame, { testSize: 0.3, seed });
    let fitRows: ArrayLike<number>;
    let evalRows: ArrayLike<number>;
    if (MODE === 'test') {
      fitRows = tt.train;
      evalRows = tt.test;
    } else {
      const v = validationSplit(frame, tt.train, { fraction: 0.25, seed });
      fitRows = v.train;
      evalRows = v.validation;
    }
    const pre = fitPreprocessor(frame, fitRows);
    const train = pre.transform(frame, fitRows);
    const evalSet = pre.transform(frame, evalRows);
    const nP = train.y.reduce((s, v) => s + v, 0);
    for (const name of cfgArg.split(',')) {
      const cfg = CONFIGS[name];
      if (cfg === undefined) throw new Error(`unknown config ${name}`);
      const t0 = performance.now();
      let synth: Float64Array = new Float64Array(0);
      let diag: unknown = null;
      if (cfg !== 'ns') {
        const sampler =
          typeof cfg === 'string' ? createSampler(cfg) : new Adaar({ ...base, ...cfg });
        const fitted = await sampler.fit(train, { seed });
        synth = (await fitted.sample(K * nP, { seed: seed + 1000 })) as Float64Array;
        diag = (fitted as { diagnostics?: unknown }).diagnostics ?? null;
        (fitted as { dispose?: () => void }).dispose?.();
      }
      const fitSec = (performance.now() - t0) / 1000;
      const nS = synth.length / train.nCols;
      const X = new Float64Array(train.X.length + synth.length);
      X.set(train.X);
      X.set(synth, train.X.length);
      const y = new Uint8Array(train.nRows + nS);
      y.set(train.y);
      y.fill(1, train.nRows);
      const aug = createDataset(X, y, train.nCols);
      const m1 = await scores(aug, undefined, evalSet, seed);
      let mHalf: Record<string, number> = {};
      if (nS > 0 && process.env.HALF === '1') {
        const w = new Float64Array(aug.nRows).fill(1);
        w.fill(0.5, train.nRows);
        mHalf = Object.fromEntries(
          Object.entries(await scores(aug, w, evalSet, seed)).map(([k, v]) => [`w05_${k}`, v]),
        );
      }
      const rec = {
        mode: MODE,
        data: DATA === 'synthetic' ? 'synthetic M7/M9' : DATA,
        seed,
        name,
        cfg,
        T,
        AE,
        K,
        backend: info.name,
        fitSec,
        nP,
        nEval: evalSet.nRows,
        ...m1,
        ...mHalf,
        diag,
      };
      results.push(rec);
      console.log(
        JSON.stringify({
          seed,
          name,
          fitSec: fitSec.toFixed(1),
          lr: m1.lr_auc.toFixed(4),
          mlp: m1.mlp_auc.toFixed(4),
          lrR: m1.lr_rp20.toFixed(3),
          mlpR: m1.mlp_rp20.toFixed(3),
        }),
      );
      writeFileSync(outPath, JSON.stringify(results, null, 1));
    }
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
