import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configHash, stableStringify } from './configHash';

describe('stableStringify', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(stableStringify({ b: 1, a: { d: [1, 'x'], c: undefined, b: null } })).toBe(
      '{"a":{"b":null,"d":[1,"x"]},"b":1}',
    );
  });
  it('writes typed arrays as plain arrays and non-finite numbers as strings', () => {
    expect(stableStringify({ x: new Float64Array([0.5, 2]), y: Number.NaN })).toBe(
      '{"x":[0.5,2],"y":"NaN"}',
    );
  });
});

describe('configHash', () => {
  it('is the first 16 hex digits of sha256 of the canonical text, whatever the key order', () => {
    const ref = createHash('sha256').update('{"k":1,"m":"ros"}').digest('hex').slice(0, 16);
    expect(configHash({ m: 'ros', k: 1 })).toBe(ref);
    expect(configHash({ k: 1, m: 'ros' })).toBe(ref);
    expect(configHash({ k: 2, m: 'ros' })).not.toBe(ref);
  });
});
