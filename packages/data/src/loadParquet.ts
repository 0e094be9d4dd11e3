import { type Compressors, parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { AdaarInputError } from './errors';
import type { Frame } from './frame';
import { type FrameOptions, frameFromColumns } from './frameFromColumns';
import { readFileBytes } from './readFileBytes';

/** Options of {@link loadParquet}: {@link FrameOptions} plus decompressors. */
export interface ParquetOptions extends FrameOptions {
  /**
   * Extra decompressors by codec name, for hyparquet (e.g. from the `hyparquet-compressors`
   * package). Uncompressed and Snappy files need none.
   */
  readonly compressors?: Compressors;
}

/**
 * Decodes Parquet bytes into a {@link Frame}, with hyparquet. Column types as in
 * {@link FrameOptions}; 64-bit integers become numbers, dates become month indices when used
 * as the period.
 * @throws AdaarInputError naming `bytes` when they are not Parquet or use a codec without a
 *   decompressor; otherwise as {@link frameFromColumns}.
 */
export async function fromParquetBytes(bytes: Uint8Array, options: ParquetOptions): Promise<Frame> {
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  let names: string[];
  let rows: Record<string, unknown>[];
  try {
    const metadata = parquetMetadata(buffer);
    names = parquetSchema(metadata).children.map((c) => c.element.name);
    rows = await parquetReadObjects({
      file: buffer,
      metadata,
      ...(options?.compressors ? { compressors: options.compressors } : {}),
    });
  } catch (e) {
    throw new AdaarInputError('bytes', `cannot be read as Parquet: ${(e as Error).message}`);
  }
  const columns: Record<string, unknown[]> = {};
  for (const name of names) {
    const col = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = rows[i][name];
    columns[name] = col;
  }
  return frameFromColumns(columns, options);
}

/**
 * Loads a Parquet file into a {@link Frame} (flat schemas; nested columns are not supported).
 * Node only.
 * @throws AdaarInputError naming `path` when the file cannot be read or decoded; otherwise as
 *   {@link frameFromColumns}.
 */
export async function loadParquet(path: string, options: ParquetOptions): Promise<Frame> {
  const bytes = await readFileBytes(path);
  try {
    return await fromParquetBytes(bytes, options);
  } catch (e) {
    if (e instanceof AdaarInputError && e.argument === 'bytes') {
      throw new AdaarInputError('path', `"${path}" ${e.message.slice('bytes: '.length)}`);
    }
    throw e;
  }
}
