import { AdaarInputError } from './errors';
import { type SeedLike, toRng } from './rng';
import { type LabelledRows, resolveRows, rowsByClass, sortedUnion } from './splitHelpers';

/** Options of {@link subsamplePositives}. */
export interface SubsamplePositivesOptions {
  /** Target high-risk rate in (0, 1). Default 0.02 (evaluation.md's default). */
  readonly rate?: number;
  /** Seed or generator. Default 0. */
  readonly seed?: SeedLike;
}

/**
 * Keeps every low-risk row and a seeded random subset of the high-risk rows so that the
 * high-risk rate becomes `rate`: `round(rate x nNegative / (1 - rate))` positives (at least
 * one). Rows already at or below the target rate are returned unchanged. Used for data sets
 * whose positive rate makes recall at precision 0.1 trivial (see evaluation.md); apply it to
 * train and test separately, after splitting.
 *
 * @param rows - the rows to thin (default: all rows).
 * @returns the kept row indices, ascending.
 * @throws AdaarInputError naming `rate` when outside (0, 1), `rows` when an index is out of
 *   range or the rows hold no low-risk row.
 */
export function subsamplePositives(
  data: LabelledRows,
  rows?: ArrayLike<number>,
  options: SubsamplePositivesOptions = {},
): Uint32Array {
  const rate = options.rate ?? 0.02;
  if (!(rate > 0 && rate < 1)) {
    throw new AdaarInputError('rate', `expected a rate in (0, 1), got ${rate}`);
  }
  const all = resolveRows(data, rows);
  const [neg, pos] = rowsByClass(data, all);
  if (neg.length === 0) throw new AdaarInputError('rows', 'hold no low-risk row');
  const keep = Math.max(1, Math.round((rate * neg.length) / (1 - rate)));
  if (keep >= pos.length) return all.slice().sort();
  const rng = toRng(options.seed ?? 0);
  const chosen = rng.shuffle(pos.slice()).subarray(0, keep);
  return sortedUnion(neg, chosen);
}
