import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { RunRecord } from './runRecord';

/**
 * `runs.jsonl`: finished runs, one JSON object per line, appended as each run ends.
 *
 * Each record goes out as one `write` of a whole line followed by `fsync`, from one thread
 * only. A process killed mid-write can leave at most one torn last line: {@link RunsFile.open}
 * cuts it off, so that run is simply redone. Lines repeating a (key, configHash) already seen
 * are ignored, so nothing is counted twice.
 */
export class RunsFile {
  private readonly fd: number;
  private readonly done = new Map<string, RunRecord>();
  /** Records read at open time plus those appended since, in file order (no duplicates). */
  readonly records: RunRecord[] = [];
  /** Notes about what `open` repaired or skipped (torn last line, duplicates, bad lines). */
  readonly warnings: string[] = [];

  private constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a+');
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline !== text.length - 1) {
      const keep = Buffer.byteLength(text.slice(0, lastNewline + 1), 'utf8');
      ftruncateSync(this.fd, keep);
      fsyncSync(this.fd);
      this.warnings.push(
        `cut off an unfinished last line (${text.length - lastNewline - 1} chars)`,
      );
      text = text.slice(0, lastNewline + 1);
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let rec: RunRecord;
      try {
        rec = JSON.parse(line) as RunRecord;
      } catch {
        this.warnings.push(`line ${i + 1} is not JSON: skipped`);
        return;
      }
      if (typeof rec.key !== 'string' || typeof rec.configHash !== 'string') {
        this.warnings.push(`line ${i + 1} is not a run record: skipped`);
        return;
      }
      const id = RunsFile.id(rec.key, rec.configHash);
      if (this.done.has(id)) {
        this.warnings.push(`line ${i + 1} repeats run ${rec.key}: ignored`);
        return;
      }
      this.done.set(id, rec);
      this.records.push(rec);
    });
  }

  private static id(key: string, hash: string): string {
    return `${key}#${hash}`;
  }

  /** Opens (creating folders and the file as needed) and repairs a torn last line. */
  static open(path: string): RunsFile {
    return new RunsFile(path);
  }

  /** Whether a run with this key and configuration hash is already recorded. */
  has(key: string, configHash: string): boolean {
    return this.done.has(RunsFile.id(key, configHash));
  }

  /** The recorded run with this key and hash, if any. */
  get(key: string, configHash: string): RunRecord | undefined {
    return this.done.get(RunsFile.id(key, configHash));
  }

  /**
   * Appends one record as one line, durably (write + fsync) before returning.
   * A record whose (key, configHash) is already present is not written again; returns false then.
   */
  append(record: RunRecord): boolean {
    const id = RunsFile.id(record.key, record.configHash);
    if (this.done.has(id)) return false;
    const buf = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    fsyncSync(this.fd);
    this.done.set(id, record);
    this.records.push(record);
    return true;
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}
