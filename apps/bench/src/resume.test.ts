import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from './runRecord';
import { writeCreditCsv } from './testFixtures';

// A real kill: the CLI, bundled from source, runs as a child process and gets SIGKILL in the
// middle of the grid; a second run with the same --out must finish it with every run exactly once
// and the same numbers as an uninterrupted run.
const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
const buildDir = join(benchDir, 'node_modules', '.cache', 'bench-resume-test');
const dir = mkdtempSync(join(tmpdir(), 'bench-resume-'));
const csv = join(dir, 'credit.csv');

async function bundle(): Promise<string> {
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(join(buildDir, 'package.json'), '{"type":"module"}\n');
  await build({
    entryPoints: { cli: join(benchDir, 'src/cli.ts'), worker: join(benchDir, 'src/worker.ts') },
    outdir: buildDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@adaar/source'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    plugins: [
      {
        // TensorFlow.js stays outside the bundle, loaded from where @adaar/core finds it, so the
        // backends register into the same tfjs-core and the wasm backend finds its .wasm files.
        name: 'tfjs-external',
        setup(b) {
          b.onResolve({ filter: /^@tensorflow\// }, (args) => ({
            path: createRequire(join(args.resolveDir, 'x.js')).resolve(args.path),
            external: true,
          }));
        },
      },
    ],
  });
  return join(buildDir, 'cli.js');
}

const args = (out: string) => [
  '--csv',
  csv,
  '--label',
  'bad',
  '--positive',
  '1',
  '--methods',
  'ns,ros,smote',
  '--seeds',
  '4',
  '--classifier',
  'logreg',
  '--workers',
  '1',
  '--out',
  out,
];

function run(cli: string, out: string): ChildProcess {
  return spawn(process.execPath, [cli, ...args(out)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(
  p: ChildProcess,
): Promise<{ code: number | null; signal: string | null; err: string }> {
  let err = '';
  p.stderr?.on('data', (d) => {
    err += String(d);
  });
  return new Promise((resolve) => p.on('exit', (code, signal) => resolve({ code, signal, err })));
}

const lines = (out: string) =>
  existsSync(join(out, 'runs.jsonl'))
    ? readFileSync(join(out, 'runs.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
    : [];

let cli = '';
beforeAll(async () => {
  writeCreditCsv(csv);
  cli = await bundle();
}, 120_000);

describe('kill mid-run, then resume', () => {
  it('loses and duplicates nothing, and matches an uninterrupted run', async () => {
    const out = join(dir, 'killed');
    const p = run(cli, out);
    const done = finished(p);
    const t0 = Date.now();
    while (lines(out).length < 3 && Date.now() - t0 < 90_000 && p.exitCode === null) {
      await new Promise((r) => setTimeout(r, 20));
    }
    p.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal, killed.err).toBe('SIGKILL');
    const before = lines(out);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(12);

    const resumed = await finished(run(cli, out));
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(new RegExp(`12 runs, ${before.length} already in`));
    const after = lines(out);
    expect(after).toHaveLength(12);
    expect(after.slice(0, before.length)).toEqual(before);
    const recs = after.map((l) => JSON.parse(l) as RunRecord);
    expect(new Set(recs.map((r) => r.key)).size).toBe(12);

    const clean = join(dir, 'clean');
    const whole = await finished(run(cli, clean));
    expect(whole.code, whole.err).toBe(0);
    const ref = new Map(
      lines(clean)
        .map((l) => JSON.parse(l) as RunRecord)
        .map((r) => [r.key, r.metrics]),
    );
    expect(ref.size).toBe(12);
    for (const r of recs) expect(r.metrics).toEqual(ref.get(r.key));
  }, 240_000);
});
