import { tf } from '../tf';

/**
 * Collects per-step scalar tensors (losses, mean probabilities) without reading them back, and
 * turns a window of them into means with a single readback. The tensors are kept (`tf.keep`)
 * until {@link LossWindow.flush} or {@link LossWindow.dispose}.
 */
export class LossWindow {
  private names: string[] = [];
  private tensors: tf.Tensor[] = [];

  /** Adds the scalars of one step (each is kept until the next flush). */
  push(values: Readonly<Record<string, tf.Tensor>>): void {
    for (const [name, t] of Object.entries(values)) {
      this.names.push(name);
      this.tensors.push(tf.keep(t));
    }
  }

  /** Number of tensors held. */
  get size(): number {
    return this.tensors.length;
  }

  /** Means per name over the window (one readback), then empties the window. */
  flush(): Record<string, number> {
    if (this.tensors.length === 0) return {};
    const flat = tf.tidy(() => tf.concat(this.tensors.map((t) => tf.reshape(t, [-1]))));
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
    this.dispose();
    const out: Record<string, number> = {};
    for (const name of Object.keys(sums)) out[name] = sums[name] / counts[name];
    return out;
  }

  /** Drops every held tensor. */
  dispose(): void {
    tf.dispose(this.tensors);
    this.tensors = [];
    this.names = [];
  }
}
