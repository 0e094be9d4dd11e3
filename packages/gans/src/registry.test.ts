import { createSampler, hasSampler, listSamplers, registerSampler } from '@adaar/samplers';
import { describe, expect, it } from 'vitest';
import { Bagan } from './bagan/bagan';
import { GlGan } from './glgan/glgan';
import { BAGAN_META, createBagan, createGlGan, GLGAN_META, registerGanSamplers } from './registry';

describe('registry factories', () => {
  it("registerGanSamplers adds 'bagan' and 'glgan' (neural) and is safe to call twice", () => {
    registerGanSamplers();
    registerGanSamplers();
    expect(hasSampler('bagan')).toBe(true);
    expect(hasSampler('glgan')).toBe(true);
    const info = listSamplers().filter((s) => s.name === 'bagan' || s.name === 'glgan');
    expect(info.map((s) => [s.name, s.kind, s.package])).toEqual([
      ['bagan', 'neural', '@adaar/gans'],
      ['glgan', 'neural', '@adaar/gans'],
    ]);
  });

  it('createSampler passes options through to the classes', () => {
    registerGanSamplers();
    const b = createSampler('bagan', { latentDim: 8 });
    expect(b).toBeInstanceOf(Bagan);
    expect((b as Bagan).options.latentDim).toBe(8);
    const g = createSampler('glgan', { k: 3 });
    expect(g).toBeInstanceOf(GlGan);
    expect((g as GlGan).options.k).toBe(3);
  });

  it('the factories register with one line each', () => {
    registerSampler('bagan', createBagan, BAGAN_META, { replace: true });
    registerSampler('glgan', createGlGan, GLGAN_META, { replace: true });
    expect(createSampler('bagan').name).toBe('bagan');
    expect(createSampler('glgan').name).toBe('glgan');
    expect(createBagan()).toBeInstanceOf(Bagan);
    expect(createGlGan({ epochs: 3 }).options.epochs).toBe(3);
  });
});
