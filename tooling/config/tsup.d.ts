import type { Options } from 'tsup';
/** Shared tsup preset: ESM + CJS + .d.ts from src/index.ts (plus any extra entries). */
export function tsupPreset(opts?: { entry?: Record<string, string>; external?: string[] }): Options;
