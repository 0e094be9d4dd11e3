import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lcgValues, maxAbsDiff } from '../../test/helpers/reference';
import { type BackendName, initBackend } from '../backend';
import { tf } from '../tf';
import { leakyRelu } from './activation';
import { simdGemmReady, useSimdKernels } from './kernels';
import { adamUpdate, denseBackward, matMul2d, transpose2d } from './ops';

// The building blocks of the Mlp's forward/backward pass against float64 loops written here,
// on shapes that hit the SIMD kernels' vector blocks and their scalar/row edges, on the wasm
// backend (WebAssembly SIMD and the JavaScript fallback) and on cpu.

function ref(m: number, k: number, n: number, a: Float64Array, b: Float64Array, tA: boolean) {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += (tA ? a[q * m + i] : a[i * k + q]) * b[q * n + j];
      out[i * n + j] = s;
    }
  }
  return out;
}

const t2 = (v: Float64Array, r: number, c: number) => tf.tensor2d(Float32Array.from(v), [r, c]);

const modes: [BackendName, boolean][] = [
  ['wasm', true],
  ['wasm', false],
  ['cpu', true],
];

afterAll(async () => {
  useSimdKernels(true);
  await initBackend({ backend: 'wasm' });
});

for (const [backend, simd] of modes) {
  describe(`nn ops on ${backend}${backend === 'wasm' ? (simd ? ' (SIMD)' : ' (JS kernels)') : ''}`, () => {
    beforeAll(async () => {
      await initBackend({ backend });
      useSimdKernels(simd);
    });

    it('runs the SIMD GEMM exactly when expected', () => {
      expect(simdGemmReady()).toBe(backend === 'wasm' && simd);
    });

    it('matMul2d (plain, transposed A, bias + relu / leaky relu) matches float64 products', () => {
      const before = tf.memory().numTensors;
      const shapes: [number, number, number][] = [
        [9, 6, 8],
        [13, 5, 12],
        [16, 32, 4],
        [7, 12, 1],
        [12, 7, 3],
        [1, 9, 16],
      ];
      for (const [m, k, n] of shapes) {
        const a = lcgValues(m * k, m + k);
        const b = lcgValues(k * n, n + 7);
        const bias = lcgValues(n, 3);
        const plain = ref(m, k, n, a, b, false);
        const tr = ref(m, k, n, a, b, true);
        const got = tf.tidy(() => {
          const A = t2(a, m, k);
          const At = t2(a, k, m);
          const B = t2(b, k, n);
          return [
            matMul2d(A, B).dataSync(),
            matMul2d(At, B, true).dataSync(),
            matMul2d(A, B, false, tf.tensor1d(Float32Array.from(bias)), 'relu').dataSync(),
            matMul2d(A, B, false, tf.tensor1d(Float32Array.from(bias)), leakyRelu(0.3)).dataSync(),
          ];
        });
        expect(maxAbsDiff(got[0], plain)).toBeLessThan(1e-5);
        expect(maxAbsDiff(got[1], tr)).toBeLessThan(1e-5);
        const br = plain.map((v, i) => Math.max(0, v + bias[i % n]));
        expect(maxAbsDiff(got[2], br)).toBeLessThan(1e-5);
        const bl = plain.map((v, i) => (v + bias[i % n] > 0 ? 1 : 0.3) * (v + bias[i % n]));
        expect(maxAbsDiff(got[3], bl)).toBeLessThan(1e-5);
      }
      expect(tf.memory().numTensors).toBe(before);
    });

    it('transpose2d and denseBackward (activation gradient + column sums) match loops', () => {
      for (const [r, c] of [
        [9, 7],
        [16, 8],
        [5, 12],
      ]) {
        const x = lcgValues(r * c, r * c);
        const g = lcgValues(r * c, 5);
        const tr = tf.tidy(() => transpose2d(t2(x, r, c)).dataSync());
        const expT = new Float64Array(r * c);
        for (let i = 0; i < r; i++)
          for (let j = 0; j < c; j++) expT[j * r + i] = Math.fround(x[i * c + j]);
        expect(maxAbsDiff(tr, expT)).toBe(0);
        const cases = [
          ['relu', (gi: number, ai: number) => (ai > 0 ? gi : 0)],
          [leakyRelu(0.2), (gi: number, ai: number) => (ai > 0 ? gi : 0.2 * gi)],
          ['tanh', (gi: number, ai: number) => gi * (1 - ai * ai)],
          ['sigmoid', (gi: number, ai: number) => gi * ai * (1 - ai)],
          ['linear', (gi: number) => gi],
        ] as const;
        for (const [act, f] of cases) {
          const [dz, db] = tf.tidy(() => {
            const out = denseBackward(t2(g, r, c), t2(x, r, c), act, true);
            return [out.dz.dataSync(), (out.db as tf.Tensor).dataSync()];
          });
          const expDz = g.map((gi, i) => f(gi, x[i]));
          const expDb = new Float64Array(c);
          expDz.forEach((v, i) => {
            expDb[i % c] += v;
          });
          expect(maxAbsDiff(dz, expDz)).toBeLessThan(1e-6);
          expect(maxAbsDiff(db, expDb)).toBeLessThan(1e-5);
        }
      }
    });

    it('adamUpdate matches the Adam formula', () => {
      const n = 11;
      const p0 = lcgValues(n, 1);
      const g = lcgValues(n, 2);
      const m0 = lcgValues(n, 3).map((v) => v * 0.1);
      const v0 = lcgValues(n, 4).map((v) => v * v);
      const vars = [p0, m0, v0].map((a) => tf.variable(tf.tensor1d(Float32Array.from(a))));
      const gt = tf.tensor1d(Float32Array.from(g));
      const s = { stepSize: 0.01, epsHat: 1e-7, beta1: 0.9, beta2: 0.999 };
      adamUpdate([vars[0]], [gt], [vars[1]], [vars[2]], s);
      const m = m0.map((mi, i) => 0.9 * mi + 0.1 * g[i]);
      const v = v0.map((vi, i) => 0.999 * vi + 0.001 * g[i] * g[i]);
      const p = p0.map((pi, i) => pi - (0.01 * m[i]) / (Math.sqrt(v[i]) + 1e-7));
      expect(maxAbsDiff(vars[0].dataSync(), p)).toBeLessThan(1e-6);
      expect(maxAbsDiff(vars[1].dataSync(), m)).toBeLessThan(1e-6);
      expect(maxAbsDiff(vars[2].dataSync(), v)).toBeLessThan(1e-6);
      tf.dispose([...vars, gt]);
    });
  });
}
