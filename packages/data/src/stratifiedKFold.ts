import { AdaarInputError } from './errors';
import { type SeedLike, toRng } from './rng';
import {
  type LabelledRows,
  resolveRows,
  rowsByClass,
  sortedUnion,
  type TrainTestIndices,
} from './splitHelpers';

/** Options of {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /** Number of folds, an integer >= 2. Default 5. */
  readonly k?: number;
  /** Seed or generator. Default 0. */
  readonly seed?: SeedLike;
  /** Rows to split (default: all rows). */
  readonly rows?: ArrayLike<number>;
}

/**
 * Seeded stratified k-fold cross-validation. Each class is shuffled and dealt round-robin to
 * the folds (high-risk rows continue where the low-risk ones stopped), so every fold's class
 * counts differ by at most one from every other's, and so do the fold sizes. Every row is in
 * exactly one test fold.
 *
 * @returns `k` train/test pairs of row indices, ascending.
 * @throws AdaarInputError naming `k` when not an integer >= 2 or larger than the smaller class
 *   (a fold would lack that class), `rows` when an index is out of range.
 */
export function stratifiedKFold(
  data: LabelledRows,
  options: StratifiedKFoldOptions = {},
): TrainTestIndices[] {
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 2) {
    throw new AdaarInputError('k', `expected an integer >= 2, got ${k}`);
  }
  const rows = resolveRows(data, options.rows);
  const [neg, pos] = rowsByClass(data, rows);
  const smaller = Math.min(neg.length, pos.length);
  if (k > smaller) {
    throw new AdaarInputError(
      'k',
      `is ${k}, but the data has only ${pos.length} high-risk and ${neg.length} low-risk rows; every fold needs both classes`,
    );
  }
  const rng = toRng(options.seed ?? 0);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const members of [neg, pos]) {
    const shuffled = rng.shuffle(members.slice());
    for (let i = 0; i < shuffled.length; i++) {
      folds[next].push(shuffled[i]);
      next = (next + 1) % k;
    }
  }
  return folds.map((test, f) => ({
    test: sortedUnion(test),
    train: sortedUnion(...folds.filter((_, g) => g !== f)),
  }));
}
