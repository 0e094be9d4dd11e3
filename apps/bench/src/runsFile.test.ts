import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunsFile } from './runsFile';
import { fakeRecord } from './testRecords';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'bench-runs-')), 'sub', 'runs.jsonl');
const rec = (seed: number, hash = 'h') =>
  fakeRecord({
    split: 'M7/M9',
    method: 'ros',
    seed,
    metrics: { auc: 0.5 + seed / 10 },
    configHash: hash,
  });

describe('RunsFile', () => {
  it('appends one line per record and reads them back on reopen', () => {
    const path = tmp();
    const f = RunsFile.open(path);
    expect(f.records).toEqual([]);
    expect(f.append(rec(0))).toBe(true);
    expect(f.append(rec(1))).toBe(true);
    f.close();
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(text.endsWith('\n')).toBe(true);
    const g = RunsFile.open(path);
    expect(g.records.map((r) => r.seed)).toEqual([0, 1]);
    expect(g.has(rec(1).key, 'h')).toBe(true);
    expect(g.has(rec(1).key, 'other')).toBe(false);
    expect(g.has(rec(2).key, 'h')).toBe(false);
    expect(g.warnings).toEqual([]);
    g.close();
  });

  it('never writes a finished run twice', () => {
    const path = tmp();
    const f = RunsFile.open(path);
    f.append(rec(0));
    expect(f.append(rec(0))).toBe(false);
    expect(f.append(rec(0, 'h2'))).toBe(true);
    f.close();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('cuts off a torn last line (a kill mid-write) and appends cleanly after it', () => {
    const path = tmp();
    const f = RunsFile.open(path);
    f.append(rec(0));
    f.close();
    const whole = JSON.stringify(rec(1));
    appendFileSync(path, whole.slice(0, 37));
    const g = RunsFile.open(path);
    expect(g.records.map((r) => r.seed)).toEqual([0]);
    expect(g.warnings[0]).toMatch(/cut off an unfinished last line/);
    g.append(rec(1));
    g.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).seed)).toEqual([0, 1]);
  });

  it('skips duplicate and malformed lines with a warning', () => {
    const path = tmp();
    RunsFile.open(path).close();
    const a = JSON.stringify(rec(0));
    writeFileSync(path, `${a}\nnot json\n${a}\n{"x":1}\n`);
    const g = RunsFile.open(path);
    expect(g.records).toHaveLength(1);
    expect(g.warnings).toEqual([
      'line 2 is not JSON: skipped',
      'line 3 repeats run synthetic|M7/M9|ros|0|1: ignored',
      'line 4 is not a run record: skipped',
    ]);
    g.close();
  });
});
