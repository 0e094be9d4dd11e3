import { describe, expect, it } from 'vitest';
import { type BenchConfig, checkMethods, DEFAULT_METHODS, parseBenchArgs } from './options';

const NOW = new Date(2024, 0, 2, 3, 4, 5);

function run(argv: string[]): BenchConfig {
  const c = parseBenchArgs(argv, NOW);
  if (c.kind !== 'run') throw new Error(`expected a run, got ${c.kind}`);
  return c.config;
}

function errorOf(argv: string[]): string {
  try {
    parseBenchArgs(argv, NOW);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseBenchArgs: defaults', () => {
  it('no flags = the paper protocol on the synthetic data', () => {
    const c = run([]);
    expect(c.dataset).toEqual({ kind: 'synthetic', splits: ['M7/M9', 'M9/M11'] });
    expect(c.methods).toEqual([...DEFAULT_METHODS]);
    expect(c.methods).toHaveLength(10);
    expect(c.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(c.k).toBe(1);
    expect(c.sweepK).toBeUndefined();
    expect(c.classifier).toBe('mlp');
    expect(c.precisions).toEqual([0.1, 'auto']);
    expect(c.out).toBe('results/20240102-030405');
    expect(c.workers).toBeGreaterThanOrEqual(1);
    expect(c.profile).toBe('default');
  });
  it('quick profile has fewer seeds; `run` subcommand is optional', () => {
    expect(run(['run', '--profile', 'quick']).seeds).toEqual([0, 1]);
  });
});

describe('parseBenchArgs: values', () => {
  it('seeds as a count or a list', () => {
    expect(run(['--seeds', '3']).seeds).toEqual([0, 1, 2]);
    expect(run(['--seeds', '7,11, 13']).seeds).toEqual([7, 11, 13]);
  });
  it('k, sweep-k with balance, classifier, rates, workers, backend, methods', () => {
    const c = run([
      '--k=balance',
      '--sweep-k',
      '1,2,4,8,16,balance',
      '--classifier',
      'logreg',
      '--target-positive-rate',
      '0.02',
      '--precision',
      '0.1,0.3',
      '--workers',
      '3',
      '--backend',
      'wasm',
      '--methods',
      'NS,ros,ADAAR',
      '--out',
      '/tmp/x',
    ]);
    expect(c.k).toBe('balance');
    expect(c.sweepK).toEqual([1, 2, 4, 8, 16, 'balance']);
    expect(c.classifier).toBe('logreg');
    expect(run(['--classifier', 'forest']).classifier).toBe('forest');
    expect(run([]).classifier).toBe('mlp');
    expect(c.targetPositiveRate).toBe(0.02);
    expect(c.precisions).toEqual([0.1, 0.3]);
    expect(c.workers).toBe(3);
    expect(c.backend).toBe('wasm');
    expect(c.methods).toEqual(['ns', 'ros', 'adaar']);
    expect(c.out).toBe('/tmp/x');
  });
  it('a CSV with an out-of-time split', () => {
    const c = run([
      '--csv',
      'd.csv',
      '--label',
      'bad',
      '--positive',
      '1,yes',
      '--period',
      'month',
      '--train',
      '2011-01,2011-02',
      '--test',
      '2011-04',
      '--categorical',
      'grade',
      '--drop',
      'id,name',
    ]);
    expect(c.dataset).toEqual({
      kind: 'csv',
      path: 'd.csv',
      label: 'bad',
      positive: ['1', 'yes'],
      period: 'month',
      train: ['2011-01', '2011-02'],
      test: ['2011-04'],
      categorical: ['grade'],
      drop: ['id', 'name'],
    });
  });
  it('built-in, hmeq and lending-club datasets; synthetic splits', () => {
    expect(run(['--dataset', 'polish-1year']).dataset).toEqual({
      kind: 'builtin',
      name: 'polish-1year',
    });
    expect(run(['--dataset', 'hmeq', '--path', 'h.csv']).dataset).toEqual({
      kind: 'hmeq',
      path: 'h.csv',
    });
    expect(run(['--dataset', 'lending-club', '--path', 'lc.csv.gz']).dataset.kind).toBe(
      'lending-club',
    );
    expect(run(['--splits', 'm3/m5']).dataset).toEqual({ kind: 'synthetic', splits: ['M3/M5'] });
  });
  it('perf, report and help commands', () => {
    expect(parseBenchArgs(['perf', 'nn', '--x'], NOW)).toEqual({
      kind: 'perf',
      target: 'nn',
      args: ['--x'],
    });
    expect(parseBenchArgs(['report', '--out', 'r'], NOW)).toEqual({ kind: 'report', out: 'r' });
    expect(parseBenchArgs(['--help'], NOW)).toEqual({ kind: 'help' });
  });
});

describe('parseBenchArgs: errors name the option', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /^--bogus: .*Unknown option/],
    [['--seeds', '0'], /^--seeds: expected a count in 1\.\.1000/],
    [['--seeds', '1,x'], /^--seeds: "x" is not a non-negative integer seed/],
    [['--seeds', '1,1'], /^--seeds: lists a seed twice/],
    [['--k=-2'], /^--k: expected a positive number or "balance"/],
    [['--k', '-2'], /^--k: Option '--k' argument is ambiguous/],
    [['--k', 'abc'], /^--k: /],
    [['--sweep-k', '1,,x'], /^--sweep-k: expected a positive number/],
    [['--sweep-k', '1,1'], /^--sweep-k: lists a rate twice/],
    [['--classifier', 'gbdt'], /^--classifier: expected mlp, logreg or forest, got "gbdt"/],
    [['--target-positive-rate', '2'], /^--target-positive-rate: expected a fraction/],
    [['--precision', '0'], /^--precision: expected a fraction/],
    [['--workers', '0'], /^--workers: expected an integer in 1\.\.64/],
    [['--workers', '1.5'], /^--workers: /],
    [['--backend', 'webgl'], /^--backend: expected auto, tensorflow, wasm or cpu/],
    [['--profile', 'slow'], /^--profile: expected default or quick/],
    [['--dataset', 'nope'], /^--dataset: unknown dataset "nope"/],
    [['--dataset', 'hmeq'], /^--path: --dataset hmeq needs --path FILE/],
    [['--path', 'x.csv'], /^--path: applies to --dataset hmeq and --dataset lending-club only/],
    [['--csv', 'd.csv'], /^--label: a CSV needs --label/],
    [['--csv', 'd.csv', '--label', 'y'], /^--positive: a CSV needs --positive/],
    [
      ['--csv', 'd.csv', '--label', 'y', '--positive', '1', '--train', '1'],
      /^--train: needs --period/,
    ],
    [
      ['--csv', 'd.csv', '--label', 'y', '--positive', '1', '--period', 'm', '--train', '1'],
      /^--test: --period needs both/,
    ],
    [
      [
        '--csv',
        'd.csv',
        '--label',
        'y',
        '--positive',
        '1',
        '--period',
        'm',
        '--train',
        '1,2',
        '--test',
        '2',
      ],
      /^--test: period 2 is also in --train/,
    ],
    [['--label', 'y'], /^--label: applies to --csv data only/],
    [['--splits', 'M9/M7'], /^--splits: "M9\/M7" is not a synthetic split/],
    [['--splits', 'M7/M13'], /^--splits: /],
    [
      ['--dataset', 'german-credit', '--splits', 'M7/M9'],
      /^--splits: applies to --dataset synthetic only/,
    ],
    [['--methods', 'ros,ros'], /^--methods: lists a method twice/],
    [['stray'], /^command: unknown command "stray"/],
    [['--seeds', '2', 'extra'], /^arguments: unexpected argument "extra"/],
    [['report'], /^--out: report needs --out DIR/],
    [['report', '--out', 'x', '--seeds', '2'], /^--seeds: report takes only --out DIR/],
    [['perf', 'gpu'], /^perf: expected "perf samplers" or "perf nn"/],
    [['--csv', 'a.csv', '--dataset', 'hmeq'], /^--csv: cannot be combined with --dataset hmeq/],
  ];
  for (const [argv, re] of cases) {
    it(argv.join(' '), () => {
      expect(errorOf(argv)).toMatch(re);
    });
  }
});

describe('checkMethods', () => {
  it('accepts known methods and names the first unknown one', () => {
    expect(() => checkMethods(['ns', 'ros'], ['ns', 'ros'], false)).not.toThrow();
    expect(() => checkMethods(['ns', 'mine'], ['ns', 'ros'], false)).toThrow(
      /^--methods: unknown method "mine"; known: ns, ros \(a sampler of your own needs --sampler-module FILE\)$/,
    );
  });
});
