import { AdaarInputError } from './errors';
import { type LabelledRows, resolveRows, type TrainTestIndices } from './splitHelpers';

/** Options of {@link outOfTimeSplit}. */
export interface OutOfTimeSplitOptions {
  /** Training period(s). */
  readonly train: number | readonly number[];
  /** Test period(s); each must be later than every training period. */
  readonly test: number | readonly number[];
  /** Rows to consider (default: all rows). */
  readonly rows?: ArrayLike<number>;
}

/**
 * Out-of-time split, as credit models are validated: rows whose period is one of `train` go to
 * train, rows whose period is one of `test` to test, all other rows to neither.
 *
 * @returns row indices, ascending.
 * @throws AdaarInputError naming `data` when it has no period, `train` / `test` when empty,
 *   when a period does not occur in the data (the message lists those that do), or when a test
 *   period is not after every train period.
 */
export function outOfTimeSplit(
  data: LabelledRows,
  options: OutOfTimeSplitOptions,
): TrainTestIndices {
  const rows = resolveRows(data, options?.rows);
  const period = data.period;
  if (!period) {
    throw new AdaarInputError('data', 'has no period column; load it with the `period` option');
  }
  const trainSet = [options.train].flat() as number[];
  const testSet = [options.test].flat() as number[];
  if (trainSet.length === 0) throw new AdaarInputError('train', 'lists no period');
  if (testSet.length === 0) throw new AdaarInputError('test', 'lists no period');
  const present = new Set<number>();
  for (let k = 0; k < rows.length; k++) present.add(period[rows[k]]);
  const available = [...present].sort((a, b) => a - b);
  const describe = () =>
    available.length > 20
      ? `${available.slice(0, 10).join(', ')}, ..., ${available.slice(-5).join(', ')}`
      : available.join(', ');
  for (const [name, list] of [
    ['train', trainSet],
    ['test', testSet],
  ] as const) {
    for (const p of list) {
      if (!present.has(p)) {
        throw new AdaarInputError(
          name,
          `period ${p} does not occur in the data; periods: ${describe()}`,
        );
      }
    }
  }
  const lastTrain = Math.max(...trainSet);
  for (const p of testSet) {
    if (p <= lastTrain) {
      throw new AdaarInputError(
        'test',
        `period ${p} is not after the last training period ${lastTrain}`,
      );
    }
  }
  const tr = new Set(trainSet);
  const te = new Set(testSet);
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const p = period[rows[k]];
    if (tr.has(p)) train.push(rows[k]);
    else if (te.has(p)) test.push(rows[k]);
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}
