import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@adaar/core';
import type { Dataset } from '@adaar/data';
import type { FitOptions, FittedSampler, Progress, Sampler } from '@adaar/samplers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpochRecord } from '../src/shared/trainingHistory';

/** What the shared API checks need to know about a GAN sampler. */
export interface GanApiSubject<F extends FittedSampler & { history: readonly EpochRecord[] }> {
  readonly name: string;
  readonly make: () => Sampler<F>;
  readonly load: (dir: string) => Promise<F>;
  readonly train: () => Dataset;
  /** Phases and loss names expected in the history, in order, with their epoch counts. */
  readonly phases: readonly { phase: string; epochs: number; losses: readonly string[] }[];
  /** Number of tensors a fitted model keeps (its generator's variables). */
  readonly keptTensors: number;
}

/**
 * Registers the checks every GAN sampler of this package must pass: determinism by seed on
 * one backend, no tensor leaks (fit, sample, dispose, failed and aborted fits), progress and
 * training curves, save/load.
 */
export function describeGanSamplerApi<
  F extends FittedSampler & { history: readonly EpochRecord[] },
>(s: GanApiSubject<F>): void {
  describe(`${s.name}: fit/sample API`, () => {
    let dir = '';
    beforeAll(async () => {
      await initBackend({ backend: 'wasm' });
      dir = await mkdtemp(join(tmpdir(), `adaar-${s.name}-`));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('is deterministic by seed: same fit seed -> same rows; sample seeds reproduce', async () => {
      const train = s.train();
      const a = await s.make().fit(train, { seed: 3 });
      const b = await s.make().fit(train, { seed: 3 });
      const c = await s.make().fit(train, { seed: 4 });
      const ra = await a.sample(20);
      expect(Array.from(await b.sample(20))).toEqual(Array.from(ra));
      expect(Array.from(await c.sample(20))).not.toEqual(Array.from(ra));
      // the default stream advances; an explicit seed replays
      expect(Array.from(await a.sample(20))).not.toEqual(Array.from(ra));
      expect(Array.from(await a.sample(20, { seed: 9 }))).toEqual(
        Array.from(await b.sample(20, { seed: 9 })),
      );
      // rows can be written into a caller's buffer
      const buf = new Float64Array(10 * train.nCols + 3);
      const into = await a.sample(10, { seed: 9, out: buf });
      expect(into.buffer).toBe(buf.buffer);
      expect(into.length).toBe(10 * train.nCols);
      expect(Array.from(into)).toEqual(Array.from(await a.sample(10, { seed: 9 })));
      for (const f of [a, b, c]) f.dispose?.();
    });

    it('leaks no tensors: fit keeps only the generator, sample adds none, dispose frees all', async () => {
      const base = tf.memory().numTensors;
      const f = await s.make().fit(s.train(), { seed: 1 });
      expect(tf.memory().numTensors - base).toBe(s.keptTensors);
      await f.sample(50);
      await f.sample(0);
      expect(tf.memory().numTensors - base).toBe(s.keptTensors);
      f.dispose?.();
      expect(tf.memory().numTensors).toBe(base);
    });

    it('an aborted fit rejects with the reason and leaks nothing', async () => {
      const base = tf.memory().numTensors;
      const ctl = new AbortController();
      const reason = new Error('stop here');
      const seen: Progress[] = [];
      const opts: FitOptions = {
        seed: 1,
        signal: ctl.signal,
        onProgress: (p) => {
          seen.push(p);
          ctl.abort(reason);
        },
      };
      await expect(s.make().fit(s.train(), opts)).rejects.toBe(reason);
      expect(seen.length).toBe(1);
      expect(tf.memory().numTensors).toBe(base);
    });

    it('reports progress with losses after every epoch and keeps the training curve', async () => {
      const seen: Progress[] = [];
      const f = await s.make().fit(s.train(), { seed: 2, onProgress: (p) => seen.push(p) });
      const expected = s.phases.flatMap((p) =>
        Array.from({ length: p.epochs }, (_, e) => ({
          phase: p.phase,
          epoch: e + 1,
          losses: p.losses,
        })),
      );
      expect(f.history.length).toBe(expected.length);
      expect(seen.length).toBe(expected.length);
      expected.forEach((e, i) => {
        const h = f.history[i];
        expect(h.phase).toBe(e.phase);
        expect(h.epoch).toBe(e.epoch);
        expect(Object.keys(h.losses).sort()).toEqual([...e.losses].sort());
        for (const v of Object.values(h.losses)) expect(Number.isFinite(v)).toBe(true);
        expect(h.seconds).toBeGreaterThan(0);
        expect(seen[i]).toEqual({
          phase: e.phase,
          step: e.epoch,
          total: s.phases.find((p) => p.phase === e.phase)?.epochs,
          losses: h.losses,
        });
      });
      f.dispose?.();
    });

    it('saves and loads: the loaded model continues the same sampling stream', async () => {
      const f = await s.make().fit(s.train(), { seed: 5 });
      await f.sample(7);
      const path = join(dir, 'model');
      await f.save?.(path);
      const base = tf.memory().numTensors;
      const g = await s.load(path);
      expect(tf.memory().numTensors - base).toBe(s.keptTensors);
      expect(g.nCols).toBe(f.nCols);
      expect(g.history).toEqual(f.history);
      expect(Array.from(await g.sample(25))).toEqual(Array.from(await f.sample(25)));
      expect(Array.from(await g.sample(5, { seed: 1 }))).toEqual(
        Array.from(await f.sample(5, { seed: 1 })),
      );
      g.dispose?.();
      expect(tf.memory().numTensors).toBe(base);
      f.dispose?.();
      await expect(s.load(join(dir, 'missing'))).rejects.toThrow(/^dir:/);
    });
  });
}
