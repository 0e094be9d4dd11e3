import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { BUILTIN_DATASETS, type BuiltinName } from './builtinDatasets';
import { AdaarInputError } from './errors';
import type { Frame } from './frame';
import { fromCsvText } from './loadCsv';
import { readVerified } from './sha256';

/** Options of {@link loadBuiltin}. */
export interface LoadBuiltinOptions {
  /**
   * Folder holding the data files. Default: the `datasets/` folder shipped with this package
   * (found next to its `dist/` or `src/`). Set it when a bundler moved the package's code.
   */
  readonly dir?: string;
}

/** The package's own `datasets/` folder. */
export function builtinDir(): string {
  return fileURLToPath(new URL('../datasets/', import.meta.url));
}

/**
 * Loads a data set shipped with this package (CC BY 4.0, see NOTICE) into a {@link Frame},
 * after checking its sha256. Label coding: `polish-1year` / `polish-5year` `class` 1 =
 * bankrupt; `taiwan-default` `default.payment.next.month` 1 = default (`ID` dropped; `SEX`,
 * `EDUCATION`, `MARRIAGE` categorical); `german-credit` `class` 2 = bad, 1 = good. None has a
 * period column. Node only.
 *
 * @throws AdaarInputError naming `name` when it is not a built-in name, `path` when the file
 *   is missing or its sha256 differs.
 */
export async function loadBuiltin(
  name: BuiltinName,
  options: LoadBuiltinOptions = {},
): Promise<Frame> {
  const info = Object.hasOwn(BUILTIN_DATASETS, name) ? BUILTIN_DATASETS[name] : undefined;
  if (!info) {
    throw new AdaarInputError(
      'name',
      `unknown built-in data set "${String(name)}"; choose one of ${Object.keys(BUILTIN_DATASETS).join(', ')}`,
    );
  }
  const path = join(options.dir ?? builtinDir(), info.file);
  let bytes = await readVerified(path, info.sha256);
  if (info.file.endsWith('.gz')) bytes = gunzipSync(bytes);
  return fromCsvText(new TextDecoder('utf-8').decode(bytes), info.frame);
}
