import { describe, expect, it } from 'vitest';
import { main, perfOptions } from './main';
import { finalDiscriminatorValues } from './runner';

function sink() {
  const chunks: string[] = [];
  return { isTTY: false, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}

describe('main', () => {
  it('--help prints the usage and exits 0', async () => {
    const out = sink();
    expect(await main(['--help'], { stdout: out, stderr: sink() })).toBe(0);
    expect(out.text()).toMatch(/^Reproduce the ADAAR paper's Table 2/);
    expect(out.text()).toContain('--sweep-k 1,2,4,8,16,balance');
  });
  it('a bad option exits 2 with the option named and a hint', async () => {
    const err = sink();
    expect(await main(['--seeds', 'x'], { stdout: sink(), stderr: err })).toBe(2);
    expect(err.text()).toBe(
      'error: --seeds: "x" is not a non-negative integer seed\nRun "pnpm bench --help" for the options.\n',
    );
  });
  it('perf hands camel-cased options to the perf module and prints its report', async () => {
    const out = sink();
    let got: unknown;
    const code = await main(['perf', 'nn', '--steps', '20', '--no-torch', '--backend=wasm,cpu'], {
      stdout: out,
      stderr: sink(),
      loadPerf: async (target) => ({
        runNnPerf: async (o: unknown) => {
          got = { target, o };
          return { ok: 1 };
        },
      }),
    });
    expect(code).toBe(0);
    expect(got).toEqual({ target: 'nn', o: { steps: 20, noTorch: true, backend: 'wasm,cpu' } });
    expect(JSON.parse(out.text())).toEqual({ ok: 1 });
  });
});

describe('perfOptions', () => {
  it('numbers become numbers, bare flags true, other values strings', () => {
    expect(perfOptions(['--repeats', '3', '--out', 'r.json', '--no-stock'])).toEqual({
      repeats: 3,
      out: 'r.json',
      noStock: true,
    });
    expect(() => perfOptions(['oops'])).toThrow(/^perf: unexpected argument "oops"/);
  });
});

describe('finalDiscriminatorValues', () => {
  it('takes the last finite D1/D2 outputs of the last phase that logs them', () => {
    expect(
      finalDiscriminatorValues([
        { phase: 'autoencoder', step: [1], losses: { ae: [0.1] } },
        {
          phase: 'adversarial',
          step: [50, 100],
          losses: { g: [1, 2], d1Real: [0.7, 0.6], d1Fake: [0.3, Number.NaN], d2Fake: [0.8, 0.9] },
        },
        { phase: 'cooldown', step: [1], losses: { g: [3] } },
      ]),
    ).toEqual({ d1Real: 0.6, d2Fake: 0.9 });
    expect(finalDiscriminatorValues([{ phase: 'a', step: [1], losses: { ae: [1] } }])).toEqual({});
  });
});
