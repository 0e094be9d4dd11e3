import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AdaarInputError,
  type Dataset,
  type Frame,
  fitPreprocessor,
  loadBuiltin,
  loadCsv,
  loadHmeq,
  loadLendingClub,
  monthIndex,
  outOfTimeSplit,
  stratifiedSplit,
  subsamplePositives,
  syntheticCredit,
  validationSplit,
} from '@adaar/data';
import { type DatasetSpec, parseSyntheticSplit } from './options';
import { deriveSeed } from './seeds';
import type { SplitInfo } from './setup';

/** Train (the fit part), validation (carved from the training split) and test, preprocessed. */
export interface PreparedSplit {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
}

/** A loaded, checked dataset that prepares (split, seed) pairs on demand. */
export interface DataSource {
  readonly id: string;
  readonly label: string;
  readonly splits: readonly string[];
  readonly splitInfo: readonly SplitInfo[];
  /** SHA-256 (16 hex) of the data file or the generator settings. */
  readonly hash: string;
  readonly targetPositiveRate?: number;
  /** Train/validation/test of one split for one repetition seed (cached, deterministic). */
  prepare(split: string, seed: number): PreparedSplit;
}

/** Fraction of the training split held out for early stopping. */
export const VALIDATION_FRACTION = 0.2;
/** Fraction of the rows used as test set in a stratified (non-temporal) split. */
export const TEST_FRACTION = 0.3;
/** Positive rate from which `--target-positive-rate auto` subsamples positives (R@P_0.1 is then near-trivial). */
export const AUTO_SUBSAMPLE_FROM = 0.07;
/** The rate `auto` subsamples to (evaluation.md). */
export const AUTO_TARGET_RATE = 0.02;
/** Fewest high-risk rows the training part must keep (SMOTE/ADASYN need k + 1 = 6). */
export const MIN_TRAIN_POSITIVES = 6;

type SplitDef =
  | {
      readonly name: string;
      readonly kind: 'period';
      readonly train: readonly number[];
      readonly test: readonly number[];
    }
  | { readonly name: string; readonly kind: 'stratified' };

function sha16(buf: Buffer | string): string {
  return createHash('sha256').update(buf).digest('hex').slice(0, 16);
}

function periodValue(option: string, raw: string): number {
  const m = monthIndex(raw, true);
  if (m !== undefined) return m;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) {
    throw new AdaarInputError(option, `"${raw}" is neither a number nor a YYYY-MM month`);
  }
  return n;
}

interface Loaded {
  id: string;
  label: string;
  frame: Frame;
  hash: string;
  splits: SplitDef[];
}

async function load(spec: DatasetSpec): Promise<Loaded> {
  switch (spec.kind) {
    case 'synthetic': {
      const defs = spec.splits.map((s) => ({ name: s, ...parseSyntheticSplit(s) }));
      const months = [...new Set(defs.flatMap((d) => [d.train, d.test]))].sort((a, b) => a - b);
      const frame = syntheticCredit({ seed: 0, months });
      return {
        id: 'synthetic',
        label: 'synthetic credit (embedded, seed 0)',
        frame,
        hash: sha16(JSON.stringify({ generator: 'syntheticCredit', seed: 0 })),
        splits: defs.map((d) => ({
          name: d.name,
          kind: 'period',
          train: [d.train],
          test: [d.test],
        })),
      };
    }
    case 'builtin':
      return {
        id: spec.name,
        label: spec.name,
        frame: await loadBuiltin(spec.name),
        hash: sha16(spec.name),
        splits: [{ name: 'holdout', kind: 'stratified' }],
      };
    case 'hmeq':
      return {
        id: 'hmeq',
        label: `HMEQ (${spec.path})`,
        frame: await loadHmeq(spec.path),
        hash: sha16(readFileSync(spec.path)),
        splits: [{ name: 'holdout', kind: 'stratified' }],
      };
    case 'lending-club': {
      const train = (spec.train ?? ['2010-01..2010-12']).flatMap((p) => expandMonths('--train', p));
      const test = (spec.test ?? ['2011-03..2011-08']).flatMap((p) => expandMonths('--test', p));
      return {
        id: 'lending-club',
        label: `Lending Club 2007-2011 (${spec.path})`,
        frame: await loadLendingClub(spec.path),
        hash: sha16(readFileSync(spec.path)),
        splits: [{ name: `${rangeName(train)}/${rangeName(test)}`, kind: 'period', train, test }],
      };
    }
    case 'csv': {
      const frame = await loadCsv(spec.path, {
        label: spec.label,
        positive: spec.positive,
        ...(spec.period ? { period: spec.period } : {}),
        ...(spec.drop ? { drop: spec.drop } : {}),
        ...(spec.categorical ? { categorical: spec.categorical } : {}),
      }).catch((e: unknown) => {
        throw remap(e, CSV_OPTIONS);
      });
      const base = spec.path.split(/[\\/]/).pop() ?? spec.path;
      const splits: SplitDef[] =
        spec.period && spec.train && spec.test
          ? [
              {
                name: `${spec.train.join('+')}/${spec.test.join('+')}`,
                kind: 'period',
                train: spec.train.map((p) => periodValue('--train', p)),
                test: spec.test.map((p) => periodValue('--test', p)),
              },
            ]
          : [{ name: 'holdout', kind: 'stratified' }];
      return {
        id: `csv:${base}`,
        label: `${base} (label ${spec.label} = ${spec.positive.join('|')})`,
        frame,
        hash: sha16(readFileSync(spec.path)),
        splits,
      };
    }
  }
}

/** `2010-01..2010-12` -> every month index in between; a single `YYYY-MM` -> itself. */
function expandMonths(option: string, s: string): number[] {
  const [a, b] = s.split('..');
  const lo = monthIndex(a, true);
  const hi = b === undefined ? lo : monthIndex(b, true);
  if (lo === undefined || hi === undefined || hi < lo) {
    throw new AdaarInputError(
      option,
      `"${s}" is not a month (YYYY-MM) or a range YYYY-MM..YYYY-MM`,
    );
  }
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

function rangeName(months: readonly number[]): string {
  const label = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  return months.length === 1 ? label(months[0]) : `${label(months[0])}..${label(months.at(-1)!)}`;
}

function positives(y: Uint8Array, rows: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) n += y[rows[i]];
  return n;
}

/**
 * Reruns `f`, turning an AdaarInputError about a data-package argument into one about the CLI
 * option that supplied it (e.g. `train: ...` -> `--train: ...`).
 */
function asOption<T>(f: () => T, map: Readonly<Record<string, string>>): T {
  try {
    return f();
  } catch (e) {
    throw remap(e, map);
  }
}

function remap(e: unknown, map: Readonly<Record<string, string>>): unknown {
  if (e instanceof AdaarInputError && map[e.argument]) {
    return new AdaarInputError(map[e.argument], e.message.slice(e.argument.length + 2));
  }
  return e;
}

const CSV_OPTIONS: Readonly<Record<string, string>> = {
  label: '--label',
  positive: '--positive',
  period: '--period',
  drop: '--drop',
  categorical: '--categorical',
  path: '--csv',
  text: '--csv',
};

/**
 * Loads the data of `spec`, checks it (label, periods, both classes in train and test, enough
 * high-risk training rows) and measures each split, all before any training.
 * @throws AdaarInputError naming the option or the data problem.
 */
export async function openDataSource(
  spec: DatasetSpec,
  opts: { targetPositiveRate: number | 'auto' | 'none' },
): Promise<DataSource> {
  const loaded = await load(spec);
  const { frame } = loaded;
  let allPos = 0;
  for (let i = 0; i < frame.nRows; i++) allPos += frame.y[i];
  const overall = allPos / frame.nRows;
  let target: number | undefined;
  if (typeof opts.targetPositiveRate === 'number') target = opts.targetPositiveRate;
  else if (opts.targetPositiveRate === 'auto' && overall >= AUTO_SUBSAMPLE_FROM)
    target = AUTO_TARGET_RATE;
  if (target !== undefined && target >= overall) target = undefined;

  const rowsOf = (def: SplitDef, seed: number) => {
    let train: Uint32Array;
    let test: Uint32Array;
    if (def.kind === 'period') {
      ({ train, test } = asOption(
        () => outOfTimeSplit(frame, { train: def.train, test: def.test }),
        {
          train: '--train',
          test: '--test',
          data: '--period',
        },
      ));
    } else {
      ({ train, test } = stratifiedSplit(frame, {
        testSize: TEST_FRACTION,
        seed: deriveSeed(seed, 'split'),
      }));
    }
    if (target !== undefined) {
      train = subsamplePositives(frame, train, {
        rate: target,
        seed: deriveSeed(seed, 'subsample:train'),
      });
      test = subsamplePositives(frame, test, {
        rate: target,
        seed: deriveSeed(seed, 'subsample:test'),
      });
    }
    return { train, test };
  };

  const splitInfo: SplitInfo[] = loaded.splits.map((def) => {
    const { train, test } = rowsOf(def, 0);
    const pTrain = positives(frame.y, train);
    const pTest = positives(frame.y, test);
    const where = `split ${def.name} of ${loaded.label}`;
    if (test.length === 0 || train.length === 0) {
      throw new AdaarInputError(
        'data',
        `${where} has an empty ${train.length === 0 ? 'training' : 'test'} part`,
      );
    }
    if (pTest === 0 || pTest === test.length) {
      throw new AdaarInputError(
        'data',
        `${where}: the test part has one class only (${pTest} high-risk of ${test.length})`,
      );
    }
    if (pTrain === train.length) {
      throw new AdaarInputError('data', `${where}: the training part has high-risk rows only`);
    }
    if (pTrain * (1 - VALIDATION_FRACTION) < MIN_TRAIN_POSITIVES) {
      throw new AdaarInputError(
        'data',
        `${where}: the training part has ${pTrain} high-risk rows; at least ${Math.ceil(MIN_TRAIN_POSITIVES / (1 - VALIDATION_FRACTION))} are needed`,
      );
    }
    return {
      split: def.name,
      nTrain: train.length,
      nTrainPositive: pTrain,
      nTest: test.length,
      nTestPositive: pTest,
      testPositiveRate: pTest / test.length,
      ...(target !== undefined
        ? {
            note: `positives subsampled to ${(100 * target).toFixed(1)} % in train and test (seeded)`,
          }
        : {}),
    };
  });

  const cache = new Map<string, PreparedSplit>();
  const prepare = (split: string, seed: number): PreparedSplit => {
    const key = `${split}|${seed}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const def = loaded.splits.find((d) => d.name === split);
    if (!def) throw new AdaarInputError('split', `unknown split "${split}"`);
    const { train, test } = rowsOf(def, seed);
    const { train: fit, validation } = validationSplit(frame, train, {
      fraction: VALIDATION_FRACTION,
      seed: deriveSeed(seed, 'validation'),
    });
    const pre = fitPreprocessor(frame, fit);
    const out = {
      train: pre.transform(frame, fit),
      validation: pre.transform(frame, validation),
      test: pre.transform(frame, test),
    };
    if (cache.size >= 2) cache.delete(cache.keys().next().value as string);
    cache.set(key, out);
    return out;
  };

  return {
    id: loaded.id,
    label: loaded.label,
    splits: loaded.splits.map((d) => d.name),
    splitInfo,
    hash: loaded.hash,
    ...(target !== undefined ? { targetPositiveRate: target } : {}),
    prepare,
  };
}
