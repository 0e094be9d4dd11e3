import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdaarInputError } from '@adaar/data';
import type { Sampler } from '@adaar/samplers';

/**
 * What a `--sampler-module` file exports (as `default`, or as `samplers`): one entry or an
 * array of entries.
 *
 * @example
 * ```js
 * // my-sampler.mjs
 * export default {
 *   name: 'jitter-ros',
 *   label: 'Jittered ROS',
 *   create: (options) => ({ name: 'jitter-ros', fit(train, opts) { ... return fitted; } }),
 * };
 * ```
 */
export interface UserSamplerEntry {
  /** Method id used in --methods and in runs.jsonl (letters, digits, `-`, `_`). */
  readonly name: string;
  /** Display name in tables and plots. Default: `name`. */
  readonly label?: string;
  /** Makes a fresh sampler (options come from the bench profile; usually `{}`). */
  readonly create: (options?: Record<string, unknown>) => Sampler;
}

const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Imports user sampler modules (paths relative to the working directory) and checks what they
 * export, without registering anything.
 * @throws AdaarInputError (`--sampler-module`) when a file cannot be imported or exports no valid entry.
 */
export async function loadSamplerModules(
  paths: readonly string[],
  reserved: readonly string[],
): Promise<UserSamplerEntry[]> {
  const out: UserSamplerEntry[] = [];
  for (const p of paths) {
    const url = pathToFileURL(resolve(p)).href;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(url)) as Record<string, unknown>;
    } catch (e) {
      throw new AdaarInputError('--sampler-module', `cannot import ${p}: ${(e as Error).message}`);
    }
    const raw = mod.default ?? mod.samplers;
    if (raw === undefined) {
      throw new AdaarInputError(
        '--sampler-module',
        `${p} exports neither a default entry nor \`samplers\` ({ name, create } or an array of them)`,
      );
    }
    const entries = Array.isArray(raw) ? raw : [raw];
    for (const e of entries as Partial<UserSamplerEntry>[]) {
      if (!e || typeof e.name !== 'string' || !NAME_RE.test(e.name)) {
        throw new AdaarInputError(
          '--sampler-module',
          `${p}: every entry needs a lower-case \`name\` (letters, digits, - or _), got ${JSON.stringify(e?.name)}`,
        );
      }
      if (typeof e.create !== 'function') {
        throw new AdaarInputError(
          '--sampler-module',
          `${p}: entry "${e.name}" has no create(options) function`,
        );
      }
      if (reserved.includes(e.name) || out.some((o) => o.name === e.name)) {
        throw new AdaarInputError(
          '--sampler-module',
          `${p}: the name "${e.name}" is already taken`,
        );
      }
      out.push(e as UserSamplerEntry);
    }
  }
  return out;
}
