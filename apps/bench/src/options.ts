import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { AdaarInputError } from '@adaar/data';

/** An oversampling rate: K x (number of high-risk training rows), or `'balance'` (as many as low-risk). */
export type KValue = number | 'balance';

/** Names of the real datasets shipped inside @adaar/data. */
export const BUILTIN_DATASETS = [
  'polish-1year',
  'polish-5year',
  'taiwan-default',
  'german-credit',
] as const;

/** Where the rows come from. */
export type DatasetSpec =
  | { readonly kind: 'synthetic'; readonly splits: readonly string[] }
  | { readonly kind: 'builtin'; readonly name: (typeof BUILTIN_DATASETS)[number] }
  | { readonly kind: 'hmeq'; readonly path: string }
  | {
      readonly kind: 'lending-club';
      readonly path: string;
      readonly train?: readonly string[];
      readonly test?: readonly string[];
    }
  | {
      readonly kind: 'csv';
      readonly path: string;
      readonly label: string;
      readonly positive: readonly string[];
      readonly period?: string;
      readonly train?: readonly string[];
      readonly test?: readonly string[];
      readonly categorical?: readonly string[];
      readonly drop?: readonly string[];
    };

/** A training-length profile: `default` reproduces the paper's protocol, `quick` is a smoke run. */
export type Profile = 'default' | 'quick';

/** The downstream classifier, identical for every method. */
export type ClassifierName = 'mlp' | 'logreg' | 'forest';

/** A TensorFlow.js backend request (`auto`: native if available, else wasm). */
export type BackendName = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

/** Everything a bench run needs; produced by {@link parseBenchArgs}. */
export interface BenchConfig {
  readonly profile: Profile;
  readonly dataset: DatasetSpec;
  /** Method ids in table order (lower case, e.g. `ns`, `adaar-no-d1`). */
  readonly methods: readonly string[];
  /** Repetition seeds; each seeds the split, the classifier and the samplers of one repetition. */
  readonly seeds: readonly number[];
  /** Oversampling rate of Table 2. Default 1. */
  readonly k: KValue;
  /** Rates of Figure 2, or undefined when not sweeping. */
  readonly sweepK?: readonly KValue[];
  readonly classifier: ClassifierName;
  /** Subsample positives in train and test to this rate; `auto` = 2 % when the data has >= 7 % positives. */
  readonly targetPositiveRate: number | 'auto' | 'none';
  /** Precisions of the R@P columns; `'auto'` = about 3.5x the test positive rate. */
  readonly precisions: readonly (number | 'auto')[];
  readonly out: string;
  readonly workers: number;
  readonly backend: BackendName;
  /** Paths of user sampler modules (see README). */
  readonly samplerModules: readonly string[];
}

/** What the command line asks for. */
export type BenchCommand =
  | { readonly kind: 'run'; readonly config: BenchConfig }
  | { readonly kind: 'report'; readonly out: string }
  | { readonly kind: 'perf'; readonly target: 'samplers' | 'nn'; readonly args: readonly string[] }
  | { readonly kind: 'help' };

/** Methods of the default run, in the paper's table order. */
export const DEFAULT_METHODS = [
  'ns',
  'ros',
  'smote',
  'adasyn',
  'bagan',
  'glgan',
  'adaar',
  'adaar-no-ae',
  'adaar-no-d1',
  'adaar-no-d2',
] as const;

const PROFILE_SEEDS: Record<Profile, number> = { default: 5, quick: 2 };

const OPTIONS = {
  profile: { type: 'string' },
  dataset: { type: 'string' },
  path: { type: 'string' },
  splits: { type: 'string' },
  csv: { type: 'string' },
  label: { type: 'string' },
  positive: { type: 'string' },
  period: { type: 'string' },
  train: { type: 'string' },
  test: { type: 'string' },
  categorical: { type: 'string' },
  drop: { type: 'string' },
  methods: { type: 'string' },
  seeds: { type: 'string' },
  k: { type: 'string' },
  'sweep-k': { type: 'string' },
  classifier: { type: 'string' },
  'target-positive-rate': { type: 'string' },
  precision: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  backend: { type: 'string' },
  'sampler-module': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

function fail(option: string, message: string): never {
  throw new AdaarInputError(option, message);
}

function list(option: string, value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) fail(option, `expected a comma-separated list, got "${value}"`);
  return items;
}

/** Parses one K: a positive number or `balance`. */
export function parseK(option: string, value: string): KValue {
  const v = value.trim().toLowerCase();
  if (v === 'balance' || v === 'bal' || v === 'balanced') return 'balance';
  const n = Number(v);
  if (v === '' || !Number.isFinite(n) || n <= 0) {
    fail(option, `expected a positive number or "balance", got "${value}"`);
  }
  return n;
}

function parseSeeds(value: string): number[] {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n < 1 || n > 1000)
      fail('--seeds', `expected a count in 1..1000 or a list like 0,1,2, got "${value}"`);
    return Array.from({ length: n }, (_, i) => i);
  }
  const seeds = list('--seeds', v).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      fail('--seeds', `"${s}" is not a non-negative integer seed`);
    }
    return n;
  });
  if (new Set(seeds).size !== seeds.length) fail('--seeds', `lists a seed twice: "${value}"`);
  return seeds;
}

function parsePositiveInt(option: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > max) {
    fail(option, `expected an integer in 1..${max}, got "${value}"`);
  }
  return n;
}

function parseRate(option: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n >= 1) {
    fail(option, `expected a fraction strictly between 0 and 1 (e.g. 0.02), got "${value}"`);
  }
  return n;
}

/** Names of the synthetic splits: `M<train month>/M<test month>`, months 1..12, test after train. */
export function parseSyntheticSplit(value: string): { train: number; test: number } {
  const m = /^M(\d{1,2})\/M(\d{1,2})$/i.exec(value.trim());
  const train = m ? Number(m[1]) : Number.NaN;
  const test = m ? Number(m[2]) : Number.NaN;
  if (!m || train < 1 || train > 12 || test < 1 || test > 12 || test <= train) {
    fail(
      '--splits',
      `"${value}" is not a synthetic split: use M<a>/M<b> with months 1..12 and b > a (e.g. M7/M9)`,
    );
  }
  return { train, test };
}

function timestamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-` +
    `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`
  );
}

function parseDataset(v: Record<string, string | undefined>): DatasetSpec {
  const csvOnly = ['label', 'positive', 'categorical', 'drop'] as const;
  const periodOpts = ['period', 'train', 'test'] as const;
  let name = v.dataset?.trim().toLowerCase();
  if (v.csv !== undefined) {
    if (name !== undefined && name !== 'csv') {
      fail('--csv', `cannot be combined with --dataset ${v.dataset}`);
    }
    name = 'csv';
  }
  name ??= 'synthetic';
  const forbid = (opts: readonly string[], why: string) => {
    for (const o of opts) if (v[o] !== undefined) fail(`--${o}`, why);
  };
  if (name !== 'synthetic' && v.splits !== undefined) {
    fail('--splits', 'applies to --dataset synthetic only (use --train/--test for a CSV)');
  }
  if (name !== 'hmeq' && name !== 'lending-club' && v.path !== undefined) {
    fail(
      '--path',
      'applies to --dataset hmeq and --dataset lending-club only (use --csv for a CSV)',
    );
  }
  if (name === 'synthetic') {
    forbid([...csvOnly, ...periodOpts], 'applies to --csv data only');
    const splits = v.splits !== undefined ? list('--splits', v.splits) : ['M7/M9', 'M9/M11'];
    const canonical = splits.map((s) => {
      const { train, test } = parseSyntheticSplit(s);
      return `M${train}/M${test}`;
    });
    if (new Set(canonical).size !== canonical.length) fail('--splits', 'lists a split twice');
    return { kind: 'synthetic', splits: canonical };
  }
  if ((BUILTIN_DATASETS as readonly string[]).includes(name)) {
    forbid([...csvOnly, ...periodOpts], `does not apply to the built-in dataset ${name}`);
    return { kind: 'builtin', name: name as (typeof BUILTIN_DATASETS)[number] };
  }
  if (name === 'hmeq' || name === 'lending-club') {
    if (v.path === undefined) {
      fail('--path', `--dataset ${name} needs --path FILE (the CSV, or .csv.gz, on your disk)`);
    }
    forbid(csvOnly, `does not apply to --dataset ${name}`);
    if (name === 'hmeq') {
      forbid(
        periodOpts,
        'does not apply to hmeq (it has no time column; a stratified split is used)',
      );
      return { kind: 'hmeq', path: v.path };
    }
    if (v.period !== undefined) fail('--period', 'lending-club always uses issue_d');
    if ((v.train === undefined) !== (v.test === undefined)) {
      fail(v.train === undefined ? '--train' : '--test', 'give --train and --test together');
    }
    return {
      kind: 'lending-club',
      path: v.path,
      ...(v.train !== undefined ? { train: list('--train', v.train) } : {}),
      ...(v.test !== undefined ? { test: list('--test', v.test) } : {}),
    };
  }
  if (name === 'csv') {
    if (v.csv === undefined) fail('--csv', '--dataset csv needs --csv PATH');
    if (v.label === undefined) fail('--label', 'a CSV needs --label COLUMN (the target column)');
    if (v.positive === undefined) {
      fail('--positive', 'a CSV needs --positive VALUE (the label value(s) meaning high-risk)');
    }
    if (v.period === undefined && (v.train !== undefined || v.test !== undefined)) {
      fail(v.train !== undefined ? '--train' : '--test', 'needs --period COLUMN');
    }
    if (v.period !== undefined && (v.train === undefined || v.test === undefined)) {
      fail(
        v.train === undefined ? '--train' : '--test',
        '--period needs both --train P1,P2 and --test P3',
      );
    }
    const spec: DatasetSpec = {
      kind: 'csv',
      path: v.csv,
      label: v.label,
      positive: list('--positive', v.positive),
      ...(v.period !== undefined
        ? { period: v.period, train: list('--train', v.train!), test: list('--test', v.test!) }
        : {}),
      ...(v.categorical !== undefined ? { categorical: list('--categorical', v.categorical) } : {}),
      ...(v.drop !== undefined ? { drop: list('--drop', v.drop) } : {}),
    };
    if (spec.train && spec.test) {
      const overlap = spec.test.filter((p) => spec.train!.includes(p));
      if (overlap.length > 0) fail('--test', `period ${overlap[0]} is also in --train`);
    }
    return spec;
  }
  return fail(
    '--dataset',
    `unknown dataset "${v.dataset}"; expected synthetic, ${BUILTIN_DATASETS.join(', ')}, hmeq, lending-club or csv`,
  );
}

/**
 * Parses the bench's command line (everything after `cli.js`).
 *
 * Method names are checked later by {@link checkMethods}, once user sampler modules are loaded.
 *
 * @param argv - arguments, e.g. `['--seeds', '3', '--methods', 'ns,ros']`
 * @param now - clock used for the default output folder `results/<timestamp>/`
 * @throws AdaarInputError naming the option (e.g. `--seeds: ...`) for every unknown or malformed option.
 */
export function parseBenchArgs(argv: readonly string[], now: Date = new Date()): BenchCommand {
  const args = [...argv];
  if (args[0] === 'perf') {
    const target = args[1];
    if (target !== 'samplers' && target !== 'nn') {
      fail('perf', `expected "perf samplers" or "perf nn", got "perf ${target ?? ''}"`);
    }
    return { kind: 'perf', target, args: args.slice(2) };
  }
  let sub: 'run' | 'report' = 'run';
  if (args[0] === 'run' || args[0] === 'report') sub = args.shift() as 'run' | 'report';
  else if (args[0] !== undefined && !args[0].startsWith('-')) {
    fail('command', `unknown command "${args[0]}"; expected run, report or perf`);
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    const opt = /'(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? 'options';
    return fail(opt, msg.replace(/\. To specify a positional.*$/s, ''));
  }
  const v = parsed.values as Record<string, string | undefined> & {
    help?: boolean;
    'sampler-module'?: string[];
  };
  if (parsed.positionals.length > 0) {
    fail('arguments', `unexpected argument "${parsed.positionals[0]}" (options start with --)`);
  }
  if (v.help) return { kind: 'help' };
  if (sub === 'report') {
    for (const k of Object.keys(v)) {
      if (k !== 'out' && v[k] !== undefined) fail(`--${k}`, 'report takes only --out DIR');
    }
    if (v.out === undefined) fail('--out', 'report needs --out DIR (a folder with runs.jsonl)');
    return { kind: 'report', out: v.out };
  }
  let profile: Profile = 'default';
  if (v.profile !== undefined) {
    if (v.profile !== 'default' && v.profile !== 'quick') {
      fail('--profile', `expected default or quick, got "${v.profile}"`);
    }
    profile = v.profile;
  }
  const dataset = parseDataset(v);
  const samplerModules = v['sampler-module'] ?? [];
  let methods: string[] = [...DEFAULT_METHODS];
  if (v.methods !== undefined) {
    methods = list('--methods', v.methods).map((m) => m.toLowerCase());
    if (new Set(methods).size !== methods.length) fail('--methods', 'lists a method twice');
  }
  const seeds =
    v.seeds !== undefined
      ? parseSeeds(v.seeds)
      : Array.from({ length: PROFILE_SEEDS[profile] }, (_, i) => i);
  const k = v.k !== undefined ? parseK('--k', v.k) : 1;
  let sweepK: KValue[] | undefined;
  if (v['sweep-k'] !== undefined) {
    sweepK = list('--sweep-k', v['sweep-k']).map((s) => parseK('--sweep-k', s));
    if (new Set(sweepK).size !== sweepK.length) fail('--sweep-k', 'lists a rate twice');
  }
  let classifier: ClassifierName = 'mlp';
  if (v.classifier !== undefined) {
    if (v.classifier !== 'mlp' && v.classifier !== 'logreg' && v.classifier !== 'forest') {
      fail('--classifier', `expected mlp, logreg or forest, got "${v.classifier}"`);
    }
    classifier = v.classifier;
  }
  let targetPositiveRate: BenchConfig['targetPositiveRate'] = 'auto';
  if (v['target-positive-rate'] !== undefined) {
    const t = v['target-positive-rate'].trim().toLowerCase();
    targetPositiveRate = t === 'auto' || t === 'none' ? t : parseRate('--target-positive-rate', t);
  }
  let precisions: (number | 'auto')[] = [0.1, 'auto'];
  if (v.precision !== undefined) {
    precisions = list('--precision', v.precision).map((s) =>
      s.toLowerCase() === 'auto' ? 'auto' : parseRate('--precision', s),
    );
    if (new Set(precisions).size !== precisions.length) fail('--precision', 'lists a value twice');
  }
  const cores = availableParallelism();
  const workers =
    v.workers !== undefined ? parsePositiveInt('--workers', v.workers, 64) : Math.max(1, cores);
  let backend: BackendName = 'auto';
  if (v.backend !== undefined) {
    if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(v.backend)) {
      fail('--backend', `expected auto, tensorflow, wasm or cpu, got "${v.backend}"`);
    }
    backend = v.backend as BackendName;
  }
  const out = v.out ?? `results/${timestamp(now)}`;
  if (out.trim() === '') fail('--out', 'must not be empty');
  return {
    kind: 'run',
    config: {
      profile,
      dataset,
      methods,
      seeds,
      k,
      ...(sweepK ? { sweepK } : {}),
      classifier,
      targetPositiveRate,
      precisions,
      out,
      workers,
      backend,
      samplerModules,
    },
  };
}

/**
 * Checks that every requested method exists.
 * @param methods - the requested method ids
 * @param known - ids that exist (built-ins plus the names registered by --sampler-module files)
 * @param hasModules - whether the user gave --sampler-module (changes the hint)
 * @throws AdaarInputError (`--methods`) naming the first unknown method and the known ones.
 */
export function checkMethods(
  methods: readonly string[],
  known: readonly string[],
  hasModules: boolean,
): void {
  const knownSet = new Set(known.map((m) => m.toLowerCase()));
  for (const m of methods) {
    if (!knownSet.has(m)) {
      const hint = hasModules ? '' : ' (a sampler of your own needs --sampler-module FILE)';
      fail('--methods', `unknown method "${m}"; known: ${[...knownSet].join(', ')}${hint}`);
    }
  }
}
