import { fromArrow } from 'arquero';
import { AdaarInputError } from './errors';
import type { Frame } from './frame';
import { type FrameOptions, frameFromColumns } from './frameFromColumns';
import { readFileBytes } from './readFileBytes';

/**
 * Decodes Arrow IPC bytes (file or stream format) into a {@link Frame}, through arquero.
 * Column types follow {@link FrameOptions}: Arrow numbers (64-bit integers included) are
 * numeric, strings are parsed as in CSV, dictionaries are categorical unless numeric.
 * @throws AdaarInputError naming `bytes` when they are not Arrow IPC; otherwise as
 *   {@link frameFromColumns}.
 */
export function fromArrowBytes(bytes: Uint8Array, options: FrameOptions): Frame {
  let table: ReturnType<typeof fromArrow>;
  try {
    table = fromArrow(bytes, { useBigInt: false, useDate: true });
  } catch (e) {
    throw new AdaarInputError('bytes', `are not Arrow IPC data: ${(e as Error).message}`);
  }
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of table.columnNames()) columns[name] = table.array(name) as ArrayLike<unknown>;
  return frameFromColumns(columns, options);
}

/**
 * Loads an Arrow IPC file (`.arrow`, `.feather` v2, or an IPC stream; gzip detected) into a
 * {@link Frame}. Node only.
 * @throws AdaarInputError naming `path` when the file cannot be read or is not Arrow IPC;
 *   otherwise as {@link frameFromColumns}.
 */
export async function loadArrow(path: string, options: FrameOptions): Promise<Frame> {
  const bytes = await readFileBytes(path);
  try {
    return fromArrowBytes(bytes, options);
  } catch (e) {
    if (e instanceof AdaarInputError && e.argument === 'bytes') {
      throw new AdaarInputError('path', `"${path}" ${e.message.slice('bytes: '.length)}`);
    }
    throw e;
  }
}
