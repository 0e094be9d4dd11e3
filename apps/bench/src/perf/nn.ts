/**
 * `pnpm bench perf nn`: times the @adaar/core training step (MLP 64-128-128-1, B=256) and one
 * GAN iteration (G 32-128-128-64, D 64-128-128-1, B=256: one D step + one G step) on the
 * TensorFlow.js backends, beside tfjs' own `tf.train.adam` + `optimizer.minimize` path and the PyTorch CPU
 * reference (../shared/peers/torch_gan_step.py, 1 thread) run in the same invocation.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  Adam,
  type BackendName,
  backendInfo,
  bceWithLogits,
  fillNormal32,
  initBackend,
  leakyRelu,
  Mlp,
  tf,
} from '@adaar/core';
import { Rng } from '@adaar/data';

/** Options of {@link runNnPerf}. */
export interface NnPerfOptions {
  /** Where to write the JSON report (default: none). */
  out?: string;
  /** Backends to time, comma-separated (default `'wasm,cpu'`). */
  backend?: string;
  /** Timed steps per run on wasm/tensorflow (default 200; cpu uses a tenth). */
  steps?: number;
  /** Runs per configuration; the reported value is the median of run medians (default 3). */
  repeats?: number;
  /** Skip the PyTorch reference (default: run it when /usr/bin/python3 has torch). */
  noTorch?: boolean;
  /** Skip the tfjs optimizer path (`tf.train.adam` + `optimizer.minimize` over tf.matMul; default: timed on wasm only). */
  noStock?: boolean;
}

type Bench = 'adaar' | 'tfjs-train-adam';

interface Rec {
  bench: Bench | 'torch';
  backend: string;
  workload: 'mlp' | 'gan';
  batch: number;
  median_ms: number;
  run_medians_ms: number[];
  /** Smallest run median: least disturbed by other processes on a shared machine. */
  min_run_median_ms?: number;
  /** Median over runs of the process CPU time per step (user + system). */
  cpu_ms?: number;
  steps: number;
}

const MLP = [64, 128, 128, 1];
const G = [32, 128, 128, 64];
const D = [64, 128, 128, 1];

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timeSteps(
  step: () => void,
  warmup: number,
  steps: number,
): { median: number; cpuMean: number } {
  for (let i = 0; i < warmup; i++) step();
  const ts: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    ts.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  return { median: median(ts), cpuMean: (c.user + c.system) / 1000 / steps };
}

function randn(rng: Rng, n: number): Float32Array {
  return fillNormal32(rng, new Float32Array(n));
}

/** One MLP training step with the adaar blocks; the loss is read back every step (like torch's item()). */
function makeMlp(batch: number, seed: number) {
  const rng = new Rng(seed);
  const net = new Mlp({ inputDim: MLP[0], widths: MLP.slice(1), activation: 'relu', seed });
  const opt = new Adam(net, { learningRate: 1e-3 });
  const x = tf.tensor2d(randn(rng, batch * MLP[0]), [batch, MLP[0]]);
  const yv = new Float32Array(batch);
  for (let i = 0; i < batch; i++) yv[i] = rng.float() < 0.1 ? 1 : 0;
  const y = tf.tensor2d(yv, [batch, 1]);
  const step = () =>
    tf.tidy(
      () => opt.minimize(() => bceWithLogits(net.apply(x, { inputGrad: false }), y)).dataSync()[0],
    );
  const dispose = () => {
    tf.dispose([x, y]);
    opt.dispose();
    net.dispose();
  };
  return { step, dispose };
}

/** One GAN iteration (D step + G step) with the adaar blocks. */
function makeGan(batch: number, seed: number) {
  const rng = new Rng(seed);
  const g = new Mlp({ inputDim: G[0], widths: G.slice(1), activation: 'relu', seed: seed + 11 });
  const d = new Mlp({
    inputDim: D[0],
    widths: D.slice(1),
    activation: leakyRelu(0.2),
    seed: seed + 31,
  });
  const optG = new Adam(g, { learningRate: 2e-4, beta1: 0.5 });
  const optD = new Adam(d, { learningRate: 2e-4, beta1: 0.5 });
  const real = tf.tensor2d(randn(rng, batch * D[0]), [batch, D[0]]);
  // D sees [real; fake] in one pass: 2 * mean BCE over 2B rows = BCE(real, 1) + BCE(fake, 0).
  const targets = tf.tensor2d(
    Float32Array.from({ length: 2 * batch }, (_, i) => (i < batch ? 1 : 0)),
    [2 * batch, 1],
  );
  const noise = () => tf.tensor2d(randn(rng, batch * G[0]), [batch, G[0]]);
  const step = () =>
    tf.tidy(() => {
      const fake = g.apply(noise(), { trainable: false, inputGrad: false });
      const both = tf.concat([real, fake]) as tf.Tensor2D;
      const lossD = optD.minimize(
        () => tf.mul(2, bceWithLogits(d.apply(both, { inputGrad: false }), targets)) as tf.Scalar,
      );
      const z = noise();
      const lossG = optG.minimize(() =>
        bceWithLogits(d.apply(g.apply(z, { inputGrad: false }), { trainable: false }), 1),
      );
      return lossD.dataSync()[0] + lossG.dataSync()[0];
    });
  const dispose = () => {
    tf.dispose([real, targets]);
    optG.dispose();
    optD.dispose();
    g.dispose();
    d.dispose();
  };
  return { step, dispose };
}

/**
 * tfjs' optimizer path for comparison: tf.matMul + tf.train.adam + optimizer.minimize (its
 * matMul gradient is adaar's registered one, with materialised transposes).
 */
function makeStock(workload: 'mlp' | 'gan', batch: number, seed: number) {
  const rng = new Rng(seed);
  const net = (dims: number[]) =>
    dims.slice(1).flatMap((o, i) => {
      const lim = Math.sqrt(6 / (dims[i] + o));
      const w0 = tf.tensor2d(rng.fillUniform(new Float32Array(dims[i] * o), -lim, lim), [
        dims[i],
        o,
      ]);
      const b0 = tf.zeros([o]);
      const vars = [tf.variable(w0), tf.variable(b0)];
      tf.dispose([w0, b0]);
      return vars;
    });
  const fwd = (vars: tf.Variable[], x: tf.Tensor, act: (t: tf.Tensor) => tf.Tensor) => {
    let h = x;
    for (let i = 0; i < vars.length / 2; i++) {
      h = tf.add(tf.matMul(h as tf.Tensor2D, vars[2 * i] as tf.Tensor2D), vars[2 * i + 1]);
      if (i < vars.length / 2 - 1) h = act(h);
    }
    return h;
  };
  const sce = (t: tf.Tensor, l: tf.Tensor) => tf.losses.sigmoidCrossEntropy(t, l) as tf.Scalar;
  if (workload === 'mlp') {
    const vars = net(MLP);
    const opt = tf.train.adam(1e-3);
    const x = tf.tensor2d(randn(rng, batch * MLP[0]), [batch, MLP[0]]);
    const y = tf.tensor2d(
      Float32Array.from({ length: batch }, () => (rng.float() < 0.1 ? 1 : 0)),
      [batch, 1],
    );
    const step = () =>
      tf.tidy(
        () =>
          (
            opt.minimize(() => sce(y, fwd(vars, x, tf.relu)), true, vars) as tf.Scalar
          ).dataSync()[0],
      );
    return {
      step,
      dispose: () => {
        tf.dispose([...vars, x, y]);
        opt.dispose();
      },
    };
  }
  const gv = net(G);
  const dv = net(D);
  const optG = tf.train.adam(2e-4, 0.5, 0.999);
  const optD = tf.train.adam(2e-4, 0.5, 0.999);
  const real = tf.tensor2d(randn(rng, batch * D[0]), [batch, D[0]]);
  const ones = tf.ones([batch, 1]);
  const zeros = tf.zeros([batch, 1]);
  const leaky = (t: tf.Tensor) => tf.leakyRelu(t, 0.2);
  const step = () =>
    tf.tidy(() => {
      const fake = fwd(gv, tf.tensor2d(randn(rng, batch * G[0]), [batch, G[0]]), tf.relu);
      const lossD = optD.minimize(
        () =>
          tf.add(sce(ones, fwd(dv, real, leaky)), sce(zeros, fwd(dv, fake, leaky))) as tf.Scalar,
        true,
        dv,
      ) as tf.Scalar;
      const z = tf.tensor2d(randn(rng, batch * G[0]), [batch, G[0]]);
      const lossG = optG.minimize(
        () => sce(ones, fwd(dv, fwd(gv, z, tf.relu), leaky)),
        true,
        gv,
      ) as tf.Scalar;
      return lossD.dataSync()[0] + lossG.dataSync()[0];
    });
  return {
    step,
    dispose: () => {
      tf.dispose([...gv, ...dv, real, ones, zeros]);
      optG.dispose();
      optD.dispose();
    },
  };
}

function findPeers(): string | null {
  const env = process.env.ADAAR_PEERS_DIR;
  const candidates = [
    ...(env ? [env] : []),
    resolve(process.cwd(), '../shared/peers'),
    resolve(process.cwd(), '../../shared/peers'),
    resolve(process.cwd(), '../../../shared/peers'),
    '/work/shared/peers',
  ];
  return candidates.find((c) => existsSync(join(c, 'torch_gan_step.py'))) ?? null;
}

function runTorch(
  steps: number,
  repeats: number,
): { records: Rec[]; env?: unknown; error?: string } {
  const peers = findPeers();
  if (!peers) return { records: [], error: 'torch_gan_step.py not found (set ADAAR_PEERS_DIR)' };
  const py = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const dir = mkdtempSync(join(tmpdir(), 'adaar-torch-'));
  const jsonl = join(dir, 'torch.jsonl');
  try {
    const r = spawnSync(
      py,
      [
        join(peers, 'torch_gan_step.py'),
        '--threads',
        '1',
        '--steps',
        String(steps),
        '--warmup',
        '30',
        '--repeats',
        String(repeats),
        '--jsonl',
        jsonl,
      ],
      { encoding: 'utf8', timeout: 600_000 },
    );
    if (r.status !== 0 || !existsSync(jsonl)) {
      return {
        records: [],
        error: `torch run failed: ${(r.stderr || r.error?.message || '').split('\n').filter(Boolean).slice(-1)[0]}`,
      };
    }
    const rows = readFileSync(jsonl, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const records: Rec[] = rows.map((o) => ({
      bench: 'torch',
      backend: `torch-cpu-${o.threads}thread`,
      workload: o.workload,
      batch: o.batch,
      median_ms: o.median_ms,
      run_medians_ms: o.run_medians_ms,
      steps: o.steps,
    }));
    return { records, env: rows[0]?.env };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the benchmark, writes the JSON report to `opts.out` (when given) and returns it:
 * `{ date, node, backends: {name: BackendInfo}, results: Rec[], torch, ratios }`. PyTorch
 * (1 thread) runs once per repeat between the tfjs runs; each ratio is the median over repeats
 * of (tfjs ms/step) / (PyTorch ms/step) of the same repeat.
 */
export async function runNnPerf(opts: NnPerfOptions = {}): Promise<object> {
  const backends = (opts.backend ?? 'wasm,cpu')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const repeats = opts.repeats ?? 3;
  const baseSteps = opts.steps ?? 200;
  const infos: Record<string, unknown> = {};
  const log = (s: string) => process.stderr.write(`${s}\n`);
  interface Cfg {
    backend: string;
    workload: 'mlp' | 'gan';
    bench: Bench;
    steps: number;
    wall: number[];
    cpu: number[];
  }
  const cfgs: Cfg[] = [];
  for (const b of backends) {
    const info = await initBackend({ backend: b as BackendName });
    infos[info.name] = backendInfo();
    const steps = info.name === 'cpu' ? Math.max(10, Math.round(baseSteps / 10)) : baseSteps;
    const benches: Bench[] =
      !opts.noStock && info.name === 'wasm' ? ['adaar', 'tfjs-train-adam'] : ['adaar'];
    for (const bench of benches) {
      for (const workload of ['mlp', 'gan'] as const) {
        cfgs.push({ backend: info.name, workload, bench, steps, wall: [], cpu: [] });
      }
    }
  }
  // Each repeat runs every configuration once and then the PyTorch reference once, so that load
  // from other processes on a shared machine hits all of them alike; ratios are formed per repeat
  // (paired) and summarised by their median.
  const torchRuns: Rec[][] = [];
  let torchEnv: unknown;
  let torchError: string | undefined = opts.noTorch ? 'skipped' : undefined;
  for (let r = 0; r < repeats; r++) {
    for (const c of cfgs) {
      if (tf.getBackend() !== c.backend) await initBackend({ backend: c.backend as BackendName });
      const before = tf.memory().numTensors;
      const h =
        c.bench === 'tfjs-train-adam'
          ? makeStock(c.workload, 256, r)
          : c.workload === 'mlp'
            ? makeMlp(256, r)
            : makeGan(256, r);
      const first = h.step();
      if (!Number.isFinite(first)) throw new Error(`non-finite loss in ${c.bench} ${c.workload}`);
      const t = timeSteps(h.step, Math.max(5, Math.round(c.steps / 7)), c.steps);
      c.wall.push(t.median);
      c.cpu.push(t.cpuMean);
      h.dispose();
      const leaked = tf.memory().numTensors - before;
      if (leaked !== 0) log(`# warning: ${leaked} tensors leaked in ${c.bench} ${c.workload}`);
    }
    if (!torchError) {
      const tr = runTorch(baseSteps, 1);
      if (tr.error) torchError = tr.error;
      else {
        torchRuns.push(tr.records);
        torchEnv = tr.env;
      }
    }
    log(`# repeat ${r + 1}/${repeats} done`);
  }
  const torchMs = (workload: string, batch: number) =>
    torchRuns.map(
      (recs) =>
        recs.find(
          (x) => x.workload === workload && x.batch === batch && x.backend === 'torch-cpu-1thread',
        )?.median_ms ?? Number.NaN,
    );
  const results: Rec[] = cfgs.map((c) => ({
    bench: c.bench,
    backend: c.backend,
    workload: c.workload,
    batch: 256,
    median_ms: median(c.wall),
    run_medians_ms: c.wall,
    min_run_median_ms: Math.min(...c.wall),
    cpu_ms: median(c.cpu),
    steps: c.steps,
  }));
  const torchRecords: Rec[] = [];
  for (const [workload, batch] of [
    ['mlp', 256],
    ['mlp', 1024],
    ['gan', 256],
  ] as const) {
    const ms = torchMs(workload, batch);
    if (ms.length > 0 && ms.every(Number.isFinite)) {
      torchRecords.push({
        bench: 'torch',
        backend: 'torch-cpu-1thread',
        workload,
        batch,
        median_ms: median(ms),
        run_medians_ms: ms,
        min_run_median_ms: Math.min(...ms),
        steps: baseSteps,
      });
    }
  }
  const ratios: Record<string, number> = {};
  for (const r of results) {
    const t = torchMs(r.workload, r.batch);
    if (t.length === r.run_medians_ms.length && t.every(Number.isFinite)) {
      ratios[`${r.bench}/${r.backend}/${r.workload}${r.batch}`] = median(
        r.run_medians_ms.map((m, i) => m / t[i]),
      );
    }
  }
  for (const r of [...results, ...torchRecords]) {
    log(
      `${r.bench.padEnd(15)} ${r.backend.padEnd(17)} ${r.workload} B=${r.batch}  median ${r.median_ms.toFixed(3)} ms/step  (runs [${r.run_medians_ms.map((m) => m.toFixed(2)).join(', ')}]${r.cpu_ms !== undefined ? `, process CPU ${r.cpu_ms.toFixed(3)} ms/step` : ''})`,
    );
  }
  if (torchError) log(`# torch: ${torchError}`);
  const torch = { records: torchRecords, env: torchEnv, error: torchError };
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    workloads: { mlp: MLP, gan: { G, D }, batch: 256 },
    backends: infos,
    results,
    torch,
    /** Per-repeat (paired) ratio adaar / PyTorch ms per step, median over repeats. */
    ratios,
  };
  if (opts.out) {
    mkdirSync(dirname(resolve(opts.out)), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}
