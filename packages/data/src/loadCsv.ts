import { fromCSV } from 'arquero';
import { AdaarInputError } from './errors';
import type { Frame } from './frame';
import { type FrameOptions, frameFromColumns } from './frameFromColumns';
import { readFileBytes } from './readFileBytes';

/** Options of {@link loadCsv} and {@link fromCsvText}: {@link FrameOptions} plus the CSV dialect. */
export interface CsvOptions extends FrameOptions {
  /** Field delimiter, one character. Default `,`. */
  readonly delimiter?: string;
}

/**
 * Parses CSV text (one header row) into a {@link Frame}. Parsing is done by arquero with type
 * inference switched off; every column's type is then decided over all of its values (see
 * {@link FrameOptions}). Missing: an empty field, `NA` or `NaN` (configurable).
 *
 * @throws AdaarInputError naming `text` when it is not a string or has no header; otherwise
 *   as {@link frameFromColumns}.
 */
export function fromCsvText(text: string, options: CsvOptions): Frame {
  if (typeof text !== 'string') throw new AdaarInputError('text', 'expected a string');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) throw new AdaarInputError('text', 'is empty (no header row)');
  const table = fromCSV(body, { autoType: false, delimiter: options?.delimiter ?? ',' });
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of table.columnNames()) columns[name] = table.array(name) as ArrayLike<unknown>;
  return frameFromColumns(columns, options);
}

/**
 * Loads a CSV file (plain, or gzip-compressed such as `.csv.gz`: detected from the file's
 * bytes) into a {@link Frame}. Node only.
 *
 * @example
 * ```ts
 * const frame = await loadCsv('loans.csv.gz', { label: 'status', positive: 'bad', period: 'month' });
 * ```
 * @throws AdaarInputError naming `path` when the file cannot be read; otherwise as
 *   {@link fromCsvText}.
 */
export async function loadCsv(path: string, options: CsvOptions): Promise<Frame> {
  const bytes = await readFileBytes(path);
  return fromCsvText(new TextDecoder('utf-8').decode(bytes), options);
}
