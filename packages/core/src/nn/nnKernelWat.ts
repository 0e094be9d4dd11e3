/**
 * Source of the WebAssembly SIMD kernels that the `wasm` backend's custom kernels run directly
 * on the tfjs-wasm heap (compiled to `nnKernel.gen.ts` by
 * `UPDATE_NN_KERNEL=1 pnpm vitest run --project @adaar/core nnKernel`).
 *
 * The module imports the heap as `env.mem`; every pointer is a byte offset into it and every
 * array is float32, row-major. Exports:
 * - `adam(p, g, m, v, pOut, mOut, vOut, n, stepSize, epsHat, 1 - beta1, 1 - beta2)`:
 *   `m' = m + (1-b1)(g - m); v' = v + (1-b2)(g^2 - v); p' = p - stepSize m' / (sqrt(v') + epsHat)`.
 * - `transpose(src, dst, rows, cols)`: `dst[j, i] = src[i, j]` (4 x 4 register blocks).
 * - `grad_leaky(g, a, dz, sum, n, c, alpha)`: `dz = g * (a > 0 ? 1 : alpha)` for an `[n, c]`
 *   upstream gradient `g` and activation output `a`; when `sum` is not 0 it also writes the
 *   column sums of `dz` (`[c]`, the bias gradient) there. `grad_tanh` (`g (1 - a^2)`) and
 *   `grad_sigmoid` (`g a (1 - a)`) likewise; `colsum(g, 0, 0, sum, n, c, 0)` only sums.
 * - `leaky(x, y, len, alpha)`: `y = x > 0 ? x : alpha x`.
 * - `gemm_nn(a, b, c, bias, M, K, N, act, alpha)`: `C = act(A B (+ bias))`, act 0 identity,
 *   1 ReLU, 2 leaky ReLU with slope `alpha`, for
 *   row-major `A [M, K]`, `B [K, N]` with N a multiple of 4; `bias` 0 for none. `gemm_tn` reads
 *   A stored transposed (`[K, M]`), i.e. computes `A^T B` (a weight gradient `h^T dz`).
 *
 * @internal
 */
/** Rows of the GEMM's register block (times 8 columns). @internal */
export const GEMM_MR = 4;

/** Unrolling of the GEMM's k loop. @internal */
export const GEMM_UNROLL = 1;

/** Returns the kernels' WebAssembly text. @internal */
export function nnKernelWat(): string {
  const L: string[] = [];
  const a = (s: string): void => {
    L.push(s);
  };
  const get = (n: string) => `(local.get $${n})`;
  const byteLanes = (lanes: number[]) =>
    lanes.flatMap((l) => [0, 1, 2, 3].map((b) => 4 * l + b)).join(' ');
  const shuffle = (x: string, y: string, lanes: number[]) =>
    `(i8x16.shuffle ${byteLanes(lanes)} ${get(x)} ${get(y)})`;

  a('(module');
  a('  (import "env" "mem" (memory 1))');

  // adam: vector loop over whole 16-byte groups, then a scalar tail.
  a(`  (func (export "adam") (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $po i32) (param $mo i32) (param $vo i32) (param $n i32)
    (param $step f32) (param $eps f32) (param $c1 f32) (param $c2 f32)
    (local $o i32) (local $e i32) (local $e4 i32)
    (local $G v128) (local $M v128) (local $V v128)
    (local $S v128) (local $EP v128) (local $C1 v128) (local $C2 v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $e (i32.shl ${get('n')} (i32.const 2)))
    (local.set $e4 (i32.and ${get('e')} (i32.const -16)))
    (local.set $S (f32x4.splat ${get('step')}))
    (local.set $EP (f32x4.splat ${get('eps')}))
    (local.set $C1 (f32x4.splat ${get('c1')}))
    (local.set $C2 (f32x4.splat ${get('c2')}))
    (block $vd (loop $vl
      (br_if $vd (i32.ge_u ${get('o')} ${get('e4')}))
      (local.set $G (v128.load align=4 (i32.add ${get('g')} ${get('o')})))
      (local.set $M (v128.load align=4 (i32.add ${get('m')} ${get('o')})))
      (local.set $M (f32x4.add ${get('M')} (f32x4.mul ${get('C1')} (f32x4.sub ${get('G')} ${get('M')}))))
      (local.set $V (v128.load align=4 (i32.add ${get('v')} ${get('o')})))
      (local.set $V (f32x4.add ${get('V')}
        (f32x4.mul ${get('C2')} (f32x4.sub (f32x4.mul ${get('G')} ${get('G')}) ${get('V')}))))
      (v128.store align=4 (i32.add ${get('mo')} ${get('o')}) ${get('M')})
      (v128.store align=4 (i32.add ${get('vo')} ${get('o')}) ${get('V')})
      (v128.store align=4 (i32.add ${get('po')} ${get('o')})
        (f32x4.sub (v128.load align=4 (i32.add ${get('p')} ${get('o')}))
          (f32x4.div (f32x4.mul ${get('S')} ${get('M')})
            (f32x4.add (f32x4.sqrt ${get('V')}) ${get('EP')}))))
      (local.set $o (i32.add ${get('o')} (i32.const 16)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u ${get('o')} ${get('e')}))
      (local.set $gs (f32.load (i32.add ${get('g')} ${get('o')})))
      (local.set $ms (f32.load (i32.add ${get('m')} ${get('o')})))
      (local.set $ms (f32.add ${get('ms')} (f32.mul ${get('c1')} (f32.sub ${get('gs')} ${get('ms')}))))
      (local.set $vs (f32.load (i32.add ${get('v')} ${get('o')})))
      (local.set $vs (f32.add ${get('vs')}
        (f32.mul ${get('c2')} (f32.sub (f32.mul ${get('gs')} ${get('gs')}) ${get('vs')}))))
      (f32.store (i32.add ${get('mo')} ${get('o')}) ${get('ms')})
      (f32.store (i32.add ${get('vo')} ${get('o')}) ${get('vs')})
      (f32.store (i32.add ${get('po')} ${get('o')})
        (f32.sub (f32.load (i32.add ${get('p')} ${get('o')}))
          (f32.div (f32.mul ${get('step')} ${get('ms')})
            (f32.add (f32.sqrt ${get('vs')}) ${get('eps')}))))
      (local.set $o (i32.add ${get('o')} (i32.const 4)))
      (br $sl))))`);

  // transpose: 4 x 4 blocks through registers, scalar edges.
  a(`  (func (export "transpose") (param $src i32) (param $dst i32) (param $r i32) (param $c i32)
    (local $i i32) (local $j i32) (local $r4 i32) (local $c4 i32) (local $rb i32) (local $cb i32)
    (local $s i32) (local $d i32) (local $j0 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $r4 (i32.and ${get('r')} (i32.const -4)))
    (local.set $c4 (i32.and ${get('c')} (i32.const -4)))
    (local.set $rb (i32.shl ${get('r')} (i32.const 2)))
    (local.set $cb (i32.shl ${get('c')} (i32.const 2)))
    (block $id (loop $il
      (br_if $id (i32.ge_u ${get('i')} ${get('r4')}))
      (local.set $j (i32.const 0))
      (block $jd (loop $jl
        (br_if $jd (i32.ge_u ${get('j')} ${get('c4')}))
        (local.set $s (i32.add ${get('src')}
          (i32.shl (i32.add (i32.mul ${get('i')} ${get('c')}) ${get('j')}) (i32.const 2))))
        (local.set $x0 (v128.load align=4 ${get('s')}))
        (local.set $x1 (v128.load align=4 (i32.add ${get('s')} ${get('cb')})))
        (local.set $s (i32.add ${get('s')} (i32.shl ${get('cb')} (i32.const 1))))
        (local.set $x2 (v128.load align=4 ${get('s')}))
        (local.set $x3 (v128.load align=4 (i32.add ${get('s')} ${get('cb')})))
        (local.set $t0 ${shuffle('x0', 'x1', [0, 4, 1, 5])})
        (local.set $t1 ${shuffle('x0', 'x1', [2, 6, 3, 7])})
        (local.set $t2 ${shuffle('x2', 'x3', [0, 4, 1, 5])})
        (local.set $t3 ${shuffle('x2', 'x3', [2, 6, 3, 7])})
        (local.set $d (i32.add ${get('dst')}
          (i32.shl (i32.add (i32.mul ${get('j')} ${get('r')}) ${get('i')}) (i32.const 2))))
        (v128.store align=4 ${get('d')} ${shuffle('t0', 't2', [0, 1, 4, 5])})
        (v128.store align=4 (i32.add ${get('d')} ${get('rb')}) ${shuffle('t0', 't2', [2, 3, 6, 7])})
        (local.set $d (i32.add ${get('d')} (i32.shl ${get('rb')} (i32.const 1))))
        (v128.store align=4 ${get('d')} ${shuffle('t1', 't3', [0, 1, 4, 5])})
        (v128.store align=4 (i32.add ${get('d')} ${get('rb')}) ${shuffle('t1', 't3', [2, 3, 6, 7])})
        (local.set $j (i32.add ${get('j')} (i32.const 4)))
        (br $jl)))
      (local.set $i (i32.add ${get('i')} (i32.const 4)))
      (br $il)))
    (local.set $i (i32.const 0))
    (block $ed (loop $el
      (br_if $ed (i32.ge_u ${get('i')} ${get('r')}))
      (local.set $j (select ${get('c4')} (i32.const 0) (i32.lt_u ${get('i')} ${get('r4')})))
      (block $fd (loop $fl
        (br_if $fd (i32.ge_u ${get('j')} ${get('c')}))
        (f32.store
          (i32.add ${get('dst')} (i32.shl (i32.add (i32.mul ${get('j')} ${get('r')}) ${get('i')}) (i32.const 2)))
          (f32.load
            (i32.add ${get('src')} (i32.shl (i32.add (i32.mul ${get('i')} ${get('c')}) ${get('j')}) (i32.const 2)))))
        (local.set $j (i32.add ${get('j')} (i32.const 1)))
        (br $fl)))
      (local.set $i (i32.add ${get('i')} (i32.const 1)))
      (br $el))))`);

  // Activation gradients with optional column sums. `vec`/`sca` compute dz from G/A (vector)
  // or gs/as (scalar) locals; `store` false means a is not read and dz not written (colsum).
  const gradFn = (name: string, vec: string, sca: string, store: boolean): void => {
    const body = (withSum: boolean): string => `
        (local.set $j (i32.const 0))
        (block $vd (loop $vl
          (br_if $vd (i32.ge_u ${get('j')} ${get('c4')}))
          (local.set $o (i32.add ${get('row')} ${get('j')}))
          (local.set $G (v128.load align=4 (i32.add ${get('g')} ${get('o')})))
          ${store ? `(local.set $A (v128.load align=4 (i32.add ${get('a')} ${get('o')})))` : ''}
          (local.set $D ${vec})
          ${store ? `(v128.store align=4 (i32.add ${get('dz')} ${get('o')}) ${get('D')})` : ''}
          ${
            withSum
              ? `(v128.store align=4 (i32.add ${get('sum')} ${get('j')})
            (f32x4.add (v128.load align=4 (i32.add ${get('sum')} ${get('j')})) ${get('D')}))`
              : ''
          }
          (local.set $j (i32.add ${get('j')} (i32.const 16)))
          (br $vl)))
        (block $sd (loop $sl
          (br_if $sd (i32.ge_u ${get('j')} ${get('cb')}))
          (local.set $o (i32.add ${get('row')} ${get('j')}))
          (local.set $gs (f32.load (i32.add ${get('g')} ${get('o')})))
          ${store ? `(local.set $as (f32.load (i32.add ${get('a')} ${get('o')})))` : ''}
          (local.set $ds ${sca})
          ${store ? `(f32.store (i32.add ${get('dz')} ${get('o')}) ${get('ds')})` : ''}
          ${
            withSum
              ? `(f32.store (i32.add ${get('sum')} ${get('j')})
            (f32.add (f32.load (i32.add ${get('sum')} ${get('j')})) ${get('ds')}))`
              : ''
          }
          (local.set $j (i32.add ${get('j')} (i32.const 4)))
          (br $sl)))`;
    a(`  (func (export "${name}") (param $g i32) (param $a i32) (param $dz i32) (param $sum i32)
    (param $n i32) (param $c i32) (param $alpha f32)
    (local $i i32) (local $j i32) (local $o i32) (local $row i32) (local $cb i32) (local $c4 i32)
    (local $G v128) (local $A v128) (local $D v128) (local $AL v128) (local $Z v128)
    (local $gs f32) (local $as f32) (local $ds f32)
    (local.set $cb (i32.shl ${get('c')} (i32.const 2)))
    (local.set $c4 (i32.and ${get('cb')} (i32.const -16)))
    (local.set $AL (f32x4.splat ${get('alpha')}))
    (if (i32.ne ${get('sum')} (i32.const 0)) (then
      (block $zd (loop $zl
        (br_if $zd (i32.ge_u ${get('j')} ${get('cb')}))
        (f32.store (i32.add ${get('sum')} ${get('j')}) (f32.const 0))
        (local.set $j (i32.add ${get('j')} (i32.const 4)))
        (br $zl)))))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u ${get('i')} ${get('n')}))
      (local.set $row (i32.mul ${get('i')} ${get('cb')}))
      (if (i32.ne ${get('sum')} (i32.const 0))
        (then ${body(true)})
        (else ${body(false)}))
      (local.set $i (i32.add ${get('i')} (i32.const 1)))
      (br $rl))))`);
  };
  gradFn(
    'grad_leaky',
    `(v128.bitselect ${get('G')} (f32x4.mul ${get('G')} ${get('AL')}) (f32x4.gt ${get('A')} ${get('Z')}))`,
    `(select ${get('gs')} (f32.mul ${get('gs')} ${get('alpha')}) (f32.gt ${get('as')} (f32.const 0)))`,
    true,
  );
  gradFn(
    'grad_tanh',
    `(f32x4.mul ${get('G')} (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul ${get('A')} ${get('A')})))`,
    `(f32.mul ${get('gs')} (f32.sub (f32.const 1) (f32.mul ${get('as')} ${get('as')})))`,
    true,
  );
  gradFn(
    'grad_sigmoid',
    `(f32x4.mul ${get('G')} (f32x4.mul ${get('A')} (f32x4.sub (f32x4.splat (f32.const 1)) ${get('A')})))`,
    `(f32.mul ${get('gs')} (f32.mul ${get('as')} (f32.sub (f32.const 1) ${get('as')})))`,
    true,
  );
  gradFn('colsum', get('G'), get('gs'), false);

  a(`  (func (export "leaky") (param $x i32) (param $y i32) (param $n i32) (param $alpha f32)
    (local $o i32) (local $e i32) (local $e4 i32) (local $X v128) (local $AL v128) (local $xs f32)
    (local.set $e (i32.shl ${get('n')} (i32.const 2)))
    (local.set $e4 (i32.and ${get('e')} (i32.const -16)))
    (local.set $AL (f32x4.splat ${get('alpha')}))
    (block $vd (loop $vl
      (br_if $vd (i32.ge_u ${get('o')} ${get('e4')}))
      (local.set $X (v128.load align=4 (i32.add ${get('x')} ${get('o')})))
      (v128.store align=4 (i32.add ${get('y')} ${get('o')})
        (v128.bitselect ${get('X')} (f32x4.mul ${get('X')} ${get('AL')})
          (f32x4.gt ${get('X')} (v128.const i32x4 0 0 0 0))))
      (local.set $o (i32.add ${get('o')} (i32.const 16)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u ${get('o')} ${get('e')}))
      (local.set $xs (f32.load (i32.add ${get('x')} ${get('o')})))
      (f32.store (i32.add ${get('y')} ${get('o')})
        (select ${get('xs')} (f32.mul ${get('xs')} ${get('alpha')}) (f32.gt ${get('xs')} (f32.const 0))))
      (local.set $o (i32.add ${get('o')} (i32.const 4)))
      (br $sl))))`);
  // GEMM C[M, N] = A B (+ bias, ReLU) with B row-major [K, N] and N a multiple of 4, in 4 x 8
  // register blocks, no packing. A is row-major [M, K] (`gemm_nn`) or stored transposed as
  // [K, M] (`gemm_tn`, for weight gradients h^T dz). Micro-kernels mk_<layout>_<rows>x<cols>.
  for (const layout of ['nn', 'tn'] as const) {
    for (const mr of [GEMM_MR, 1]) {
      for (const nv of [2, 1]) {
        const accs: string[] = [];
        for (let r = 0; r < mr; r++) for (let v = 0; v < nv; v++) accs.push(`$c${r}_${v}`);
        // One k step s of an unrolled group: A from row pointers + ko (+ 4 s) ('nn') or from
        // ap_s ('tn'); B from bp_s, where ap_s / bp_s are ap / bp plus s strides.
        const aLoad = (r: number, st: number) =>
          layout === 'nn'
            ? `(v128.load32_splat offset=${4 * st} align=4 (i32.add (local.get $a${r}) ${get('ko')}))`
            : `(v128.load32_splat offset=${4 * r} align=4 ${st === 0 ? get('ap') : get(`ap${st}`)})`;
        const step = (st: number): string[] => {
          const out: string[] = [];
          for (let v = 0; v < nv; v++) {
            out.push(
              `(local.set $b${v} (v128.load offset=${16 * v} align=4 ${st === 0 ? get('bp') : get(`bp${st}`)}))`,
            );
          }
          for (let r = 0; r < mr; r++) {
            out.push(`(local.set $x ${aLoad(r, st)})`);
            for (let v = 0; v < nv; v++) {
              out.push(
                `(local.set $c${r}_${v} (f32x4.add (local.get $c${r}_${v}) (f32x4.mul ${get('x')} (local.get $b${v}))))`,
              );
            }
          }
          return out;
        };
        const U = GEMM_UNROLL;
        const stepPtrs: string[] = [];
        for (let st = 1; st < U; st++) {
          stepPtrs.push(
            `(local.set $bp${st} (i32.add ${get('bp')} (i32.mul ${get('sbk')} (i32.const ${st}))))`,
          );
          if (layout === 'tn') {
            stepPtrs.push(
              `(local.set $ap${st} (i32.add ${get('ap')} (i32.mul ${get('sak')} (i32.const ${st}))))`,
            );
          }
        }
        const advance = (u: number) =>
          `${layout === 'nn' ? `(local.set $ko (i32.add ${get('ko')} (i32.const ${4 * u})))` : `(local.set $ap (i32.add ${get('ap')} (i32.mul ${get('sak')} (i32.const ${u}))))`}
      (local.set $bp (i32.add ${get('bp')} (i32.mul ${get('sbk')} (i32.const ${u}))))
      (local.set $k (i32.sub ${get('k')} (i32.const ${u})))`;
        const stepLocals = Array.from({ length: U - 1 }, (_, i) =>
          layout === 'tn'
            ? `(local $bp${i + 1} i32) (local $ap${i + 1} i32)`
            : `(local $bp${i + 1} i32)`,
        ).join(' ');
        const loopBody = [
          ...stepPtrs,
          ...Array.from({ length: U }, (_, st) => step(st).join('\n      ')),
          advance(U),
        ];
        const tail =
          U > 1
            ? `(block $td (loop $tl
      (br_if $td (i32.eqz ${get('k')}))
      ${step(0).join('\n      ')}
      ${advance(1)}
      (br $tl)))`
            : '';
        const stores: string[] = [];
        for (let r = 0; r < mr; r++) {
          for (let v = 0; v < nv; v++) {
            const acc = `(local.get $c${r}_${v})`;
            const withBias = `(select (f32x4.add ${acc} (v128.load offset=${16 * v} align=4 ${get('bias')})) ${acc} ${get('bias')})`;
            stores.push(`(local.set $x ${withBias})`);
            stores.push(
              `(if (i32.eq ${get('act')} (i32.const 1)) (then (local.set $x (f32x4.max ${get('x')} (v128.const i32x4 0 0 0 0)))))`,
            );
            stores.push(
              `(if (i32.eq ${get('act')} (i32.const 2)) (then (local.set $x (v128.bitselect ${get('x')} (f32x4.mul ${get('x')} (f32x4.splat ${get('alpha')})) (f32x4.gt ${get('x')} (v128.const i32x4 0 0 0 0))))))`,
            );
            stores.push(
              `(v128.store offset=${16 * v} align=4 (i32.add ${get('cp')} (i32.mul ${get('scr')} (i32.const ${r}))) ${get('x')})`,
            );
          }
        }
        const rowPtrs =
          layout === 'nn'
            ? Array.from(
                { length: mr },
                (_, r) =>
                  `(local.set $a${r} (i32.add ${get('ap')} (i32.mul ${get('sar')} (i32.const ${r}))))`,
              ).join('\n    ')
            : '';
        a(`  (func $mk_${layout}_${mr}x${4 * nv} (param $ap i32) (param $sar i32) (param $sak i32)
    (param $bp i32) (param $sbk i32) (param $cp i32) (param $scr i32) (param $k i32)
    (param $bias i32) (param $act i32) (param $alpha f32)
    (local $ko i32) ${stepLocals} (local $x v128) ${Array.from({ length: nv }, (_, v) => `(local $b${v} v128)`).join(' ')}
    ${accs.map((c) => `(local ${c} v128)`).join(' ')}
    ${layout === 'nn' ? Array.from({ length: mr }, (_, r) => `(local $a${r} i32)`).join(' ') : ''}
    ${rowPtrs}
    (block $kd (loop $kl
      (br_if $kd (i32.lt_u ${get('k')} (i32.const ${U})))
      ${loopBody.join('\n      ')}
      (br $kl)))
    ${tail}
    ${stores.join('\n    ')})`);
      }
    }
    // Driver: A(r, k) at a + r sar + k sak (bytes); row blocks of 4, then single rows.
    const call = (mr: number, nr: number) =>
      `(call $mk_${layout}_${mr}x${nr} (i32.add ${get('a')} (i32.mul ${get('i')} ${get('sar')})) ${get('sar')} ${get('sak')}
            (i32.add ${get('b')} (i32.shl ${get('j')} (i32.const 2))) ${get('nb')}
            (i32.add ${get('c')} (i32.shl (i32.add (i32.mul ${get('i')} ${get('n')}) ${get('j')}) (i32.const 2))) ${get('nb')}
            ${get('kk')} (select (i32.add ${get('bias')} (i32.shl ${get('j')} (i32.const 2))) (i32.const 0) ${get('bias')}) ${get('act')} ${get('alpha')})`;
    const rows = (mr: number) => `
      (local.set $j (i32.const 0))
      (block $jd${mr} (loop $jl${mr}
        (br_if $jd${mr} (i32.ge_u ${get('j')} ${get('n8')}))
        ${call(mr, 8)}
        (local.set $j (i32.add ${get('j')} (i32.const 8)))
        (br $jl${mr})))
      (if (i32.lt_u ${get('j')} ${get('n')}) (then ${call(mr, 4)}))`;
    a(`  (func (export "gemm_${layout}") (param $a i32) (param $b i32) (param $c i32) (param $bias i32)
    (param $m i32) (param $kk i32) (param $n i32) (param $act i32) (param $alpha f32)
    (local $i i32) (local $j i32) (local $n8 i32) (local $nb i32) (local $sar i32) (local $sak i32)
    (local.set $n8 (i32.and ${get('n')} (i32.const -8)))
    (local.set $nb (i32.shl ${get('n')} (i32.const 2)))
    ${
      layout === 'nn'
        ? `(local.set $sar (i32.shl ${get('kk')} (i32.const 2))) (local.set $sak (i32.const 4))`
        : `(local.set $sar (i32.const 4)) (local.set $sak (i32.shl ${get('m')} (i32.const 2)))`
    }
    (block $id (loop $il
      (br_if $id (i32.gt_u (i32.add ${get('i')} (i32.const ${GEMM_MR})) ${get('m')}))
      ${rows(GEMM_MR)}
      (local.set $i (i32.add ${get('i')} (i32.const ${GEMM_MR})))
      (br $il)))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u ${get('i')} ${get('m')}))
      ${rows(1)}
      (local.set $i (i32.add ${get('i')} (i32.const 1)))
      (br $rl))))`);
  }
  a(')');
  return L.join('\n');
}
