import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';
import type { RunRecord } from './runRecord';
import { writeCreditCsv } from './testFixtures';

const dir = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
const csv = join(dir, 'credit.csv');
const small = join(dir, 'small.csv');
const example = new URL('../examples/jitter-ros.mjs', import.meta.url).pathname;

function sink() {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY: false,
    write: (s: string) => chunks.push(s),
    text: () => chunks.join(''),
  };
}

async function bench(args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const readRuns = (out: string): RunRecord[] =>
  readFileSync(join(out, 'runs.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RunRecord);

const base = [
  '--csv',
  csv,
  '--label',
  'bad',
  '--positive',
  '1',
  '--classifier',
  'logreg',
  '--workers',
  '1',
];

beforeAll(() => {
  writeCreditCsv(csv);
  writeCreditCsv(small, 600);
});

describe('bad CSV input stops before training, naming the option', () => {
  const cases: [string[], RegExp][] = [
    [['--csv', join(dir, 'nope.csv'), '--label', 'bad', '--positive', '1'], /^error: --csv: /m],
    [
      ['--csv', csv, '--label', 'target', '--positive', '1'],
      /^error: --label: unknown column "target"/m,
    ],
    [
      ['--csv', csv, '--label', 'bad', '--positive', 'yes'],
      /^error: --positive: value\(s\) "yes" never occur/m,
    ],
    [['--csv', csv, '--label', 'bad', '--positive', '0,1'], /^error: --label: .*only one class/m],
    [
      ['--csv', csv, '--label', 'bad', '--positive', '1', '--drop', 'nothere'],
      /^error: --drop: unknown column "nothere"/m,
    ],
    [
      [
        '--csv',
        csv,
        '--label',
        'bad',
        '--positive',
        '1',
        '--period',
        'month',
        '--train',
        '1,2',
        '--test',
        '9',
      ],
      /^error: --test: /m,
    ],
    [
      ['--csv', csv, '--label', 'bad', '--positive', '1', '--methods', 'ns,magic'],
      /^error: --methods: unknown method "magic"/m,
    ],
    [
      ['--csv', small, '--label', 'bad', '--positive', '1', '--methods', 'ns,bagan'],
      /^error: --methods: bagan needs at least 33 high-risk training rows/m,
    ],
    [
      [
        '--csv',
        csv,
        '--label',
        'bad',
        '--positive',
        '1',
        '--sampler-module',
        join(dir, 'missing.mjs'),
      ],
      /^error: --sampler-module: cannot import/m,
    ],
  ];
  for (const [args, re] of cases) {
    it(args.slice(2).join(' '), async () => {
      const out = join(dir, `bad-${Math.random().toString(36).slice(2)}`);
      const r = await bench([...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/backend:/);
    });
  }
});

describe('a tiny end-to-end run (logreg, NS + ROS + a user sampler, 2 seeds)', () => {
  const out = join(dir, 'run');
  let first: Awaited<ReturnType<typeof bench>>;
  beforeAll(async () => {
    first = await bench([
      ...base,
      '--methods',
      'ns,ros,jitter-ros',
      '--sampler-module',
      example,
      '--seeds',
      '2',
      '--out',
      out,
    ]);
  }, 120_000);

  it('writes one record per (split, method, seed) and prints Table 2', () => {
    expect(first.stderr).not.toMatch(/FAILED|error:/);
    expect(first.code).toBe(0);
    const runs = readRuns(out);
    expect(runs.map((r) => `${r.method}/${r.seed}/${r.k}`).sort()).toEqual([
      'jitter-ros/0/1',
      'jitter-ros/1/1',
      'ns/0/0',
      'ns/1/0',
      'ros/0/1',
      'ros/1/1',
    ]);
    expect(first.stdout).toContain('| Group | Method | holdout AUC | holdout R@P0.1 |');
    expect(first.stdout).toMatch(/\| Added \| Jittered ROS \|/);
    expect(first.stdout).toMatch(/Test positive rates: holdout \d+\.\d\d %/);
    expect(first.stdout).toMatch(/Backend: /);
    expect(first.stdout).toMatch(/Total time: /);
    for (const f of ['table2.md', 'table2.csv', 'report.html', 'config.json']) {
      expect(readFileSync(join(out, f), 'utf8').length, f).toBeGreaterThan(0);
    }
  });

  it('same split and test set for every method within a seed; K x positives synthetic rows', () => {
    const runs = readRuns(out);
    for (const seed of [0, 1]) {
      const mine = runs.filter((r) => r.seed === seed);
      const shape = (r: RunRecord) => [
        r.nTrain,
        r.nTrainPositive,
        r.nValidation,
        r.nTest,
        r.testPositiveRate,
      ];
      for (const r of mine) expect(shape(r)).toEqual(shape(mine[0]));
      const ros = mine.find((r) => r.method === 'ros')!;
      expect(ros.nSynthetic).toBe(ros.nTrainPositive);
      expect(mine.find((r) => r.method === 'ns')!.nSynthetic).toBe(0);
    }
    // The stratified split is redrawn per seed.
    const ns = runs.filter((r) => r.method === 'ns');
    expect(ns[0].metrics.auc).not.toBe(ns[1].metrics.auc);
    // The features carry signal: a sane AUC, every metric of evaluateScores recorded.
    for (const r of runs) {
      expect(r.metrics.auc).toBeGreaterThan(0.6);
      expect(Object.keys(r.metrics)).toEqual(
        expect.arrayContaining(['auc', 'gini', 'averagePrecision', 'ks', 'brier', 'rap@0.1']),
      );
      expect(r.configHash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(runs.find((r) => r.method === 'ros')!.diagnostics?.spreadRatio).toBeGreaterThan(0);
  });

  it('a rerun with the same --out reuses every finished run', async () => {
    const again = await bench([
      ...base,
      '--methods',
      'ns,ros,jitter-ros',
      '--sampler-module',
      example,
      '--seeds',
      '2',
      '--out',
      out,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 runs now, 6 reused from runs.jsonl/);
    expect(readRuns(out)).toHaveLength(6);
  });

  it('is deterministic: a fresh folder gives the same metrics', async () => {
    const out2 = join(dir, 'run2');
    const r = await bench([...base, '--methods', 'ns,ros', '--seeds', '2', '--out', out2]);
    expect(r.code).toBe(0);
    const a = readRuns(out).filter((x) => x.method !== 'jitter-ros');
    const b = readRuns(out2);
    const byKey = new Map(a.map((x) => [x.key, x.metrics]));
    for (const x of b) expect(x.metrics).toEqual(byKey.get(x.key));
  }, 120_000);

  it('`report --out` rebuilds the same Table 2 from runs.jsonl', async () => {
    const before = readFileSync(join(out, 'table2.md'), 'utf8');
    const r = await bench(['report', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rebuilt from 6 runs');
    expect(readFileSync(join(out, 'table2.md'), 'utf8')).toBe(before);
  });
});

describe('--sweep-k: one fit per seed, every K sampled from it', () => {
  it('writes Figure 2 and one record per K', async () => {
    const out = join(dir, 'sweep');
    const r = await bench([
      ...base,
      '--methods',
      'ns,ros',
      '--seeds',
      '2',
      '--sweep-k',
      '1,2',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const runs = readRuns(out);
    expect(runs).toHaveLength(2 * (1 + 2));
    for (const seed of [0, 1]) {
      const ros = runs.filter((x) => x.method === 'ros' && x.seed === seed);
      expect(ros.map((x) => x.k)).toEqual([1, 2]);
      expect(ros.map((x) => x.nSynthetic)).toEqual([
        ros[0].nTrainPositive,
        2 * ros[0].nTrainPositive,
      ]);
      // Same fitted sampler for both rates: one fit time shared by the records.
      expect(ros[1].fitSeconds).toBe(ros[0].fitSeconds);
    }
    for (const f of ['figure2-auc.svg', 'figure2-rap.svg', 'figure2.csv']) {
      expect(readFileSync(join(out, f), 'utf8').length, f).toBeGreaterThan(100);
    }
    const csvRows = readFileSync(join(out, 'figure2.csv'), 'utf8').trim().split('\n');
    // header + (NS at K=1,2 + ROS at K=1,2) x (AUC, R@P0.1)
    expect(csvRows).toHaveLength(1 + 4 * 2);
  }, 120_000);
});

describe('honesty: every method sees the same split, preprocessing, classifier and seed', () => {
  it('ROS adding no rows (K = 0.001) scores exactly like NS, seed by seed', async () => {
    const out = join(dir, 'same');
    const r = await bench([
      ...base,
      '--classifier',
      'mlp',
      '--methods',
      'ns,ros',
      '--k',
      '0.001',
      '--seeds',
      '2',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const runs = readRuns(out);
    for (const seed of [0, 1]) {
      const ns = runs.find((x) => x.method === 'ns' && x.seed === seed)!;
      const ros = runs.find((x) => x.method === 'ros' && x.seed === seed)!;
      expect(ros.nSynthetic).toBe(0);
      expect(ros.metrics).toEqual(ns.metrics);
    }
  }, 120_000);
});
