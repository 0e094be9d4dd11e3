import { describe, expect, it } from 'vitest';
import { Adasyn } from './adasyn';
import { RandomOverSampler } from './randomOverSampler';
import {
  createSampler,
  hasSampler,
  listSamplers,
  registerSampler,
  unregisterSampler,
} from './registry';
import type { Sampler } from './sampler';
import { Smote } from './smote';

describe('sampler registry', () => {
  it('has the built-ins', () => {
    expect(listSamplers().map((s) => s.name)).toEqual(
      expect.arrayContaining(['ros', 'smote', 'adasyn']),
    );
    expect(createSampler('ros')).toBeInstanceOf(RandomOverSampler);
    expect(createSampler('smote', { k: 3 })).toBeInstanceOf(Smote);
    expect((createSampler('smote', { k: 3 }) as Smote).k).toBe(3);
    expect(createSampler('adasyn')).toBeInstanceOf(Adasyn);
    expect(hasSampler('smote')).toBe(true);
  });

  it('registers a third-party sampler in one call', () => {
    const make = (o?: { tag?: string }): Sampler => ({
      name: `mine${o?.tag ?? ''}`,
      fit: () => ({ name: 'mine', nCols: 1, sample: (n: number) => new Float64Array(n) }),
    });
    registerSampler('mine', make, { description: 'test', kind: 'neural' });
    try {
      expect(hasSampler('mine')).toBe(true);
      expect(createSampler('mine', { tag: '!' }).name).toBe('mine!');
      expect(listSamplers().find((s) => s.name === 'mine')).toMatchObject({
        kind: 'neural',
        description: 'test',
      });
      expect(() => registerSampler('mine', make)).toThrow(/^name: "mine" is already registered/);
      registerSampler('mine', () => make({ tag: '2' }), {}, { replace: true });
      expect(createSampler('mine').name).toBe('mine2');
    } finally {
      expect(unregisterSampler('mine')).toBe(true);
    }
    expect(hasSampler('mine')).toBe(false);
  });

  it('rejects unknown and invalid names', () => {
    expect(() => createSampler('nope')).toThrow(
      /^name: no sampler "nope" is registered; known: ros, smote, adasyn/,
    );
    expect(() => registerSampler('Bad Name', () => new Smote())).toThrow(/^name: /);
    expect(() => registerSampler('ok', 3 as never)).toThrow(/^factory: /);
  });
});
