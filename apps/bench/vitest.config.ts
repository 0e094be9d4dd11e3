import { vitestPreset } from '@adaar/tooling/vitest';

export default vitestPreset('@adaar/bench', { testTimeout: 300_000 });
