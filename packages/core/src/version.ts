import pkg from '../package.json';

/** Version of `@adaar/core` (written into every saved model's manifest). */
export const VERSION: string = pkg.version;
