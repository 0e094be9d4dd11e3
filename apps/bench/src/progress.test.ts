import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressBar } from './progress';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { isTTY, columns: 200, out, write: (s: string) => out.push(s) };
}

describe('formatDuration', () => {
  it('m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(61.4)).toBe('1:01');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});

describe('ProgressBar', () => {
  it('plain lines off a TTY, with an ETA weighted by the measured cost of each method', () => {
    let t = 0;
    const s = sink(false);
    // 2 NS runs and 2 GAN runs to do, one worker.
    const bar = new ProgressBar(
      4,
      new Map([
        ['ns', 2],
        ['gan', 2],
      ]),
      s,
      () => t,
    );
    t = 10_000;
    bar.finished('ns', 10, 'ns M7/M9 seed 0');
    // Remaining: 1 ns (10 s) + 2 gan (no measurement yet: overall mean 10 s) = 30 s.
    expect(s.out[0]).toBe('[1/4] ns M7/M9 seed 0  ETA 0:30\n');
    t = 110_000;
    bar.finished('gan', 100, 'gan M7/M9 seed 0');
    // Remaining: 1 ns x 10 s + 1 gan x 100 s = 110 s of work at a speed-up of 1.
    expect(s.out[1]).toBe('[2/4] gan M7/M9 seed 0  ETA 1:50\n');
  });
  it('divides the remaining work by the parallel speed-up seen so far', () => {
    let t = 0;
    const s = sink(false);
    const bar = new ProgressBar(4, new Map([['ros', 4]]), s, () => t);
    t = 10_000;
    bar.finished('ros', 10, 'a');
    bar.finished('ros', 10, 'b');
    // 20 s of work in 10 s of wall time: speed-up 2; 2 runs x 10 s left -> 10 s.
    expect(s.out[1]).toBe('[2/4] b  ETA 0:10\n');
  });
  it('redraws one line with rate and ETA on a TTY', () => {
    let t = 0;
    const s = sink(true);
    const bar = new ProgressBar(2, new Map([['ros', 2]]), s, () => t);
    t = 30_000;
    bar.activity(0, 'ros M7/M9 s0');
    bar.finished('ros', 30, 'x');
    const last = s.out.at(-1)!;
    expect(last.startsWith('\r\x1b[2K')).toBe(true);
    expect(last).toContain('[##########..........] 1/2 runs  2.0/min  0:30 elapsed  ETA 0:30');
    expect(last).toContain('ros M7/M9 s0');
    bar.close();
    expect(s.out.at(-1)!.endsWith('\n')).toBe(true);
  });
  it('methods not measured yet cost what measured methods of their kind cost', () => {
    let t = 0;
    const s = sink(false);
    const kind = (m: string) => (m.startsWith('gan') ? 'neural' : 'classic');
    const bar = new ProgressBar(
      4,
      new Map([
        ['gan1', 1],
        ['gan2', 1],
        ['ns', 2],
      ]),
      s,
      () => t,
      kind,
    );
    t = 100_000;
    bar.finished('gan1', 100, 'a');
    // Left: gan2 (neural, like gan1: 100 s) + 2 NS (no classic measured: overall mean 100 s).
    expect(s.out[0]).toBe('[1/4] a  ETA 5:00\n');
    t = 101_000;
    bar.finished('ns', 1, 'b');
    // Left: gan2 100 s + 1 NS x 1 s, at a speed-up of 1.
    expect(s.out[1]).toBe('[2/4] b  ETA 1:41\n');
  });
});
