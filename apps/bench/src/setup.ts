import type { GridSpec } from './grid';
import type { BenchConfig, KValue } from './options';

/** Facts about one split, measured before training (after any positive subsampling). */
export interface SplitInfo {
  readonly split: string;
  /** Training rows (before the validation carve-out) and their high-risk count, for seed 0. */
  readonly nTrain: number;
  readonly nTrainPositive: number;
  readonly nTest: number;
  readonly nTestPositive: number;
  readonly testPositiveRate: number;
  /** E.g. "positives subsampled to 2 % in train and test (seeded)". */
  readonly note?: string;
}

/**
 * The resolved configuration of a bench run, saved as `config.json` beside `runs.jsonl` so
 * that `pnpm bench report --out DIR` can rebuild every output from the records.
 */
export interface ResolvedSetup {
  readonly config: BenchConfig;
  /** The command line as given. */
  readonly argv: readonly string[];
  /** Short dataset id used in run keys (e.g. `synthetic`, `german-credit`, `csv:loans.csv`). */
  readonly datasetId: string;
  readonly datasetLabel: string;
  readonly splits: readonly string[];
  readonly splitInfo: readonly SplitInfo[];
  /** SHA-256 (16 hex) of the data file, or of the generator settings for synthetic data. */
  readonly dataHash: string;
  /** Resolved precisions of the R@P columns (the first is the paper's R@P_0.1). */
  readonly precisions: readonly number[];
  /** Metric keys of Table 2 per split: `auc`, then `rap@<p>` per precision. */
  readonly metrics: readonly string[];
  /** K of Table 2. */
  readonly tableK: KValue;
  /** Rates of each oversampler's runs (`[k]`, or the sweep). */
  readonly ks: readonly KValue[];
  /** Positive rate that train and test were subsampled to, if any. */
  readonly targetPositiveRate?: number;
  /** Package versions (@adaar/*). */
  readonly versions: Readonly<Record<string, string>>;
  /** Display names of user samplers. */
  readonly userLabels: Readonly<Record<string, string>>;
}

/** Formats a precision for a metric key: `0.1` -> `rap@0.1`. */
export function rapKey(p: number): string {
  return `rap@${Number(p.toPrecision(6))}`;
}

/** The run grid of a setup: its dataset, splits, methods, seeds and rates. */
export function gridOf(setup: ResolvedSetup): GridSpec {
  return {
    dataset: setup.datasetId,
    splits: setup.splits,
    methods: setup.config.methods,
    seeds: setup.config.seeds,
    ks: setup.ks,
  };
}
