import { tsupPreset } from '@adaar/tooling/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(tsupPreset());
