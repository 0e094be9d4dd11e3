// ADAAR design screen (issue 7). Validation only unless MODE=test.
// Build: see README.md in this folder. Usage:
//   node screen.cjs <out.json> <seeds: 1,2> <configs: name,name,...>
// Env: DATA (synthetic | polish-1year | polish-5year | taiwan-default | hmeq | lending-club),
// T (iterations, default 1500), AE (AE epochs, default 20), MODE ('val' | 'test'),
// K (default 1), MLP_EPOCHS (default 20), CLS (classifiers, default 'lr,mlp'; 'rf' = the
// forest when @adaar/core exports it), HALF=1 (also score with synthetic weight 0.5),
// SYNTH_DIR (cache the synthetic rows there; a cached draw is reused instead of refitting).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as core from '@adaar/core';
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
  loadHmeq,
  loadLendingClub,
  monthIndex,
  outOfTimeSplit,
  SYNTHETIC_SPLITS,
  stratifiedSplit,
  subsamplePositives,
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
const CLS = (process.env.CLS ?? 'lr,mlp').split(',');
const SYNTH_DIR = process.env.SYNTH_DIR;
/** Share of train carved off for validation (screening), stratified, per seed. */
const VAL_FRACTION = 0.25;
/** As the bench's `--target-positive-rate auto`: data with >= 7 % positives is thinned to 2 %. */
const AUTO_FROM = 0.07;
const AUTO_RATE = 0.02;

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
  // session 2 hypotheses
  'paper-d2s25': { d2SyntheticShare: 0.25 },
  'paper-fm1': { featureMatchingWeight: 1 },
  'paper-filt50': { sampleFilterKeep: 0.5 },
  'a2r-d2s25': { ...a2r, d2SyntheticShare: 0.25 },
  'a2r-fm1': { ...a2r, featureMatchingWeight: 1 },
  'a2r-filt50': { ...a2r, sampleFilterKeep: 0.5 },
  'a2r-fm1-filt50': { ...a2r, featureMatchingWeight: 1, sampleFilterKeep: 0.5 },
};

type Cls = {
  fit(d: Dataset, o: object): Promise<void>;
  predictProba(d: Dataset): Promise<Float64Array>;
  dispose(): void;
};
function makeClassifier(kind: string): Cls {
  if (kind === 'lr') return new LogisticRegression({ C: 1 }) as unknown as Cls;
  if (kind === 'mlp') return new MLPClassifier({ maxEpochs: MLP_EPOCHS }) as unknown as Cls;
  if (kind === 'rf') {
    const RF = (core as Record<string, unknown>).RandomForestClassifier as
      | (new (
          o?: object,
        ) => Cls)
      | undefined;
    if (!RF) throw new Error('RandomForestClassifier is not exported by @adaar/core yet');
    return new RF({});
  }
  throw new Error(`unknown classifier ${kind}`);
}

async function scores(train: Dataset, w: Float64Array | undefined, evalSet: Dataset, seed: number) {
  const out: Record<string, number> = {};
  for (const k of CLS) {
    const t0 = performance.now();
    const c = makeClassifier(k);
    await c.fit(train, { seed, ...(w ? { sampleWeight: w } : {}) });
    const p = await c.predictProba(evalSet);
    c.dispose();
    out[`${k}_auc`] = auc(evalSet.y, p);
    out[`${k}_rp10`] = recallAtPrecision(evalSet.y, p, 0.1);
    out[`${k}_rp20`] = recallAtPrecision(evalSet.y, p, 0.2);
    out[`${k}_sec`] = (performance.now() - t0) / 1000;
  }
  return out;
}

async function loadFrame(data: string): Promise<Frame> {
  if (data === 'synthetic') {
    const split = SYNTHETIC_SPLITS['M7/M9'];
    return syntheticCredit({ months: [...split.train, ...split.test] });
  }
  if (data === 'hmeq') return loadHmeq('/work/shared/datasets/hmeq/hmeq.csv');
  if (data === 'lending-club') {
    return loadLendingClub(
      '/work/shared/datasets/lending-club-2007-2011/lending_club_2007_2011.csv.gz',
    );
  }
  return loadBuiltin(data as 'polish-1year', {
    dir: process.env.BUILTIN_DIR ?? 'packages/data/datasets',
  });
}

function months(a: string, b: string): number[] {
  const lo = monthIndex(a, true) as number;
  const hi = monthIndex(b, true) as number;
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Train/test rows for one seed: out of time where the data has time, else stratified 70/30. */
function trainTest(frame: Frame, data: string, seed: number) {
  let tt: { train: Uint32Array; test: Uint32Array };
  if (data === 'synthetic') tt = outOfTimeSplit(frame, SYNTHETIC_SPLITS['M7/M9']);
  else if (data === 'lending-club') {
    // the bench's default Lending Club split: issue_d 2010 -> 2011-03..2011-08
    tt = outOfTimeSplit(frame, {
      train: months('2010-01', '2010-12'),
      test: months('2011-03', '2011-08'),
    });
  } else tt = stratifiedSplit(frame, { testSize: 0.3, seed });
  let pos = 0;
  for (let i = 0; i < frame.nRows; i++) pos += frame.y[i];
  if (pos / frame.nRows >= AUTO_FROM) {
    tt = {
      train: subsamplePositives(frame, tt.train, { rate: AUTO_RATE, seed: seed * 1000 + 11 }),
      test: subsamplePositives(frame, tt.test, { rate: AUTO_RATE, seed: seed * 1000 + 13 }),
    };
  }
  return tt;
}

async function main() {
  const info = await initBackend({ backend: 'wasm' });
  registerGanSamplers();
  const DATA = process.env.DATA ?? 'synthetic';
  const frame = await loadFrame(DATA);
  if (SYNTH_DIR) mkdirSync(SYNTH_DIR, { recursive: true });
  const results: unknown[] = existsSync(outPath) ? JSON.parse(readFileSync(outPath, 'utf8')) : [];
  const done = new Set(
    results.map((r) => `${(r as { seed: number }).seed}|${(r as { name: string }).name}`),
  );
  for (const seed of seeds) {
    const tt = trainTest(frame, DATA, seed);
    let fitRows: ArrayLike<number>;
    let evalRows: ArrayLike<number>;
    if (MODE === 'test') {
      fitRows = tt.train;
      evalRows = tt.test;
    } else {
      const v = validationSplit(frame, tt.train, { fraction: VAL_FRACTION, seed });
      fitRows = v.train;
      evalRows = v.validation;
    }
    const pre = fitPreprocessor(frame, fitRows);
    const train = pre.transform(frame, fitRows);
    const evalSet = pre.transform(frame, evalRows);
    const nP = train.y.reduce((s, v) => s + v, 0);
    const nEvalP = evalSet.y.reduce((s, v) => s + v, 0);
    for (const name of cfgArg.split(',')) {
      if (done.has(`${seed}|${name}`)) continue;
      const cfg = CONFIGS[name];
      if (cfg === undefined) throw new Error(`unknown config ${name}`);
      const t0 = performance.now();
      let synth: Float64Array = new Float64Array(0);
      let diag: unknown = null;
      const cache = SYNTH_DIR ? `${SYNTH_DIR}/${MODE}-${DATA}-${seed}-${name}-T${T}-K${K}` : '';
      if (cfg !== 'ns') {
        if (cache && existsSync(`${cache}.f64`)) {
          const buf = readFileSync(`${cache}.f64`);
          synth = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8).slice();
          diag = JSON.parse(readFileSync(`${cache}.json`, 'utf8'));
        } else {
          const sampler =
            typeof cfg === 'string' ? createSampler(cfg) : new Adaar({ ...base, ...cfg });
          const fitted = await sampler.fit(train, { seed });
          synth = (await fitted.sample(K * nP, { seed: seed + 1000 })) as Float64Array;
          diag = (fitted as { diagnostics?: unknown }).diagnostics ?? null;
          (fitted as { dispose?: () => void }).dispose?.();
          if (cache) {
            writeFileSync(
              `${cache}.f64`,
              Buffer.from(synth.buffer, synth.byteOffset, synth.byteLength),
            );
            writeFileSync(`${cache}.json`, JSON.stringify(diag));
          }
        }
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
        nFit: train.nRows,
        nCols: train.nCols,
        nEval: evalSet.nRows,
        nEvalP,
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
          ...Object.fromEntries(
            Object.entries(m1)
              .filter(([k]) => k.endsWith('_auc') || k.endsWith('_rp20'))
              .map(([k, v]) => [k, v.toFixed(3)]),
          ),
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
