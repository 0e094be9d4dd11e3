/** One epoch of a GAN sampler's training curve. */
export interface EpochRecord {
  /** Training phase, e.g. `'autoencoder'`, `'warmup'` or `'adversarial'`. */
  readonly phase: string;
  /** Epoch within the phase, 1-based. */
  readonly epoch: number;
  /** Mean loss of each network over the epoch's batches, by name (e.g. `{ d: 0.9, g: 1.2 }`). */
  readonly losses: Readonly<Record<string, number>>;
  /** Wall-clock seconds the epoch took. */
  readonly seconds: number;
}

/** Accumulates per-batch losses into epoch means. */
export class EpochMeans {
  private readonly sums = new Map<string, number>();
  private readonly counts = new Map<string, number>();

  /** Adds one batch's value of `name`. */
  add(name: string, value: number): void {
    this.sums.set(name, (this.sums.get(name) ?? 0) + value);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** The means so far (NaN-free: names never added are absent). */
  means(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, s] of this.sums) out[k] = s / (this.counts.get(k) ?? 1);
    return out;
  }
}
