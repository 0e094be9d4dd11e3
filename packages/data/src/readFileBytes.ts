import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { AdaarInputError } from './errors';

/**
 * Reads a whole file, gunzipping it when it starts with the gzip magic bytes (whatever its
 * name). Node only.
 * @throws AdaarInputError (argument `path`) when the file cannot be read or unzipped.
 */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new AdaarInputError('path', `expected a file path, got ${String(path)}`);
  }
  let raw: Uint8Array;
  try {
    raw = await readFile(path);
  } catch (e) {
    throw new AdaarInputError('path', `cannot read "${path}": ${(e as Error).message}`);
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (e) {
      throw new AdaarInputError(
        'path',
        `"${path}" is not a valid gzip file: ${(e as Error).message}`,
      );
    }
  }
  return raw;
}
