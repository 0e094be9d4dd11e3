import { vitestPreset } from '@adaar/tooling/vitest';

export default vitestPreset('@adaar/data');
