import type { SampleDiagnostics } from './diagnostics';

/** One logged series: x positions (`step`) and one array of values per metric, all of equal length. */
export interface CurveSeries {
  /** Step of each point: the epoch (autoencoder) or iteration (other phases), 1-based. */
  readonly step: number[];
  /** Metric name -> value at each step (mean over the logging window). */
  readonly values: Record<string, number[]>;
}

/** A diagnostics point: {@link SampleDiagnostics} at an adversarial iteration. */
export type CurveDiagnostics = SampleDiagnostics & {
  /** Adversarial iteration (0 = before the first one). */
  readonly step: number;
};

/**
 * The training curve of an ADAAR fit, plain JSON (`JSON.stringify` it for plotting).
 *
 * Metric names: autoencoder `ae` (MSE per epoch); D2 warm-up `d2`; adversarial phase `d1`,
 * `d2`, `g` (losses), `ae` (with a fine-tuned encoder), `d1Real`, `d1Fake` (D1's mean
 * probability of "real high-risk" on real and on generated rows), `d2Real`, `d2Low` (D2's mean
 * probability of high-risk on real high-risk and low-risk rows), `d2Fake` (on generated rows).
 * Adversarial values are means over the `logEvery` iterations ending at `step`.
 */
export interface AdaarTrainingCurve {
  /** Logging window of the iteration phases. */
  readonly logEvery: number;
  readonly autoencoder: CurveSeries;
  readonly d2Warmup: CurveSeries;
  readonly adversarial: CurveSeries;
  /** Sample diagnostics during and at the end of training (when enabled). */
  readonly diagnostics: CurveDiagnostics[];
  /** Seconds spent per phase. */
  readonly seconds: Record<string, number>;
}

/** One row of {@link trainingCurveRows}: a long ("tidy") format for plotting tools. */
export interface TrainingCurveRow {
  readonly phase: string;
  readonly step: number;
  readonly metric: string;
  readonly value: number;
}

/** An empty curve. */
export function emptyTrainingCurve(logEvery: number): AdaarTrainingCurve {
  const s = (): CurveSeries => ({ step: [], values: {} });
  return {
    logEvery,
    autoencoder: s(),
    d2Warmup: s(),
    adversarial: s(),
    diagnostics: [],
    seconds: {},
  };
}

/** Appends one point to a series (metrics missing from earlier points are padded with NaN). */
export function pushCurvePoint(
  series: CurveSeries,
  step: number,
  values: Readonly<Record<string, number>>,
): void {
  const n = series.step.length;
  series.step.push(step);
  for (const [k, v] of Object.entries(values)) {
    if (!series.values[k]) series.values[k] = new Array<number>(n).fill(Number.NaN);
    series.values[k].push(v);
  }
  for (const arr of Object.values(series.values)) {
    if (arr.length === n) arr.push(Number.NaN);
  }
}

/**
 * Flattens a training curve into rows `{ phase, step, metric, value }` (phases `autoencoder`,
 * `d2Warmup`, `adversarial`, and `diagnostics` for every numeric diagnostic).
 */
export function trainingCurveRows(curve: AdaarTrainingCurve): TrainingCurveRow[] {
  const rows: TrainingCurveRow[] = [];
  for (const phase of ['autoencoder', 'd2Warmup', 'adversarial'] as const) {
    const s = curve[phase];
    for (const [metric, vals] of Object.entries(s.values)) {
      vals.forEach((value, i) => {
        rows.push({ phase, step: s.step[i], metric, value });
      });
    }
  }
  for (const d of curve.diagnostics) {
    for (const [metric, value] of Object.entries(d)) {
      if (metric !== 'step' && typeof value === 'number') {
        rows.push({ phase: 'diagnostics', step: d.step, metric, value });
      }
    }
  }
  return rows;
}
