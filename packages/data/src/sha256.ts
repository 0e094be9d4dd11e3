import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AdaarInputError } from './errors';

/** Hex sha256 of a byte array. Node only. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads a file and checks its sha256 (of the bytes as stored, before any gunzip).
 * @returns the file's bytes.
 * @throws AdaarInputError (argument `path`) when it cannot be read or the hash differs.
 */
export async function readVerified(path: string, expected: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new AdaarInputError('path', `cannot read "${path}": ${(e as Error).message}`);
  }
  const actual = sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new AdaarInputError(
      'path',
      `"${path}" has sha256 ${actual}, expected ${expected}: the file is damaged or not the expected version`,
    );
  }
  return bytes;
}
