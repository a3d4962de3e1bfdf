/** Test helpers for the goroutine parser: run it over a fixture and split what it emitted. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBytes, parseFixture, type ParsedFixture } from '../../test/support/parse-fixture';
import type { LogRecord, ParserModule, SkippedLine, SnapshotMeta } from '../types';
import { goroutineParser } from './index';
import type { GoroutineDump } from './model';

/** Real dumps made by make-fixtures.sh (see __fixtures__/PROVENANCE.md). */
export const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

export interface Parsed {
  metas: SnapshotMeta[];
  dumps: GoroutineDump[];
  /** Log lines around the dumps, read by the log parser. */
  logs: LogRecord[];
  skipped: SkippedLine[];
  lineCount: number;
  /** Records in emission order, to check that each meta directly precedes its dump. */
  order: string[];
}

function split(r: ParsedFixture<SnapshotMeta | GoroutineDump | LogRecord>): Parsed {
  const metas: SnapshotMeta[] = [];
  const dumps: GoroutineDump[] = [];
  const logs: LogRecord[] = [];
  const order: string[] = [];
  for (const rec of r.records) {
    order.push(rec.type);
    if (rec.type === 'snapshot') metas.push(rec);
    else if (rec.type === 'log') logs.push(rec);
    else dumps.push(rec);
  }
  return { metas, dumps, logs, skipped: r.skipped, lineCount: r.lineCount, order };
}

export function parseCorpus(name: string): Parsed {
  return split(parseFixture(goroutineParser, `corpus/goroutine/${name}`));
}

/** A fixture of __fixtures__ through `mod` (default the goroutine parser; a log parser wrapped with withGoroutineDumps). */
export function parseFixtureFile(name: string, mod: ParserModule<SnapshotMeta | GoroutineDump | LogRecord> = goroutineParser): Parsed {
  return split(parseBytes(mod, readFileSync(FIXTURES + name), name));
}

/** Inline text through `mod` (a log parser wrapped with withGoroutineDumps). */
export function parseStringWith(mod: ParserModule<SnapshotMeta | GoroutineDump | LogRecord>, text: string): Parsed {
  return split(parseBytes(mod, Buffer.from(text, 'utf8'), 'inline.log'));
}

export function parseString(text: string): Parsed {
  return split(parseBytes(goroutineParser, Buffer.from(text, 'utf8'), 'inline.txt'));
}

/**
 * Lines nobody accounted for: neither inside an emitted dump's line range nor reported as
 * skipped. Also returns lines reported as skipped more than once.
 */
export function unaccounted(p: Parsed): { missing: number[]; duplicateSkips: number[] } {
  const covered = new Uint8Array(p.lineCount + 2);
  for (const d of p.dumps) for (let i = d.line; i <= d.endLine && i <= p.lineCount; i++) covered[i] = 1;
  for (const r of p.logs) for (let i = r.line; i <= r.endLine && i <= p.lineCount; i++) covered[i] = 1;
  const seen = new Set<number>();
  const duplicateSkips: number[] = [];
  for (const s of p.skipped) {
    if (seen.has(s.line)) duplicateSkips.push(s.line);
    seen.add(s.line);
    covered[s.line] = 1;
  }
  const missing: number[] = [];
  for (let i = 1; i <= p.lineCount; i++) if (!covered[i]) missing.push(i);
  return { missing, duplicateSkips };
}
