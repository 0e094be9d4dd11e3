// @ts-check
import { defineProject } from 'vitest/config';

/**
 * Shared vitest project preset: tests run against src/ through the `@adaar/source`
 * export condition, so no build is needed first.
 * @param {string} name project name shown in the report
 * @param {{ testTimeout?: number }} [opts]
 */
export function vitestPreset(name, opts = {}) {
  return defineProject({
    resolve: { conditions: ['@adaar/source'] },
    ssr: { resolve: { conditions: ['@adaar/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: opts.testTimeout ?? 60_000,
      hookTimeout: opts.testTimeout ?? 60_000,
    },
  });
}
