import { createRequire } from 'node:module';

const PACKAGES = [
  '@adaar/data',
  '@adaar/metrics',
  '@adaar/samplers',
  '@adaar/core',
  '@adaar/gans',
] as const;

/** Versions of the @adaar packages (and the bench itself), read from their package.json. */
export function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      out[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      out[name] = 'unknown';
    }
  }
  try {
    // src/ and dist/ both sit one level below the bench's package.json.
    out['@adaar/bench'] = (require('../package.json') as { version: string }).version;
  } catch {
    out['@adaar/bench'] = 'unknown';
  }
  out.node = process.version;
  return out;
}
