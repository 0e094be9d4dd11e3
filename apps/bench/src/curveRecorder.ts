import type { Progress } from '@adaar/samplers';
import type { LossCurve } from './runRecord';

/**
 * Collects the losses a sampler reports through `onProgress`, per phase, and hands them back
 * downsampled to at most `maxPoints` points per phase (means over equal bins of steps).
 */
export class CurveRecorder {
  private readonly phases = new Map<string, { step: number[]; losses: Map<string, number[]> }>();

  constructor(private readonly maxPoints = 200) {}

  /** Records one progress report (reports without losses are ignored). */
  add(p: Progress): void {
    if (!p.losses) return;
    let ph = this.phases.get(p.phase);
    if (!ph) {
      ph = { step: [], losses: new Map() };
      this.phases.set(p.phase, ph);
    }
    const n = ph.step.length;
    ph.step.push(p.step);
    for (const [name, v] of Object.entries(p.losses)) {
      let arr = ph.losses.get(name);
      if (!arr) {
        arr = new Array<number>(n).fill(Number.NaN);
        ph.losses.set(name, arr);
      }
      arr.push(v);
    }
    for (const arr of ph.losses.values()) if (arr.length === n) arr.push(Number.NaN);
  }

  /** The curves, one per phase in the order first seen. */
  curves(): LossCurve[] {
    const out: LossCurve[] = [];
    for (const [phase, ph] of this.phases) {
      const n = ph.step.length;
      const bins = Math.min(n, this.maxPoints);
      const step: number[] = [];
      const losses: Record<string, number[]> = {};
      for (const name of ph.losses.keys()) losses[name] = [];
      for (let b = 0; b < bins; b++) {
        const lo = Math.floor((b * n) / bins);
        const hi = Math.floor(((b + 1) * n) / bins);
        step.push(ph.step[hi - 1]);
        for (const [name, arr] of ph.losses) {
          let s = 0;
          let c = 0;
          for (let i = lo; i < hi; i++) {
            if (Number.isFinite(arr[i])) {
              s += arr[i];
              c++;
            }
          }
          losses[name].push(c > 0 ? s / c : Number.NaN);
        }
      }
      out.push({ phase, step, losses });
    }
    return out;
  }
}
