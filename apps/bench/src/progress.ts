/** Where progress goes: a TTY gets a redrawn bar, anything else gets one line per event. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Formats seconds as `m:ss` (or `h:mm:ss`). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Progress of a bench run: finished runs out of the total, the rate, and an ETA.
 *
 * The ETA weighs the remaining runs by the mean duration measured so far for their method
 * (a GAN run costs far more than an NS run); methods not seen yet use the mean of measured
 * methods of the same kind (`kindOf`, e.g. neural or classic), else the overall mean.
 * Elapsed time is wall time, so with W workers the rate already includes the parallelism.
 */
export class ProgressBar {
  private done = 0;
  private readonly perMethod = new Map<string, { n: number; seconds: number }>();
  private readonly remaining = new Map<string, number>();
  private readonly active = new Map<number, string>();
  private lastDraw = 0;
  private readonly start: number;

  /**
   * @param total - runs to do in this invocation (finished ones excluded)
   * @param remainingByMethod - how many of those runs each method has
   * @param sink - usually `process.stderr`
   * @param now - clock in milliseconds (injectable for tests)
   * @param kindOf - groups methods of similar cost (default: all alike)
   */
  constructor(
    private readonly total: number,
    remainingByMethod: ReadonlyMap<string, number>,
    private readonly sink: ProgressSink,
    private readonly now: () => number = () => Date.now(),
    private readonly kindOf: (method: string) => string = () => '',
  ) {
    this.start = now();
    for (const [m, n] of remainingByMethod) this.remaining.set(m, n);
  }

  /** Estimated seconds left, or NaN before the first run finishes. */
  eta(): number {
    if (this.done === 0) return Number.NaN;
    let seconds = 0;
    let n = 0;
    for (const v of this.perMethod.values()) {
      seconds += v.seconds;
      n += v.n;
    }
    const overall = seconds / n;
    const byKind = new Map<string, { n: number; seconds: number }>();
    for (const [m, v] of this.perMethod) {
      const k = byKind.get(this.kindOf(m)) ?? { n: 0, seconds: 0 };
      k.n += v.n;
      k.seconds += v.seconds;
      byKind.set(this.kindOf(m), k);
    }
    let work = 0;
    let totalWork = 0;
    for (const [m, left] of this.remaining) {
      const s = this.perMethod.get(m) ?? byKind.get(this.kindOf(m));
      work += left * (s ? s.seconds / s.n : overall);
    }
    for (const v of this.perMethod.values()) totalWork += v.seconds;
    const elapsed = (this.now() - this.start) / 1000;
    // Work-seconds are per-run durations; scale to wall time by the observed parallel speed-up.
    const speedup = elapsed > 0 ? Math.max(1, totalWork / elapsed) : 1;
    return work / speedup;
  }

  /** Notes what a worker is doing now (shown on the TTY bar). */
  activity(worker: number, text: string): void {
    this.active.set(worker, text);
    this.draw(false);
  }

  /** Records a finished run. `summary` is printed as a line in non-TTY mode. */
  finished(method: string, seconds: number, summary: string): void {
    this.done++;
    const s = this.perMethod.get(method) ?? { n: 0, seconds: 0 };
    s.n++;
    s.seconds += seconds;
    this.perMethod.set(method, s);
    this.remaining.set(method, Math.max(0, (this.remaining.get(method) ?? 1) - 1));
    if (this.sink.isTTY) this.draw(true);
    else {
      const eta = this.eta();
      this.sink.write(
        `[${this.done}/${this.total}] ${summary}` +
          (this.done < this.total ? `  ETA ${formatDuration(eta)}` : '') +
          '\n',
      );
    }
  }

  /** The bar line (without control characters). */
  line(): string {
    const elapsed = (this.now() - this.start) / 1000;
    const width = 20;
    const fill = this.total > 0 ? Math.round((width * this.done) / this.total) : width;
    const rate = elapsed > 0 ? (this.done / elapsed) * 60 : 0;
    const eta = this.eta();
    const act = [...this.active.values()].join(' | ');
    return (
      `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${this.done}/${this.total} runs` +
      `  ${rate.toFixed(1)}/min  ${formatDuration(elapsed)} elapsed` +
      `  ETA ${Number.isNaN(eta) ? '?' : formatDuration(eta)}` +
      (act ? `  ${act}` : '')
    );
  }

  private draw(force: boolean): void {
    if (!this.sink.isTTY) return;
    const t = this.now();
    if (!force && t - this.lastDraw < 200) return;
    this.lastDraw = t;
    const cols = this.sink.columns ?? 120;
    this.sink.write(`\r\x1b[2K${this.line().slice(0, cols - 1)}`);
  }

  /** Ends the bar (a newline on a TTY). */
  close(): void {
    if (this.sink.isTTY) this.sink.write(`\r\x1b[2K${this.line()}\n`);
  }
}
