/**
 * Source of the WebAssembly SIMD kernels used by {@link BruteForceKnn} (compiled to
 * `knnKernel.gen.ts` by `UPDATE_KNN_KERNEL=1 pnpm vitest run --project @adaar/samplers knnKernel`).
 *
 * `scan(qb, p0, p1, rowBytes, qOff, qnOff, thrOff, rOff, rnOff, scratch)` takes one block of
 * {@link KERNEL_QUERY_BLOCK} queries (row-major, centred, `rowBytes` bytes a row) and
 * reference panels `p0..p1-1` of {@link KERNEL_PANEL} rows each, packed step-major inside
 * the panel (32 bytes per step: 4 bytes of each of the 8 rows). A step is one float32 value
 * (`'f32'` kernel: f32x4 multiply + add) or two int16 values (`'i16'` kernel:
 * `i32x4.dot_i16x8_s`, exact integer arithmetic). For every panel it forms the 4 x 8 block
 * of dot products, turns them into squared distances `|q|^2 + |r|^2 - 2 q.r`, and when any
 * is below its query's threshold (`thr[q]`, int32 or float32) stores all 32 to `scratch`
 * (query-major) and
 * - `'f32'`: calls the imported `offer(qb, p)`, which updates the candidate lists and the
 *   thresholds;
 * - int16 kernels: updates the candidate lists in memory itself (no call out of WebAssembly).
 *   Their `scan` takes five more arguments `listOff, exclOff, size, nr, r0`: query `q` of
 *   the batch (`q = qb * 4 + i`) keeps `size` int32 distances, ascending, at
 *   `listOff + 8 size q` followed by their `size` int32 row indices (-1: empty slot), and
 *   skips row `exclude = i32[exclOff + 4 q]`. Row `l` of panel `p` is row `r0 + 8 p + l` and
 *   exists when `8 p + l < nr`. An accepted row goes in after the rows at the same distance
 *   (so the earliest offered stays first); once the list is full, `thr[q]` is its last
 *   distance.
 *
 * @internal
 */
export const KERNEL_QUERY_BLOCK = 4;
/** Reference rows per packed panel (two f32x4 vectors). @internal */
export const KERNEL_PANEL = 8;

/**
 * A kernel: its element type, and for `'i16-shared'` an imported shared memory (up to 4 GiB,
 * WebAssembly threads) that worker threads scan at once. @internal
 */
export type KernelType = 'f32' | 'i16' | 'i16-shared';

/** Returns a kernel's WebAssembly text. @internal */
export function knnKernelWat(kernel: KernelType): string {
  const type = kernel === 'f32' ? 'f32' : 'i16';
  const add = type === 'f32' ? 'f32x4.add' : 'i32x4.add';
  const sub = type === 'f32' ? 'f32x4.sub' : 'i32x4.sub';
  const lt = type === 'f32' ? 'f32x4.lt' : 'i32x4.lt_s';
  const madd = (c: string, x: string, r: string): string =>
    type === 'f32'
      ? `(f32x4.add ${c} (f32x4.mul ${x} ${r}))`
      : `(i32x4.add ${c} (i32x4.dot_i16x8_s ${x} ${r}))`;
  const QB = KERNEL_QUERY_BLOCK;
  const RV = KERNEL_PANEL / 4;
  const PR = KERNEL_PANEL;
  const L: string[] = [];
  const a = (s: string): void => {
    L.push(s);
  };
  a('(module');
  a(' (import "env" "offer" (func $offer (param i32 i32)))');
  a(
    kernel === 'i16-shared'
      ? ' (import "env" "mem" (memory 1 65536 shared))'
      : ' (import "env" "mem" (memory 1))',
  );
  const lists = type === 'i16';
  if (lists) insertFunc(a);
  a(
    ` (func (export "scan") (param $qb i32) (param $p0 i32) (param $p1 i32) (param $d4 i32) (param $qOff i32) (param $qnOff i32) (param $thrOff i32) (param $rOff i32) (param $rnOff i32) (param $scratch i32)${lists ? ' (param $listOff i32) (param $exclOff i32) (param $size i32) (param $nr i32) (param $rowBase i32)' : ''}`,
  );
  if (lists)
    a(
      '  (local $t i32) (local $ex i32) (local $lp i32) (local $l i32) (local $dd i32) (local $jl i32)',
    );
  a(
    '  (local $p i32) (local $fb i32) (local $rp i32) (local $qi i32) (local $anyv v128) (local $x v128) (local $qn v128) (local $th v128)',
  );
  for (let j = 0; j < RV; j++) a(`  (local $r${j} v128) (local $rn${j} v128)`);
  for (let i = 0; i < QB; i++) a(`  (local $q${i} i32)`);
  for (let i = 0; i < QB; i++) for (let j = 0; j < RV; j++) a(`  (local $c${i}_${j} v128)`);
  a(
    `  (local.set $q0 (i32.add (local.get $qOff) (i32.mul (local.get $qb) (i32.mul (local.get $d4) (i32.const ${QB})))))`,
  );
  for (let i = 1; i < QB; i++) {
    a(`  (local.set $q${i} (i32.add (local.get $q${i - 1}) (local.get $d4)))`);
  }
  a(
    `  (local.set $qi (i32.add (i32.mul (local.get $qb) (i32.const ${QB * 4})) (local.get $qnOff)))`,
  );
  a('  (local.set $p (local.get $p0))');
  a('  (block $done (br_if $done (i32.ge_u (local.get $p) (local.get $p1)))');
  a('  (loop $panels');
  a(
    `   (local.set $rp (i32.add (local.get $rOff) (i32.mul (local.get $p) (i32.mul (local.get $d4) (i32.const ${PR})))))`,
  );
  for (let i = 0; i < QB; i++) {
    for (let j = 0; j < RV; j++) a(`   (local.set $c${i}_${j} (v128.const i32x4 0 0 0 0))`);
  }
  a('   (local.set $fb (i32.const 0))');
  a('   (loop $feat');
  for (let j = 0; j < RV; j++) {
    a(`    (local.set $r${j} (v128.load offset=${16 * j} (local.get $rp)))`);
  }
  for (let i = 0; i < QB; i++) {
    a(`    (local.set $x (v128.load32_splat (i32.add (local.get $q${i}) (local.get $fb))))`);
    for (let j = 0; j < RV; j++) {
      a(
        `    (local.set $c${i}_${j} ${madd(`(local.get $c${i}_${j})`, '(local.get $x)', `(local.get $r${j})`)})`,
      );
    }
  }
  a(`    (local.set $rp (i32.add (local.get $rp) (i32.const ${16 * RV})))`);
  a('    (local.set $fb (i32.add (local.get $fb) (i32.const 4)))');
  a('    (br_if $feat (i32.lt_u (local.get $fb) (local.get $d4))))');
  for (let j = 0; j < RV; j++) {
    a(
      `   (local.set $rn${j} (v128.load offset=${16 * j} (i32.add (local.get $rnOff) (i32.mul (local.get $p) (i32.const ${PR * 4})))))`,
    );
  }
  a('   (local.set $anyv (v128.const i32x4 0 0 0 0))');
  for (let i = 0; i < QB; i++) {
    a(`   (local.set $qn (v128.load32_splat offset=${4 * i} (local.get $qi)))`);
    a(
      `   (local.set $th (v128.load32_splat offset=${4 * i} (i32.add (local.get $qi) (i32.sub (local.get $thrOff) (local.get $qnOff)))))`,
    );
    for (let j = 0; j < RV; j++) {
      a(
        `   (local.set $c${i}_${j} (${sub} (${add} (local.get $qn) (local.get $rn${j})) (${add} (local.get $c${i}_${j}) (local.get $c${i}_${j}))))`,
      );
      a(
        `   (local.set $anyv (v128.or (local.get $anyv) (${lt} (local.get $c${i}_${j}) (local.get $th))))`,
      );
    }
  }
  a('   (if (v128.any_true (local.get $anyv)) (then');
  for (let i = 0; i < QB; i++) {
    for (let j = 0; j < RV; j++) {
      a(
        `    (v128.store offset=${(i * RV + j) * 16} (local.get $scratch) (local.get $c${i}_${j}))`,
      );
    }
  }
  if (lists) {
    for (let i = 0; i < QB; i++) offerInWasm(a, i);
    a('    ))');
  } else a('    (call $offer (local.get $qb) (local.get $p))))');
  a('   (local.set $p (i32.add (local.get $p) (i32.const 1)))');
  a('   (br_if $panels (i32.lt_u (local.get $p) (local.get $p1)))))');
  a(' )');
  if (lists) packFunc(a);
  a(')');
  return `${L.join('\n')}\n`;
}

/**
 * `pack(src, n, d, meanOff, inv, levels, dst, normOff, j0, steps)` (int16 kernels): quantises
 * `n` float64 rows of `d` values at `src` (row-major) to `floor((x - mean) * inv + 1/2)`
 * clamped to [-levels, levels] (the same float64 operations as `quantise` in
 * `bruteForceKnn.ts`, so the same integers; `mean` at `meanOff` as `2 steps` float64 values,
 * zero-padded), and stores them as rows `j0..j0+n-1` of the packed panels at `dst` (pairs of
 * int16 per step, step-major inside the panel) with their int32 squared norms at `normOff`.
 */
function packFunc(a: (s: string) => void): void {
  const PR = KERNEL_PANEL;
  a(
    ' (func (export "pack") (param $src i32) (param $n i32) (param $d i32) (param $meanOff i32) (param $inv f64) (param $levels i32) (param $dst i32) (param $normOff i32) (param $j0 i32) (param $steps i32)',
  );
  a(
    '  (local $j i32) (local $jj i32) (local $s i32) (local $sp i32) (local $out i32) (local $full i32) (local $v v128) (local $iv v128) (local $acc v128) (local $invv v128) (local $half v128) (local $lo v128) (local $hi v128) (local $off v128)',
  );
  a('  (local.set $invv (f64x2.splat (local.get $inv)))');
  a('  (local.set $half (f64x2.splat (f64.const 65536.5)))');
  a('  (local.set $hi (i32x4.splat (local.get $levels)))');
  a('  (local.set $lo (i32x4.splat (i32.sub (i32.const 0) (local.get $levels))))');
  a('  (local.set $off (i32x4.splat (i32.const 65536)))');
  // steps with two values; an odd d leaves one single-value step at the end
  a('  (local.set $full (i32.shr_u (local.get $d) (i32.const 1)))');
  a('  (local.set $j (i32.const 0))');
  a('  (block $rowsDone (br_if $rowsDone (i32.ge_u (local.get $j) (local.get $n)))');
  a('  (loop $rows');
  a('   (local.set $jj (i32.add (local.get $j0) (local.get $j)))');
  a(
    `   (local.set $out (i32.add (local.get $dst) (i32.add (i32.mul (i32.shr_u (local.get $jj) (i32.const 3)) (i32.mul (local.get $steps) (i32.const ${PR * 4}))) (i32.shl (i32.and (local.get $jj) (i32.const 7)) (i32.const 2)))))`,
  );
  a(
    '   (local.set $sp (i32.add (local.get $src) (i32.mul (local.get $j) (i32.shl (local.get $d) (i32.const 3)))))',
  );
  a('   (local.set $acc (v128.const i32x4 0 0 0 0))');
  a('   (local.set $s (i32.const 0))');
  a('   (loop $steps');
  a('    (if (i32.lt_u (local.get $s) (local.get $full))');
  a(
    '     (then (local.set $v (v128.load (i32.add (local.get $sp) (i32.shl (local.get $s) (i32.const 4))))))',
  );
  a(
    '     (else (local.set $v (v128.load64_zero (i32.add (local.get $sp) (i32.shl (local.get $s) (i32.const 4)))))))',
  );
  a(
    '    (local.set $v (f64x2.add (f64x2.mul (f64x2.sub (local.get $v) (v128.load (i32.add (local.get $meanOff) (i32.shl (local.get $s) (i32.const 4))))) (local.get $invv)) (local.get $half)))',
  );
  a(
    '    (local.set $iv (i32x4.max_s (local.get $lo) (i32x4.min_s (local.get $hi) (i32x4.sub (i32x4.trunc_sat_f64x2_s_zero (local.get $v)) (local.get $off)))))',
  );
  a('    (local.set $iv (i16x8.narrow_i32x4_s (local.get $iv) (local.get $iv)))');
  a(
    `    (v128.store32_lane 0 (i32.add (local.get $out) (i32.mul (local.get $s) (i32.const ${PR * 4}))) (local.get $iv))`,
  );
  a(
    '    (local.set $acc (i32x4.add (local.get $acc) (i32x4.dot_i16x8_s (local.get $iv) (local.get $iv))))',
  );
  a('    (local.set $s (i32.add (local.get $s) (i32.const 1)))');
  a('    (br_if $steps (i32.lt_u (local.get $s) (local.get $steps))))');
  a(
    '   (i32.store (i32.add (local.get $normOff) (i32.shl (local.get $jj) (i32.const 2))) (i32x4.extract_lane 0 (local.get $acc)))',
  );
  a('   (local.set $j (i32.add (local.get $j) (i32.const 1)))');
  a('   (br_if $rows (i32.lt_u (local.get $j) (local.get $n)))))');
  a(' )');
}

/**
 * `$insert(lp, size, d, j) -> threshold`: sorted insertion of (d, j) into the list at `lp`
 * (after equal distances), dropping its last entry; returns the list's last distance when
 * it is full, else 2^31 - 1.
 */
function insertFunc(a: (s: string) => void): void {
  a(' (func $insert (param $lp i32) (param $size i32) (param $d i32) (param $j i32) (result i32)');
  a('  (local $sb i32) (local $at i32) (local $prev i32) (local $last i32)');
  a('  (local.set $sb (i32.shl (local.get $size) (i32.const 2)))');
  a('  (local.set $last (i32.add (local.get $lp) (i32.sub (local.get $sb) (i32.const 4))))');
  a('  (local.set $at (local.get $last))');
  a('  (block $stop (loop $shift');
  a('   (br_if $stop (i32.eq (local.get $at) (local.get $lp)))');
  a('   (local.set $prev (i32.load (i32.sub (local.get $at) (i32.const 4))))');
  a('   (br_if $stop (i32.le_s (local.get $prev) (local.get $d)))');
  a('   (i32.store (local.get $at) (local.get $prev))');
  a(
    '   (i32.store (i32.add (local.get $at) (local.get $sb)) (i32.load (i32.sub (i32.add (local.get $at) (local.get $sb)) (i32.const 4))))',
  );
  a('   (local.set $at (i32.sub (local.get $at) (i32.const 4)))');
  a('   (br $shift)))');
  a('  (i32.store (local.get $at) (local.get $d))');
  a('  (i32.store (i32.add (local.get $at) (local.get $sb)) (local.get $j))');
  a(
    '  (select (i32.load (local.get $last)) (i32.const 2147483647) (i32.ge_s (i32.load (i32.add (local.get $last) (local.get $sb))) (i32.const 0))))',
  );
}

/** Offers query `i` of the block the 8 distances of its scratch row, in memory (see the file header). */
function offerInWasm(a: (s: string) => void, i: number): void {
  const PR = KERNEL_PANEL;
  const QB = KERNEL_QUERY_BLOCK;
  // q = qb * QB + i
  const q = `(i32.add (i32.mul (local.get $qb) (i32.const ${QB})) (i32.const ${i}))`;
  a(`    (local.set $t (i32.load (i32.add (local.get $thrOff) (i32.shl ${q} (i32.const 2)))))`);
  a(`    (local.set $ex (i32.load (i32.add (local.get $exclOff) (i32.shl ${q} (i32.const 2)))))`);
  a(
    `    (local.set $lp (i32.add (local.get $listOff) (i32.mul ${q} (i32.shl (local.get $size) (i32.const 3)))))`,
  );
  a('    (local.set $l (i32.const 0))');
  a('    (loop $lanes');
  a(
    `     (local.set $dd (i32.load (i32.add (local.get $scratch) (i32.shl (i32.add (local.get $l) (i32.const ${i * PR})) (i32.const 2)))))`,
  );
  a('     (if (i32.lt_s (local.get $dd) (local.get $t)) (then');
  a(`      (local.set $jl (i32.add (i32.mul (local.get $p) (i32.const ${PR})) (local.get $l)))`);
  a(
    '      (if (i32.and (i32.lt_u (local.get $jl) (local.get $nr)) (i32.ne (i32.add (local.get $jl) (local.get $rowBase)) (local.get $ex))) (then',
  );
  a(
    '       (local.set $t (call $insert (local.get $lp) (local.get $size) (local.get $dd) (i32.add (local.get $jl) (local.get $rowBase))))))))',
  );
  a('     (local.set $l (i32.add (local.get $l) (i32.const 1)))');
  a(`     (br_if $lanes (i32.lt_u (local.get $l) (i32.const ${PR}))))`);
  a(`    (i32.store (i32.add (local.get $thrOff) (i32.shl ${q} (i32.const 2))) (local.get $t))`);
}
