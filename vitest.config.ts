import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // Two cores: tfjs-heavy suites slow each other down when run side by side.
    maxWorkers: 2,
  },
});
