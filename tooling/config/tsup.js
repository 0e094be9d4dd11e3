// @ts-check
/**
 * Shared tsup preset: ESM + CJS + .d.ts from src/index.ts (plus any extra entries).
 * @param {{ entry?: Record<string, string>, external?: string[] }} [opts]
 * @returns {import('tsup').Options}
 */
export function tsupPreset(opts = {}) {
  return {
    entry: opts.entry ?? { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    treeshake: true,
    splitting: false,
    external: opts.external ?? [],
  };
}
