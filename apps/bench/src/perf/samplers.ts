/**
 * `pnpm bench perf samplers`: times @adaar/samplers' RandomOverSampler, SMOTE (k = 5) and
 * ADASYN (k = 5) `fitResample` to balance on make_classification-like data (100,000 x 30,
 * about 2.5 % high-risk), beside imbalanced-learn on scikit-learn's make_classification of
 * the same shape (../shared/peers/imblearn_bench.py, run in the same invocation when
 * /usr/bin/python3 has imblearn), and measures peak memory (RSS) of each sampler at
 * 1,000,000 x 50 in a fresh Node process.
 *
 * Standalone: `node apps/bench/dist/perf/samplers.js [--sizes 100000] [--repeats 3]
 * [--no-peer] [--no-scale] [--scale-rows 1000000] [--scale-cols 50] [--out file.json]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BruteForceKnn } from '@adaar/samplers';

/** Options of {@link runSamplersPerf} (CLI flags map to them: `--no-peer` -> `noPeer`). */
export interface SamplersPerfOptions {
  /** Where to write the JSON report (default: none). */
  out?: string;
  /** Rows of the timed datasets (30 columns): a number, `'10000,100000'` or an array. Default 100,000. */
  sizes?: number | string | readonly number[];
  /** Timed runs per sampler and size; the median is reported (default 3). */
  repeats?: number;
  /** Skip imbalanced-learn (default: run it when available). */
  noPeer?: boolean;
  /** Skip the memory run at scale (default: run it). */
  noScale?: boolean;
  /** Rows of the memory run (default 1,000,000). */
  scaleRows?: number;
  /** Columns of the memory run (default 50). */
  scaleCols?: number;
  /** Samplers to run, comma-separated (default `'ros,smote,adasyn'`). */
  samplers?: string;
  /** Rounds of (ours, imbalanced-learn) alternated, so both see the same machine load (default 2). */
  rounds?: number;
  /**
   * Run our side without `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` (default: with it, the
   * equivalent of numpy's default transparent-huge-page advice on large arrays).
   */
  noHugepages?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

type SamplerKey = 'ros' | 'smote' | 'adasyn';

const PEER_NAMES: Record<string, SamplerKey> = {
  RandomOverSampler: 'ros',
  'SMOTE(k=5)': 'smote',
  'ADASYN(k=5)': 'adasyn',
};

/** Targets of issue 3: ratio of our time to imbalanced-learn's, and memory at scale. */
const TARGETS = { smote: 1, adasyn: 0.5, peakRssMB: 4096 };

/**
 * A make_classification-like binary dataset: 2 informative columns (4 clusters at the
 * vertices of a square of side 2 x classSep, two per class, each N(0, I) through a random
 * 2 x 2 linear map), 2 redundant (random linear combinations of the informative), the rest
 * N(0, 1) noise; class weights (1 - w1, w1), `flipY` of the labels redrawn at random; rows and
 * columns shuffled (scikit-learn's defaults with `n_informative = 2, n_redundant = 2`).
 * Self-contained (its source is sent to child processes), seeded by `seed`.
 */
export function makeClassificationLike(
  n: number,
  d: number,
  seed: number,
  w1 = 0.02,
  flipY = 0.01,
  classSep = 1,
): { X: Float64Array; y: Uint8Array } {
  let s = seed >>> 0;
  const u = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = Number.NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = Number.NaN;
      return v;
    }
    let a = 0;
    let b = 0;
    let r = 0;
    do {
      a = 2 * u() - 1;
      b = 2 * u() - 1;
      r = a * a + b * b;
    } while (r >= 1 || r === 0);
    const m = Math.sqrt((-2 * Math.log(r)) / r);
    spare = b * m;
    return a * m;
  };
  const shuffle = (arr: Uint32Array): Uint32Array => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(u() * (i + 1));
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  };
  const verts = [
    [-classSep, -classSep],
    [-classSep, classSep],
    [classSep, -classSep],
    [classSep, classSep],
  ];
  const order = shuffle(Uint32Array.from([0, 1, 2, 3]));
  const maps = [0, 1, 2, 3].map(() => [2 * u() - 1, 2 * u() - 1, 2 * u() - 1, 2 * u() - 1]);
  const red = [2 * u() - 1, 2 * u() - 1, 2 * u() - 1, 2 * u() - 1];
  const colPerm = shuffle(Uint32Array.from({ length: d }, (_, j) => j));
  const rowPerm = shuffle(Uint32Array.from({ length: n }, (_, i) => i));
  const n1 = Math.round(n * w1);
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const cls = i < n - n1 ? 0 : 1;
    const within = cls === 0 ? i : i - (n - n1);
    const size = cls === 0 ? n - n1 : n1;
    const cluster = 2 * cls + (within < size / 2 ? 0 : 1);
    const c = verts[order[cluster]];
    const A = maps[cluster];
    const z0 = normal();
    const z1 = normal();
    row[0] = z0 * A[0] + z1 * A[2] + c[0];
    row[1] = z0 * A[1] + z1 * A[3] + c[1];
    row[2] = row[0] * red[0] + row[1] * red[2];
    row[3] = row[0] * red[1] + row[1] * red[3];
    for (let f = 4; f < d; f++) row[f] = normal();
    const o = rowPerm[i] * d;
    for (let f = 0; f < d; f++) X[o + colPerm[f]] = row[f];
    y[rowPerm[i]] = u() < flipY ? (u() < 0.5 ? 0 : 1) : cls;
  }
  return { X, y };
}

function parseSizes(v: SamplersPerfOptions['sizes']): number[] {
  if (v === undefined) return [100_000];
  if (typeof v === 'number') return [v];
  if (typeof v === 'string') return v.split(',').map((s) => Number(s.trim()));
  return [...v];
}

function findPeers(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.ADAAR_PEERS_DIR,
    resolve(process.cwd(), '../shared/peers'),
    resolve(process.cwd(), '../../shared/peers'),
    resolve(process.cwd(), '../../../shared/peers'),
    resolve(here, '../../../../../shared/peers'),
    resolve(here, '../../../../shared/peers'),
    '/work/shared/peers',
  ];
  return candidates.find((p) => p && existsSync(join(p, 'imblearn_bench.py')));
}

interface PeerRecord {
  n: number;
  sampler: string;
  median_s: number;
  times_s: number[];
  generated: number;
  class_counts: number[];
  env: Record<string, unknown>;
}

interface PeerRun {
  openblasCoretype: string | null;
  records: PeerRecord[];
  error?: string;
}

function runPeer(sizes: number[], repeats: number, coretype: string | null): PeerRun {
  const peers = findPeers();
  if (!peers)
    return {
      openblasCoretype: coretype,
      records: [],
      error: 'imblearn_bench.py not found (set ADAAR_PEERS_DIR)',
    };
  const py = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const probe = spawnSync(py, ['-c', 'import imblearn, sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return {
      openblasCoretype: coretype,
      records: [],
      error: `${py} lacks imblearn (apt-get install python3-imblearn python3-sklearn python3-pandas)`,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'adaar-imblearn-'));
  try {
    const jsonl = join(dir, 'out.jsonl');
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (coretype) env.OPENBLAS_CORETYPE = coretype;
    else delete env.OPENBLAS_CORETYPE;
    const res = spawnSync(
      py,
      [
        join(peers, 'imblearn_bench.py'),
        '--sizes',
        ...sizes.map(String),
        '--repeats',
        String(repeats),
        '--jsonl',
        jsonl,
      ],
      { encoding: 'utf8', env, timeout: 1_800_000 },
    );
    if (res.status !== 0 || !existsSync(jsonl)) {
      return {
        openblasCoretype: coretype,
        records: [],
        error: `imblearn_bench.py failed: ${res.stderr?.slice(-500)}`,
      };
    }
    const records = readFileSync(jsonl, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as PeerRecord);
    return { openblasCoretype: coretype, records };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One timed configuration of ours. */
export interface OursTiming {
  n: number;
  d: number;
  sampler: SamplerKey;
  classCounts: [number, number];
  generated: number;
  median_s: number;
  times_s: number[];
}

function childEnv(hugepages: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (hugepages && !/glibc\.malloc\.hugetlb/.test(env.GLIBC_TUNABLES ?? '')) {
    env.GLIBC_TUNABLES = env.GLIBC_TUNABLES
      ? `${env.GLIBC_TUNABLES}:glibc.malloc.hugetlb=1`
      : 'glibc.malloc.hugetlb=1';
  }
  return env;
}

/** Runs `body` (an ES module body; `mod` = @adaar/samplers, `gen` = the data generator) in a fresh Node process. */
function runChild(
  body: string,
  hugepages: boolean,
): { ok: true; json: unknown } | { ok: false; error: string } {
  const script = `
const mod = await import(${JSON.stringify(samplersModuleUrl())});
const gen = ${makeClassificationLike.toString()};
const make = (key) => key === 'ros' ? new mod.RandomOverSampler() : key === 'smote' ? new mod.Smote({ k: 5 }) : new mod.Adasyn({ k: 5 });
const dataset = (n, d, seed) => { const { X, y } = gen(n, d, seed); return { nRows: n, nCols: d, X, y, featureNames: Array.from({ length: d }, (_, j) => 'x' + j) }; };
${body}
`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 3_600_000,
    maxBuffer: 1 << 24,
    env: childEnv(hugepages),
  });
  if (res.status !== 0) {
    return {
      ok: false,
      error: `child exited ${res.status ?? res.signal}: ${res.stderr?.slice(-800)}`,
    };
  }
  const last = res.stdout.trim().split('\n').pop() ?? 'null';
  return { ok: true, json: JSON.parse(last) };
}

function timeOurs(
  n: number,
  d: number,
  keys: SamplerKey[],
  repeats: number,
  hugepages: boolean,
  log: (s: string) => void,
): OursTiming[] {
  const recs: OursTiming[] = [];
  // one fresh process per sampler, so that none inherits another's heap
  for (const key of keys) {
    const body = `
const n = ${n}, d = ${d}, repeats = ${repeats}, key = ${JSON.stringify(key)};
const train = dataset(n, d, 0);
let pos = 0; for (const v of train.y) pos += v;
const times = []; let generated = 0;
for (let r = -1; r < repeats; r++) {
  const t0 = performance.now();
  const res = await mod.fitResample(make(key), train, 'balance', { seed: r + 1 });
  const t = (performance.now() - t0) / 1000;
  if (r >= 0) times.push(t);
  generated = res.nSynthetic;
}
const s = [...times].sort((a, b) => a - b); const m = s.length >> 1;
console.log(JSON.stringify({ n, d, sampler: key, classCounts: [n - pos, pos], generated, median_s: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, times_s: times }));
`;
    const r = runChild(body, hugepages);
    if (!r.ok) throw new Error(r.error);
    const rec = r.json as OursTiming;
    log(
      `  adaar ${rec.sampler.padEnd(7)} n=${n} median ${rec.median_s.toFixed(4)} s  generated ${rec.generated}  raw [${rec.times_s.map((t) => t.toFixed(4)).join(', ')}]`,
    );
    recs.push(rec);
  }
  return recs;
}

/** One memory measurement at scale (a fresh Node process per sampler). */
export interface ScaleRun {
  n: number;
  d: number;
  sampler: SamplerKey;
  seconds?: number;
  generated?: number;
  /** Peak resident memory of the whole process (data generation included), MiB. */
  peakRssMB?: number;
  /** Peak resident memory once the input data existed, before the sampler ran, MiB. */
  dataRssMB?: number;
  error?: string;
}

function samplersModuleUrl(): string {
  try {
    return import.meta.resolve('@adaar/samplers');
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve('@adaar/samplers')).href;
  }
}

function runScale(
  n: number,
  d: number,
  key: SamplerKey,
  hugepages: boolean,
  log: (s: string) => void,
): ScaleRun {
  const body = `
const train = dataset(${n}, ${d}, 1);
const dataRssMB = process.resourceUsage().maxRSS / 1024;
const t0 = performance.now();
const res = await mod.fitResample(make(${JSON.stringify(key)}), train, 'balance', { seed: 0 });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, generated: res.nSynthetic, dataRssMB, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
`;
  const r = runChild(body, hugepages);
  if (!r.ok) {
    log(`  scale ${key} ${n} x ${d}: ${r.error}`);
    return { n, d, sampler: key, error: r.error };
  }
  const m = r.json as Omit<ScaleRun, 'n' | 'd' | 'sampler'>;
  log(
    `  scale ${key.padEnd(7)} ${n} x ${d}: ${m.seconds?.toFixed(2)} s, generated ${m.generated}, peak RSS ${m.peakRssMB?.toFixed(0)} MiB (input data alone ${m.dataRssMB?.toFixed(0)} MiB)`,
  );
  return { n, d, sampler: key, ...m };
}

/** The JSON report of {@link runSamplersPerf}. */
export interface SamplersPerfReport {
  bench: 'samplers-perf';
  date: string;
  env: { node: string; cpus: number; cpuModel: string; knnBackend: string };
  targets: typeof TARGETS;
  /** Per (n, sampler): the fastest round's median (the figure compared). */
  ours: OursTiming[];
  /** Every round of ours. */
  oursRuns: OursTiming[];
  /** Whether our processes ran with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`. */
  hugepages: boolean;
  peer: { available: boolean; error?: string; runs: PeerRun[] };
  comparison: {
    n: number;
    sampler: SamplerKey;
    ours_s: number;
    imblearn_s?: number;
    imblearnCoretype?: string | null;
    ratio?: number;
    target?: number;
    meetsTarget?: boolean;
  }[];
  scale: ScaleRun[];
}

/**
 * Runs the samplers benchmark. In each of `rounds` rounds: ours, each sampler in a fresh Node
 * process (median of `repeats` after one warm-up run, `fitResample` to balance), then
 * imbalanced-learn's `fit_resample` (../shared/peers/imblearn_bench.py, with and without
 * `OPENBLAS_CORETYPE=Cooperlake`, see ../shared/peers/README.md). Each side's fastest median
 * is compared (ratio = ours / imbalanced-learn). Then peak RSS at `scaleRows x scaleCols`
 * per sampler, each in a fresh process. Our processes get
 * `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` unless `noHugepages`: numpy advises transparent
 * huge pages for large arrays by itself, and on machines where page faults are slow (VMs)
 * first-touch of fresh memory otherwise dominates both sides' time.
 * Writes the report to `opts.out` when given, and returns it.
 */
export async function runSamplersPerf(opts: SamplersPerfOptions = {}): Promise<SamplersPerfReport> {
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const sizes = parseSizes(opts.sizes);
  const repeats = opts.repeats ?? 3;
  const keys = (opts.samplers ?? 'ros,smote,adasyn')
    .split(',')
    .map((s) => s.trim()) as SamplerKey[];
  for (const k of keys) {
    if (!['ros', 'smote', 'adasyn'].includes(k))
      throw new Error(`samplers: unknown sampler "${k}"`);
  }
  const d = 30;
  log(
    `samplers perf: sizes ${sizes.join(', ')} x ${d}, repeats ${repeats}, kNN backend ${new BruteForceKnn().backend}`,
  );
  const hugepages = !opts.noHugepages;
  const rounds = opts.rounds ?? 2;
  const oursRuns: OursTiming[] = [];
  const runs: PeerRun[] = [];
  let peerBroken = !!opts.noPeer;
  for (let round = 0; round < rounds; round++) {
    log(`round ${round + 1}/${rounds}`);
    for (const n of sizes) oursRuns.push(...timeOurs(n, d, keys, repeats, hugepages, log));
    for (const coretype of peerBroken ? [] : [null, 'Cooperlake']) {
      log(`  imbalanced-learn (OPENBLAS_CORETYPE=${coretype ?? 'unset'}) ...`);
      const run = runPeer(sizes, repeats, coretype);
      for (const r of run.records) {
        log(
          `  imblearn ${r.sampler.padEnd(18)} n=${r.n} median ${r.median_s.toFixed(4)} s  generated ${r.generated}`,
        );
      }
      runs.push(run);
      if (run.error) {
        peerBroken = true;
        break;
      }
    }
  }
  // per (n, sampler): our fastest round median, as the peer's fastest invocation median
  const ours: OursTiming[] = [];
  for (const rec of oursRuns) {
    const i = ours.findIndex((o) => o.n === rec.n && o.sampler === rec.sampler);
    if (i < 0) ours.push(rec);
    else if (rec.median_s < ours[i].median_s) ours[i] = rec;
  }

  const comparison: SamplersPerfReport['comparison'] = ours.map((o) => {
    let best: PeerRecord | undefined;
    let bestCore: string | null = null;
    for (const run of runs) {
      for (const r of run.records) {
        if (
          r.n === o.n &&
          PEER_NAMES[r.sampler] === o.sampler &&
          (!best || r.median_s < best.median_s)
        ) {
          best = r;
          bestCore = run.openblasCoretype;
        }
      }
    }
    const target = o.sampler === 'ros' ? undefined : TARGETS[o.sampler];
    if (!best) return { n: o.n, sampler: o.sampler, ours_s: o.median_s };
    const ratio = o.median_s / best.median_s;
    return {
      n: o.n,
      sampler: o.sampler,
      ours_s: o.median_s,
      imblearn_s: best.median_s,
      imblearnCoretype: bestCore,
      ratio,
      ...(target === undefined ? {} : { target, meetsTarget: ratio <= target }),
    };
  });
  for (const c of comparison) {
    if (c.ratio !== undefined) {
      log(
        `  ratio ${c.sampler.padEnd(7)} n=${c.n}: ${c.ratio.toFixed(3)} (ours ${c.ours_s.toFixed(4)} s / imblearn ${c.imblearn_s?.toFixed(4)} s)${c.target ? `, target <= ${c.target}` : ''}`,
      );
    }
  }

  const scale: ScaleRun[] = [];
  if (!opts.noScale) {
    const sn = opts.scaleRows ?? 1_000_000;
    const sd = opts.scaleCols ?? 50;
    for (const key of keys) scale.push(runScale(sn, sd, key, hugepages, log));
  }

  const peerError = runs.find((r) => r.error)?.error;
  const report: SamplersPerfReport = {
    bench: 'samplers-perf',
    date: new Date().toISOString(),
    env: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      knnBackend: new BruteForceKnn().backend,
    },
    targets: TARGETS,
    ours,
    oursRuns,
    hugepages,
    peer: {
      available: runs.some((r) => r.records.length > 0),
      ...(opts.noPeer ? { error: 'skipped (--no-peer)' } : peerError ? { error: peerError } : {}),
      runs,
    },
    comparison,
    scale,
  };
  if (opts.out) {
    mkdirSync(dirname(resolve(opts.out)), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

function parseArgv(argv: readonly string[]): SamplersPerfOptions {
  const o: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}"`);
    const key = m[1].replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    let v: string | undefined = m[2];
    if (v === undefined && i + 1 < argv.length && !argv[i + 1].startsWith('--')) v = argv[++i];
    o[key] = v === undefined ? true : Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : v;
  }
  return o as SamplersPerfOptions;
}

if (
  process.argv[1] &&
  /\/samplers\.[cm]?js$/.test(import.meta.url) &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  runSamplersPerf(parseArgv(process.argv.slice(2))).then(
    (r) => process.stdout.write(`${JSON.stringify(r.comparison, null, 2)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
