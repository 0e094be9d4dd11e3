import type { UserWorkspaceConfig } from 'vitest/config';
/** Shared vitest project preset resolving the `@adaar/source` export condition. */
export function vitestPreset(name: string, opts?: { testTimeout?: number }): UserWorkspaceConfig;
