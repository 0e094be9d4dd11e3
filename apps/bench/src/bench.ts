import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AdaarInputError } from '@adaar/data';
import { resolveBaganOptions } from '@adaar/gans';
import { defaultSecondPrecision } from '@adaar/metrics';
import { openDataSource, VALIDATION_FRACTION } from './dataSource';
import { type Executor, runJobs } from './executor';
import { buildJobs, countRuns } from './grid';
import { InProcessExecutor } from './inProcessExecutor';
import { BUILTIN_METHOD_IDS, methodInfo } from './methods';
import { type BenchConfig, checkMethods } from './options';
import { currentRecords, type OutputsResult, writeFileAtomic, writeOutputs } from './outputs';
import { samplerOptions } from './profiles';
import { formatDuration, ProgressBar, type ProgressSink } from './progress';
import { registerBenchSamplers } from './registerSamplers';
import { runHash } from './runHash';
import { createRunnerContext } from './runnerContext';
import type { BackendRecord, RunRecord } from './runRecord';
import { RunsFile } from './runsFile';
import { gridOf, type ResolvedSetup, rapKey, type SplitInfo } from './setup';
import { loadSamplerModules } from './userSamplers';
import { packageVersions } from './versions';
import { WorkerExecutor } from './workerExecutor';

/** Where the bench writes and how it runs jobs. */
export interface BenchEnv {
  /** Tables and summaries. */
  readonly stdout: { write(s: string): unknown };
  /** Progress (a bar on a TTY) and warnings. */
  readonly stderr: ProgressSink;
  /** The command line, recorded in config.json and the report. */
  readonly argv: readonly string[];
  /** The worker entry (dist/worker.js); without it every job runs in this thread. */
  readonly workerScript?: URL;
}

/** What {@link runBench} did. */
export interface BenchResult {
  readonly setup: ResolvedSetup;
  readonly outputs: OutputsResult;
  /** Records of the current grid (reused and new). */
  readonly records: readonly RunRecord[];
  readonly newRuns: number;
  readonly reusedRuns: number;
  readonly failures: number;
  readonly totalSeconds: number;
  readonly backend?: BackendRecord;
}

/**
 * Checks the options against the data and resolves everything a run needs, before any
 * training: user sampler modules, method names, the data (load, label, periods, classes),
 * test positive rates and the R@P precisions.
 * @throws AdaarInputError naming the option or the data problem.
 */
export async function resolveSetup(
  config: BenchConfig,
  argv: readonly string[],
): Promise<{ setup: ResolvedSetup; source: Awaited<ReturnType<typeof openDataSource>> }> {
  const user = await loadSamplerModules(config.samplerModules, BUILTIN_METHOD_IDS);
  registerBenchSamplers(user);
  checkMethods(
    config.methods,
    [...BUILTIN_METHOD_IDS, ...user.map((u) => u.name)],
    user.length > 0,
  );
  const source = await openDataSource(config.dataset, {
    targetPositiveRate: config.targetPositiveRate,
  });
  checkMethodRequirements(config, source.splitInfo);
  const meanRate =
    source.splitInfo.reduce((s, i) => s + i.testPositiveRate, 0) / source.splitInfo.length;
  const precisions: number[] = [];
  for (const p of config.precisions) {
    const v = p === 'auto' ? defaultSecondPrecision(meanRate) : p;
    if (!precisions.includes(v)) precisions.push(v);
  }
  const ks = config.sweepK ?? [config.k];
  const tableK = config.sweepK && !config.sweepK.includes(config.k) ? config.sweepK[0] : config.k;
  const userLabels: Record<string, string> = {};
  for (const u of user) userLabels[u.name] = u.label ?? u.name;
  const setup: ResolvedSetup = {
    config,
    argv,
    datasetId: source.id,
    datasetLabel: source.label,
    splits: source.splits,
    splitInfo: source.splitInfo,
    dataHash: source.hash,
    precisions,
    metrics: ['auc', ...precisions.map(rapKey)],
    tableK,
    ks,
    ...(source.targetPositiveRate !== undefined
      ? { targetPositiveRate: source.targetPositiveRate }
      : {}),
    versions: packageVersions(),
    userLabels,
  };
  return { setup, source };
}

/**
 * Checks, before training, that every split leaves each method enough high-risk training rows
 * (after the validation carve-out): BAGAN's per-class latent covariance needs latentDim + 1.
 * @throws AdaarInputError (`--methods`) naming the method, the split and the counts.
 */
export function checkMethodRequirements(
  config: BenchConfig,
  splitInfo: readonly SplitInfo[],
): void {
  if (!config.methods.includes('bagan')) return;
  const { latentDim } = resolveBaganOptions(samplerOptions(config.profile, 'bagan'));
  for (const s of splitInfo) {
    const fit = s.nTrainPositive - Math.max(1, Math.round(VALIDATION_FRACTION * s.nTrainPositive));
    if (fit < latentDim + 1) {
      throw new AdaarInputError(
        '--methods',
        `bagan needs at least ${latentDim + 1} high-risk training rows (latent size ${latentDim} + 1), but split ${s.split} leaves ${fit} after the validation carve-out; leave bagan out or use more data`,
      );
    }
  }
}

/** Below this many high-risk test rows the summary warns that R@P is coarse and noisy. */
export const FEW_TEST_POSITIVES = 30;

function fmtPct(r: number): string {
  return `${(100 * r).toFixed(2)} %`;
}

/** The text printed after a run: Table 2, backend, test positive rates, time, files. */
export function summaryText(r: Omit<BenchResult, 'records'>, out: string): string {
  const s = r.setup;
  const c = s.config;
  const lines = [
    '',
    `Table 2: ${s.datasetLabel}, K = ${s.tableK}, ${{ mlp: 'MLP', logreg: 'logistic regression', forest: 'random forest' }[c.classifier]} classifier, ${c.seeds.length} seeds (mean ± sample std; best per column in bold)`,
    '',
    r.outputs.markdown,
    `R@P columns: precision ${s.precisions.join(', ')} (the first is the paper's R@P_0.1; the second is about 3.5x the test positive rate)`,
    `Test positive rates: ${s.splitInfo.map((i) => `${i.split} ${fmtPct(i.testPositiveRate)} (${i.nTestPositive} of ${i.nTest}${i.note ? `; ${i.note}` : ''})`).join(', ')}`,
    ...s.splitInfo
      .filter((i) => i.nTestPositive < FEW_TEST_POSITIVES)
      .map(
        (i) =>
          `WARNING: split ${i.split} has only ${i.nTestPositive} high-risk test rows: its R@P values move in steps of ${(1 / i.nTestPositive).toFixed(2)} and differences between methods are mostly noise${s.targetPositiveRate !== undefined ? ' (try --target-positive-rate none)' : ''}`,
      ),
    `Backend: ${r.backend ? `${r.backend.name}${r.backend.native ? ' (native)' : ''}${r.backend.fallbackReason ? `; ${r.backend.fallbackReason}` : ''}` : 'not started (every run was already done)'}`,
    `Total time: ${formatDuration(r.totalSeconds)} (${r.newRuns} runs now, ${r.reusedRuns} reused from runs.jsonl${r.failures ? `, ${r.failures} jobs FAILED: see errors.log` : ''})`,
    `Outputs in ${out}: runs.jsonl, config.json, ${r.outputs.files.join(', ')}`,
    '',
  ];
  return lines.join('\n');
}

/**
 * Runs the bench: resolves and checks everything first, then runs the unfinished part of the
 * grid on `config.workers` workers, appending each finished run to `<out>/runs.jsonl` at once,
 * and finally writes the tables, figures and report.
 */
export async function runBench(config: BenchConfig, env: BenchEnv): Promise<BenchResult> {
  const t0 = performance.now();
  const { setup, source } = await resolveSetup(config, env.argv);
  const out = config.out;
  const runs = RunsFile.open(join(out, 'runs.jsonl'));
  for (const w of runs.warnings) env.stderr.write(`runs.jsonl: ${w}\n`);
  writeFileAtomic(join(out, 'config.json'), `${JSON.stringify(setup, null, 2)}\n`);
  const hashOf = (method: string, k: number | 'balance') => runHash(setup, method, k);
  const grid = {
    ...gridOf(setup),
    // Within each (seed, split) block, neural methods first: the queue then ends with short
    // jobs, so parallel workers finish together.
    methods: [...config.methods].sort(
      (a, b) => Number(methodInfo(b).generative) - Number(methodInfo(a).generative),
    ),
  };
  const jobs = buildJobs(grid, (key, run) => runs.has(key, hashOf(run.method, run.k)));
  const total = countRuns(grid);
  const todo = jobs.reduce((n, j) => n + j.ks.length, 0);
  const byMethod = new Map<string, number>();
  for (const j of jobs) byMethod.set(j.method, (byMethod.get(j.method) ?? 0) + j.ks.length);
  env.stderr.write(
    `${setup.datasetLabel}: ${setup.splits.join(', ')}; ${config.methods.length} methods x ${config.seeds.length} seeds; ` +
      `${total} runs, ${total - todo} already in ${join(out, 'runs.jsonl')}, ${todo} to do\n`,
  );
  let backend: BackendRecord | undefined;
  let failures = 0;
  let written = 0;
  if (jobs.length > 0) {
    const nWorkers = Math.max(1, Math.min(config.workers, jobs.length));
    const executors: Executor[] =
      nWorkers > 1 && env.workerScript
        ? Array.from({ length: nWorkers }, () => new WorkerExecutor(env.workerScript!, setup))
        : [new InProcessExecutor(() => createRunnerContext(setup, source))];
    if (nWorkers > 1 && !env.workerScript) {
      env.stderr.write('note: no worker script available; running every job in this thread\n');
    }
    const bar = new ProgressBar(todo, byMethod, env.stderr, undefined, (m) =>
      methodInfo(m).generative ? 'neural' : 'classic',
    );
    try {
      const backends = await Promise.all(executors.map((e) => e.start()));
      backend = backends[0];
      env.stderr.write(
        `backend: ${backend.name}${backend.fallbackReason ? ` (${backend.fallbackReason})` : ''}; ${executors.length} worker${executors.length > 1 ? 's' : ''} (${availableParallelism()} cores)\n`,
      );
      const errors: string[] = [];
      const failed = await runJobs(jobs, executors, {
        record: (r) => {
          if (runs.append(r)) written++;
          const rap = setup.metrics[1];
          bar.finished(
            r.method,
            r.totalSeconds,
            `${r.split} ${methodInfo(r.method, setup.userLabels).label} seed ${r.seed} K=${r.k}: AUC ${r.metrics.auc.toFixed(4)}, R@P${rap.slice(4)} ${(r.metrics[rap] ?? Number.NaN).toFixed(4)} (${r.totalSeconds.toFixed(1)} s)`,
          );
        },
        progress: (w, text) => bar.activity(w, text),
        failed: (f) => {
          errors.push(`${f.job.split} ${f.job.method} seed ${f.job.seed}: ${f.message}`);
          env.stderr.write(
            `\nFAILED ${f.job.split} ${f.job.method} seed ${f.job.seed}: ${f.message.split('\n')[0]}\n`,
          );
        },
      });
      failures = failed.length;
      if (errors.length > 0) writeFileAtomic(join(out, 'errors.log'), `${errors.join('\n\n')}\n`);
    } finally {
      bar.close();
      await Promise.all(executors.map((e) => e.close()));
      runs.close();
    }
  } else {
    runs.close();
  }
  const current = currentRecords(runs.records, setup);
  const totalSeconds = (performance.now() - t0) / 1000;
  const outputs = await writeOutputs(out, setup, current, {
    ...(backend ? { backend } : {}),
    totalSeconds,
    workers: Math.max(1, Math.min(config.workers, jobs.length)),
    failures,
  });
  const result: BenchResult = {
    setup,
    outputs,
    records: current,
    newRuns: written,
    reusedRuns: total - todo,
    failures,
    totalSeconds,
    ...(backend ? { backend } : {}),
  };
  env.stdout.write(summaryText(result, out));
  return result;
}
