/** The TensorFlow.js backend a run trained on. */
export interface BackendRecord {
  readonly name: string;
  readonly native: boolean;
  readonly fallbackReason?: string;
}

/** A loss curve of one training phase, downsampled to at most a few hundred points. */
export interface LossCurve {
  readonly phase: string;
  readonly step: readonly number[];
  readonly losses: Readonly<Record<string, readonly number[]>>;
}

/**
 * Diagnostics of a synthetic sample (methods.md section 7), flat: `spreadRatio`,
 * `nnDistanceRatio`, `nearestPositiveShare`, `realNearestPositiveShare`, `riskinessGap` from
 * @adaar/core's `diagnoseSamples`, plus what the sampler reports about its own training at the
 * end (e.g. `d1Real`, `d1Fake`, `d2Fake`).
 */
export type SampleDiagnostics = Readonly<Record<string, number>>;

/** One line of `runs.jsonl`: one (dataset, split, method, seed, K) run. */
export interface RunRecord {
  /** Record format version. */
  readonly v: 1;
  /** `dataset|split|method|seed|K`: unique within a configuration. */
  readonly key: string;
  /** Hash of everything that determines this run's result (see `runConfig`). */
  readonly configHash: string;
  readonly dataset: string;
  readonly split: string;
  readonly method: string;
  readonly seed: number;
  /** Oversampling rate; 0 for NS (no synthetic rows). */
  readonly k: number | 'balance';
  readonly classifier: string;
  /** Every metric of @adaar/metrics' evaluateScores plus `rap@<p>` for each precision p. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly nTrain: number;
  readonly nTrainPositive: number;
  readonly nValidation: number;
  readonly nTest: number;
  readonly testPositiveRate: number;
  readonly nSynthetic: number;
  /** Seconds to fit the sampler (shared by every K of a sweep), to sample, to train the classifier, in all. */
  readonly fitSeconds: number;
  readonly sampleSeconds: number;
  readonly classifierSeconds: number;
  readonly totalSeconds: number;
  readonly backend: BackendRecord;
  readonly versions: Readonly<Record<string, string>>;
  readonly curves?: readonly LossCurve[];
  readonly diagnostics?: SampleDiagnostics;
  /** ISO time the run finished. */
  readonly finishedAt: string;
}

/** The key of a run: `dataset|split|method|seed|K`. */
export function runKey(r: {
  dataset: string;
  split: string;
  method: string;
  seed: number;
  k: number | 'balance';
}): string {
  return `${r.dataset}|${r.split}|${r.method}|${r.seed}|${r.k}`;
}
