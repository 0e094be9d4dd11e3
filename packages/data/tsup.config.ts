import { tsupPreset } from '@adaar/tooling/tsup';
import { defineConfig } from 'tsup';

// shims: `import.meta.url` in the CJS build (used to find the shipped datasets/ folder).
export default defineConfig({ ...tsupPreset(), shims: true });
