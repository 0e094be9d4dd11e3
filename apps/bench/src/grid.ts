import type { KValue } from './options';
import { runKey } from './runRecord';

/** One unit of work: fit one method once on one (split, seed), then evaluate it at each K. */
export interface Job {
  /** Position in the full grid (stable, used for ordering and progress). */
  readonly index: number;
  readonly dataset: string;
  readonly split: string;
  readonly method: string;
  readonly seed: number;
  /** Rates still to run for this job (NS: `[0]`). */
  readonly ks: readonly (number | 'balance')[];
}

/** What the grid is built from. */
export interface GridSpec {
  readonly dataset: string;
  readonly splits: readonly string[];
  readonly methods: readonly string[];
  readonly seeds: readonly number[];
  /** Rates for every oversampler: `[K]` normally, the sweep list with --sweep-k. */
  readonly ks: readonly KValue[];
}

/**
 * The run grid: dataset x split x method x seed x K, grouped into jobs of one fit each.
 * NS has no synthetic rows and runs once per (split, seed) with K = 0. Jobs are ordered by
 * seed, then split, then method, so that parallel workers share prepared splits.
 *
 * @param isDone - tells whether a run (by its key and coordinates) is already finished;
 *   finished Ks are left out and a job whose every K is finished is dropped.
 */
export function buildJobs(
  spec: GridSpec,
  isDone: (key: string, run: { method: string; k: number | 'balance' }) => boolean = () => false,
): Job[] {
  const jobs: Job[] = [];
  let index = 0;
  for (const seed of spec.seeds) {
    for (const split of spec.splits) {
      for (const method of spec.methods) {
        const all: (number | 'balance')[] = method === 'ns' ? [0] : [...spec.ks];
        const ks = all.filter(
          (k) => !isDone(runKey({ dataset: spec.dataset, split, method, seed, k }), { method, k }),
        );
        if (ks.length > 0) jobs.push({ index, dataset: spec.dataset, split, method, seed, ks });
        index++;
      }
    }
  }
  return jobs;
}

/** Number of runs (records) a grid produces when nothing is done yet. */
export function countRuns(spec: GridSpec): number {
  const perSeedSplit = spec.methods.reduce((n, m) => n + (m === 'ns' ? 1 : spec.ks.length), 0);
  return perSeedSplit * spec.splits.length * spec.seeds.length;
}

/** The run keys of a grid (every (split, method, seed, K); NS at K = 0). */
export function gridKeys(spec: GridSpec): Set<string> {
  const keys = new Set<string>();
  for (const seed of spec.seeds) {
    for (const split of spec.splits) {
      for (const method of spec.methods) {
        for (const k of method === 'ns' ? [0] : spec.ks) {
          keys.add(runKey({ dataset: spec.dataset, split, method, seed, k }));
        }
      }
    }
  }
  return keys;
}
