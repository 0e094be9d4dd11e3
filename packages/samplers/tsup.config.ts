import { tsupPreset } from '@adaar/tooling/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(
  tsupPreset({
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    external: ['vitest'],
  }),
);
