import type { Frame } from './frame';
import { loadCsv } from './loadCsv';
import { readVerified } from './sha256';

/** sha256 of `hmeq.csv` as described in the shared datasets README (LF line endings). */
export const HMEQ_SHA256 = '9430c83f532391722cc91a5e98a3342cd988d1581b2cfbb4676e54c0c3b69b2f';

/** Options of {@link loadHmeq}. */
export interface LoadHmeqOptions {
  /** Check the file's sha256 against {@link HMEQ_SHA256} (or this hex string). Default false. */
  readonly verify?: boolean | string;
}

/**
 * Loads the HMEQ home-equity data (not redistributable, so you supply the file): label `BAD`,
 * 1 = defaulted or seriously delinquent, 0 = paid; `REASON` and `JOB` categorical; missing
 * values kept. No period column. Node only.
 *
 * @param path - path to `hmeq.csv` (plain or gzip).
 * @throws AdaarInputError naming `path` when the file cannot be read or fails verification,
 *   otherwise as {@link loadCsv}.
 */
export async function loadHmeq(path: string, options: LoadHmeqOptions = {}): Promise<Frame> {
  if (options.verify) {
    await readVerified(path, typeof options.verify === 'string' ? options.verify : HMEQ_SHA256);
  }
  return loadCsv(path, {
    label: 'BAD',
    positive: 1,
    negative: 0,
    categorical: ['REASON', 'JOB'],
  });
}
