import { createDataset, type Dataset, Rng } from '@adaar/data';

/**
 * A small two-class table for fast tfjs tests: `nRows` rows of `nCols` features; high-risk
 * rows ~ N(shift, 1), the others ~ N(0, 1). Deterministic.
 */
export function smallTable(
  opts: { nRows?: number; nCols?: number; positives?: number; shift?: number; seed?: number } = {},
): Dataset {
  const nRows = opts.nRows ?? 300;
  const nCols = opts.nCols ?? 6;
  const positives = opts.positives ?? 60;
  const shift = opts.shift ?? 1.5;
  const rng = new Rng(opts.seed ?? 5);
  const y = new Uint8Array(nRows);
  const step = nRows / positives;
  for (let p = 0; p < positives; p++) y[Math.floor(p * step)] = 1;
  const X = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    for (let c = 0; c < nCols; c++) X[i * nCols + c] = rng.normal() + (y[i] ? shift : 0);
  }
  return createDataset(X, y, nCols);
}

/** Options of a BAGAN small enough for unit tests. */
export const TINY_BAGAN = {
  latentDim: 4,
  trunkWidths: [16, 16, 16],
  generatorWidths: [16, 16],
  batchSize: 64,
  epochs: 2,
} as const;

/** Options of a GL-GAN small enough for unit tests. */
export const TINY_GLGAN = {
  latentDim: 3,
  encoderWidths: [16, 8],
  generatorWidths: [8, 16],
  discriminatorWidths: [16, 8],
  batchSize: 64,
  warmupEpochs: 2,
  epochs: 2,
} as const;
