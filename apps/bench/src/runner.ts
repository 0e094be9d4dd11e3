import {
  diagnoseSamples,
  LogisticRegression,
  MLPClassifier,
  RandomForestClassifier,
} from '@adaar/core';
import { concatDatasets, countClasses, type Dataset, withRows } from '@adaar/data';
import { evaluateScores } from '@adaar/metrics';
import { createSampler, type FittedSampler, syntheticCount } from '@adaar/samplers';
import { CurveRecorder } from './curveRecorder';
import type { DataSource, PreparedSplit } from './dataSource';
import type { JobEvents } from './executor';
import type { Job } from './grid';
import { classifierOptions, samplerOptions } from './profiles';
import { runHash } from './runHash';
import type { BackendRecord, LossCurve, RunRecord, SampleDiagnostics } from './runRecord';
import { runKey } from './runRecord';
import { deriveSeed } from './seeds';
import { type ResolvedSetup, rapKey } from './setup';

/** A downstream classifier as @adaar/core defines it. */
interface Classifier {
  fit(train: Dataset, opts?: { validation?: Dataset; seed?: number }): Promise<void>;
  predictProba(X: Dataset): Promise<Float64Array>;
  dispose(): void;
}

function makeClassifier(setup: ResolvedSetup): Classifier {
  const opts = classifierOptions(setup.config.profile, setup.config.classifier);
  if (setup.config.classifier === 'forest') return new RandomForestClassifier(opts);
  return setup.config.classifier === 'mlp' ? new MLPClassifier(opts) : new LogisticRegression(opts);
}

/** Flattens @adaar/metrics' evaluateScores into `RunRecord.metrics`. */
export function flattenMetrics(m: ReturnType<typeof evaluateScores>): Record<string, number> {
  const out: Record<string, number> = {
    auc: m.auc,
    gini: m.gini,
    averagePrecision: m.averagePrecision,
    ks: m.ks,
    positiveRate: m.positiveRate,
  };
  if (Number.isFinite(m.ksThreshold)) out.ksThreshold = m.ksThreshold;
  if (m.brier !== null) out.brier = m.brier;
  for (const r of m.recallAtPrecision) out[rapKey(r.precision)] = r.recall;
  return out;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Discriminator outputs a GAN may log (methods.md section 7): D1 on real/fake, D2 on fake, ... */
const DISCRIMINATOR_KEYS = ['d1Real', 'd1Fake', 'd2Fake', 'd2Real', 'd2Low'];

/** The last logged value of each discriminator output of the last phase that logs any. */
export function finalDiscriminatorValues(curves: readonly LossCurve[]): Record<string, number> {
  for (let i = curves.length - 1; i >= 0; i--) {
    const out: Record<string, number> = {};
    for (const key of DISCRIMINATOR_KEYS) {
      const v = curves[i].losses[key];
      const last = v?.[v.length - 1];
      if (typeof last === 'number' && Number.isFinite(last)) out[key] = last;
    }
    if (Object.keys(out).length > 0) return out;
  }
  return {};
}

/**
 * Runs jobs in the current thread: prepares the split (cached), fits the sampler once, and for
 * each K samples, trains the classifier on train + synthetic rows (early stopping on the
 * validation rows), scores the test rows once and reports a record.
 */
export class JobRunner {
  private readonly refModels = new Map<string, Promise<LogisticRegression>>();

  constructor(
    private readonly setup: ResolvedSetup,
    private readonly source: DataSource,
    private readonly backend: BackendRecord,
  ) {}

  /** The reference risk model of a (split, seed): an L2 logistic regression on the real training rows. */
  private refModel(job: Job, data: PreparedSplit): Promise<LogisticRegression> {
    const key = `${job.split}|${job.seed}`;
    let m = this.refModels.get(key);
    if (!m) {
      for (const [k, old] of this.refModels) {
        void old.then((c) => c.dispose());
        this.refModels.delete(k);
      }
      m = (async () => {
        const lr = new LogisticRegression();
        await lr.fit(data.train, { seed: deriveSeed(job.seed, 'reference-lr') });
        return lr;
      })();
      this.refModels.set(key, m);
    }
    return m;
  }

  private async diagnose(
    job: Job,
    data: PreparedSplit,
    X: Float64Array,
    samplerFinal: Readonly<Record<string, number>>,
  ): Promise<SampleDiagnostics | undefined> {
    const d = data.train.nCols;
    if (X.length < 2 * d) return undefined;
    const ref = await this.refModel(job, data);
    const w = ref.coef;
    const b = ref.intercept;
    const diag = await diagnoseSamples(X, data.train, {
      seed: deriveSeed(job.seed, `diagnostics:${job.method}`),
      riskLogit: (rows, n) => {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let z = b;
          for (let j = 0; j < d; j++) z += w[j] * rows[i * d + j];
          out[i] = z;
        }
        return out;
      },
    });
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(diag)) if (typeof v === 'number') out[k] = v;
    return { ...out, ...samplerFinal };
  }

  /** Runs one job; emits one record per K. */
  async run(job: Job, events: JobEvents): Promise<void> {
    const { setup } = this;
    const data = this.source.prepare(job.split, job.seed);
    const nTrainPositive = countClasses(data.train).positive;
    const tag = `${job.method} ${job.split} s${job.seed}`;
    let fitted: FittedSampler | undefined;
    let fitSeconds = 0;
    const recorder = new CurveRecorder();
    try {
      if (job.method !== 'ns') {
        events.progress(`${tag} fit`);
        const sampler = createSampler(job.method, samplerOptions(setup.config.profile, job.method));
        const tf = performance.now();
        let last = 0;
        fitted = await sampler.fit(data.train, {
          seed: deriveSeed(job.seed, `fit:${job.method}`),
          onProgress: (p) => {
            recorder.add(p);
            const now = performance.now();
            if (now - last > 500) {
              last = now;
              events.progress(`${tag} ${p.phase} ${p.step}/${p.total}`);
            }
          },
        });
        fitSeconds = seconds(tf);
      }
      const curves = recorder.curves();
      const samplerFinal = finalDiscriminatorValues(curves);
      for (const k of job.ks) {
        const tk = performance.now();
        let X: Float64Array = new Float64Array(0);
        let sampleSeconds = 0;
        if (fitted) {
          const n = syntheticCount(data.train, k === 'balance' ? 'balance' : { K: k as number });
          const ts = performance.now();
          X = await fitted.sample(n, { seed: deriveSeed(job.seed, `sample:${job.method}:${k}`) });
          sampleSeconds = seconds(ts);
        }
        const nSynthetic = X.length / data.train.nCols;
        const augmented =
          nSynthetic > 0 ? concatDatasets([data.train, withRows(data.train, X, 1)]) : data.train;
        events.progress(`${tag} K=${k} classifier`);
        const tc = performance.now();
        const clf = makeClassifier(setup);
        let scores: Float64Array;
        try {
          await clf.fit(augmented, { validation: data.validation, seed: job.seed });
          scores = await clf.predictProba(data.test);
        } finally {
          clf.dispose();
        }
        const classifierSeconds = seconds(tc);
        const metrics = flattenMetrics(
          evaluateScores(data.test.y, scores, { precisions: setup.precisions }),
        );
        const diagnostics =
          fitted && nSynthetic > 0 ? await this.diagnose(job, data, X, samplerFinal) : undefined;
        const record: RunRecord = {
          v: 1,
          key: runKey({ ...job, k }),
          configHash: runHash(setup, job.method, k),
          dataset: job.dataset,
          split: job.split,
          method: job.method,
          seed: job.seed,
          k,
          classifier: setup.config.classifier,
          metrics,
          nTrain: data.train.nRows,
          nTrainPositive,
          nValidation: data.validation.nRows,
          nTest: data.test.nRows,
          testPositiveRate: countClasses(data.test).positiveRate,
          nSynthetic,
          fitSeconds,
          sampleSeconds,
          classifierSeconds,
          totalSeconds: (job.ks.indexOf(k) === 0 ? fitSeconds : 0) + seconds(tk),
          backend: this.backend,
          versions: setup.versions,
          ...(curves.length > 0 ? { curves } : {}),
          ...(diagnostics ? { diagnostics } : {}),
          finishedAt: new Date().toISOString(),
        };
        events.record(record);
      }
    } finally {
      fitted?.dispose?.();
    }
  }

  /** Frees the cached reference models. */
  dispose(): void {
    for (const m of this.refModels.values()) void m.then((c) => c.dispose());
    this.refModels.clear();
  }
}
