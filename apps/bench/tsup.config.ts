import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The perf benchmarks are written by the samplers and core engineers; build those that exist.
const perf = Object.fromEntries(
  ['samplers', 'nn']
    .filter((name) => existsSync(`src/perf/${name}.ts`))
    .map((name) => [`perf/${name}`, `src/perf/${name}.ts`]),
);

export default defineConfig({
  // worker.js runs the jobs of one worker thread (--workers N).
  entry: { cli: 'src/cli.ts', worker: 'src/worker.ts', ...perf },
  format: ['esm'],
  target: 'node20',
  clean: true,
  sourcemap: true,
  splitting: false,
  banner: { js: '#!/usr/bin/env node' },
});
