import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdaarInputError } from '@adaar/data';
import { runBench } from './bench';
import { type BenchCommand, parseBenchArgs } from './options';
import { currentRecords, writeOutputs } from './outputs';
import type { ProgressSink } from './progress';
import { RunsFile } from './runsFile';
import type { ResolvedSetup } from './setup';
import { USAGE } from './usage';

/** Streams and paths the CLI uses (injectable for tests). */
export interface MainEnv {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: ProgressSink;
  /** The worker entry next to the built CLI (dist/worker.js). */
  readonly workerScript?: URL;
  /** Loads a perf module (`samplers` or `nn`) of the built CLI. */
  readonly loadPerf?: (target: 'samplers' | 'nn') => Promise<Record<string, unknown>>;
}

async function rebuildReport(out: string, env: MainEnv): Promise<void> {
  const configPath = join(out, 'config.json');
  if (!existsSync(configPath)) {
    throw new AdaarInputError('--out', `${out} has no config.json (is it a bench output folder?)`);
  }
  const setup = JSON.parse(readFileSync(configPath, 'utf8')) as ResolvedSetup;
  const runs = RunsFile.open(join(out, 'runs.jsonl'));
  runs.close();
  const records = currentRecords(runs.records, setup);
  const res = await writeOutputs(out, setup, records);
  env.stdout.write(
    `${res.markdown}\nRebuilt from ${records.length} runs: ${res.files.join(', ')}\n`,
  );
}

/**
 * Turns perf arguments into the options object of a perf module: `--steps 100` -> `{ steps: 100 }`,
 * `--no-torch` -> `{ noTorch: true }`, `--backend wasm,cpu` -> `{ backend: 'wasm,cpu' }`.
 * @throws AdaarInputError (`perf`) for an argument that is not an option.
 */
export function perfOptions(args: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(a);
    if (!m) throw new AdaarInputError('perf', `unexpected argument "${a}" (options start with --)`);
    const key = m[1].replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    let value: string | undefined = m[2];
    if (value === undefined && i + 1 < args.length && !args[i + 1].startsWith('--'))
      value = args[++i];
    if (value === undefined) out[key] = true;
    else out[key] = value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return out;
}

async function runPerf(cmd: Extract<BenchCommand, { kind: 'perf' }>, env: MainEnv): Promise<void> {
  const opts = perfOptions(cmd.args);
  if (!env.loadPerf)
    throw new Error('perf benchmarks run from the built CLI only (pnpm bench perf ...)');
  let mod: Record<string, unknown>;
  try {
    mod = await env.loadPerf(cmd.target);
  } catch (e) {
    throw new Error(
      `the perf benchmark "${cmd.target}" is not available in this build: ${(e as Error).message}`,
    );
  }
  const fn = mod[cmd.target === 'samplers' ? 'runSamplersPerf' : 'runNnPerf'];
  if (typeof fn !== 'function') {
    throw new Error(`the perf module "${cmd.target}" does not export its run function`);
  }
  const report = await (fn as (o: Record<string, unknown>) => Promise<unknown>)(opts);
  if (report !== undefined) env.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

/**
 * The bench CLI: parses `argv`, runs the command, and returns the exit code
 * (0 ok, 1 some runs failed or an unexpected error, 2 a bad option or bad data).
 */
export async function main(argv: readonly string[], env: MainEnv): Promise<number> {
  try {
    const cmd = parseBenchArgs(argv);
    switch (cmd.kind) {
      case 'help':
        env.stdout.write(USAGE);
        return 0;
      case 'report':
        await rebuildReport(cmd.out, env);
        return 0;
      case 'perf':
        await runPerf(cmd, env);
        return 0;
      case 'run': {
        const res = await runBench(cmd.config, {
          stdout: env.stdout,
          stderr: env.stderr,
          argv,
          ...(env.workerScript ? { workerScript: env.workerScript } : {}),
        });
        return res.failures > 0 ? 1 : 0;
      }
    }
  } catch (e) {
    if (e instanceof AdaarInputError) {
      env.stderr.write(`error: ${e.message}\nRun "pnpm bench --help" for the options.\n`);
      return 2;
    }
    env.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
