/** Test helpers for the goroutine parser: run it over a fixture and split what it emitted. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBytes, parseFixture, type ParsedFixture } from '../../test/support/parse-fixture';
import type { SkippedLine, SnapshotMeta } from '../types';
import { goroutineParser } from './index';
import type { GoroutineDump } from './model';

export const TESTDATA = fileURLToPath(new URL('./testdata/', import.meta.url));

export interface Parsed {
  metas: SnapshotMeta[];
  dumps: GoroutineDump[];
  skipped: SkippedLine[];
  lineCount: number;
  /** Records in emission order, to check that each meta directly precedes its dump. */
  order: string[];
}

function split(r: ParsedFixture<SnapshotMeta | GoroutineDump>): Parsed {
  const metas: SnapshotMeta[] = [];
  const dumps: GoroutineDump[] = [];
  const order: string[] = [];
  for (const rec of r.records) {
    order.push(rec.type);
    if (rec.type === 'snapshot') metas.push(rec);
    else dumps.push(rec);
  }
  return { metas, dumps, skipped: r.skipped, lineCount: r.lineCount, order };
}

export function parseCorpus(name: string): Parsed {
  return split(parseFixture(goroutineParser, `corpus/goroutine/${name}`));
}

export function parseTestdata(name: string): Parsed {
  return split(parseBytes(goroutineParser, readFileSync(TESTDATA + name), name));
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
