import { AdaarInputError } from './errors';
import { type SeedLike, toRng } from './rng';
import {
  type LabelledRows,
  resolveRows,
  rowsByClass,
  sortedUnion,
  type TrainTestIndices,
} from './splitHelpers';

/** Options of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Fraction of each class put in the test part, in (0, 1). Default 0.25. */
  readonly testSize?: number;
  /** Seed or generator. Default 0. */
  readonly seed?: SeedLike;
  /** Rows to split (default: all rows). */
  readonly rows?: ArrayLike<number>;
}

/**
 * Seeded stratified train/test split: within each class, `round(testSize x count)` randomly
 * chosen rows go to test (at least one and at most count - 1 when the class has two or more
 * rows), the rest to train. Both classes keep their rate up to rounding.
 *
 * @returns row indices, ascending.
 * @throws AdaarInputError naming `testSize` when outside (0, 1), `rows` when an index is out of
 *   range, `data` when a class is absent.
 */
export function stratifiedSplit(
  data: LabelledRows,
  options: StratifiedSplitOptions = {},
): TrainTestIndices {
  const testSize = options.testSize ?? 0.25;
  if (!(testSize > 0 && testSize < 1)) {
    throw new AdaarInputError('testSize', `expected a fraction in (0, 1), got ${testSize}`);
  }
  const rows = resolveRows(data, options.rows);
  const classes = rowsByClass(data, rows);
  if (classes[0].length === 0 || classes[1].length === 0) {
    throw new AdaarInputError(
      'data',
      `needs both classes to stratify; found ${classes[1].length} high-risk and ${classes[0].length} low-risk rows`,
    );
  }
  const rng = toRng(options.seed ?? 0);
  const train: Uint32Array[] = [];
  const test: Uint32Array[] = [];
  for (const members of classes) {
    const n = members.length;
    let nTest = Math.round(testSize * n);
    if (n >= 2) nTest = Math.min(n - 1, Math.max(1, nTest));
    const shuffled = rng.shuffle(members.slice());
    test.push(shuffled.subarray(0, nTest));
    train.push(shuffled.subarray(nTest));
  }
  return { train: sortedUnion(...train), test: sortedUnion(...test) };
}
