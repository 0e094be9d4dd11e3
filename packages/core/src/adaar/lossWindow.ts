import { tf } from '../tf';

interface ProbGroup {
  readonly names: readonly string[];
  readonly logits: tf.Tensor[];
}

/**
 * Collects per-step tensors (loss scalars, discriminator logits) without reading them back,
 * and turns a window of them into means with one readback. Held tensors are kept
 * (`tf.keep`) until {@link LossWindow.flush} or {@link LossWindow.dispose}.
 */
export class LossWindow {
  private names: string[] = [];
  private tensors: tf.Tensor[] = [];
  private scales = new Map<string, number>();
  private groups = new Map<string, ProbGroup>();

  /**
   * Adds one step's scalars; `scale` multiplies a name's values when they are reported (for
   * losses computed at a different but equivalent scale).
   */
  push(
    values: Readonly<Record<string, tf.Tensor>>,
    scale: Readonly<Record<string, number>> = {},
  ): void {
    for (const [name, t] of Object.entries(values)) {
      this.names.push(name);
      this.tensors.push(tf.keep(t));
      if (scale[name] !== undefined) this.scales.set(name, scale[name]);
    }
  }

  /**
   * Adds one step's logits `[blocks * b, 1]` whose rows form `names.length` equal blocks; the
   * flush reports the mean sigmoid probability of each block under its name.
   */
  pushProbabilities(names: readonly string[], logits: tf.Tensor): void {
    const key = names.join('|');
    let g = this.groups.get(key);
    if (!g) {
      g = { names, logits: [] };
      this.groups.set(key, g);
    }
    g.logits.push(tf.keep(logits));
  }

  /** Means per name over the window (one readback), then empties the window. */
  flush(): Record<string, number> {
    const groups = [...this.groups.values()];
    if (this.tensors.length === 0 && groups.length === 0) return {};
    const flat = tf.tidy(() => {
      const parts: tf.Tensor[] = this.tensors.map((t) => tf.reshape(t, [-1]));
      for (const g of groups) {
        const k = g.names.length;
        const all = tf.reshape(tf.concat(g.logits.map((l) => tf.reshape(l, [1, k, -1]))), [
          g.logits.length,
          k,
          -1,
        ]);
        parts.push(tf.mean(tf.sigmoid(all), [0, 2]));
      }
      return tf.concat(parts);
    });
    const values = flat.dataSync();
    flat.dispose();
    const sums: Record<string, number> = {};
    const counts: Record<string, number> = {};
    let k = 0;
    this.tensors.forEach((t, i) => {
      const name = this.names[i];
      for (let j = 0; j < t.size; j++) {
        sums[name] = (sums[name] ?? 0) + values[k++];
        counts[name] = (counts[name] ?? 0) + 1;
      }
    });
    const out: Record<string, number> = {};
    for (const name of Object.keys(sums)) {
      out[name] = (sums[name] / counts[name]) * (this.scales.get(name) ?? 1);
    }
    for (const g of groups) for (const name of g.names) out[name] = values[k++];
    this.dispose();
    return out;
  }

  /** Drops every held tensor. */
  dispose(): void {
    tf.dispose(this.tensors);
    for (const g of this.groups.values()) tf.dispose(g.logits);
    this.tensors = [];
    this.names = [];
    this.groups.clear();
    this.scales.clear();
  }
}
