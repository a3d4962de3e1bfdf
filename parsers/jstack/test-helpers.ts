/**
 * Shared by the jstack tests: run the parser over a fixture or text and split the output, and the
 * line-accounting check (every non-blank line is inside a dump's range, is a snapshot's header
 * line, or was reported as skipped).
 */
import { fixtureLines, parseFixture, parseText, type ParsedFixture } from '../../test/support/parse-fixture';
import type { SnapshotMeta, TimeContext } from '../types';
import { jstackParser } from './index';
import type { ThreadDump } from './model';
import type { JstackRecord } from './parser';

export interface Parsed {
  dumps: ThreadDump[];
  metas: SnapshotMeta[];
  raw: ParsedFixture<JstackRecord>;
}

function split(raw: ParsedFixture<JstackRecord>): Parsed {
  return {
    dumps: raw.records.filter((r): r is ThreadDump => r.type === 'thread-dump'),
    metas: raw.records.filter((r): r is SnapshotMeta => r.type === 'snapshot'),
    raw,
  };
}

export const JSTACK = 'corpus/jstack/';

export function parseJstackFixture(rel: string, time?: TimeContext): Parsed {
  return split(parseFixture(jstackParser, JSTACK + rel, time));
}

export function parseJstackText(text: string, time?: TimeContext): Parsed {
  return split(parseText(jstackParser, text, 'inline.txt', time));
}

/** Non-blank line numbers (1-based) that no record and no skipped line accounts for. */
export function unaccounted(p: Parsed, lines: readonly string[]): number[] {
  const covered = new Set<number>(p.raw.skipped.map((s) => s.line));
  for (const m of p.metas) covered.add(m.line);
  const ranges = p.dumps.map((d) => [d.line, d.endLine] as const);
  const out: number[] = [];
  lines.forEach((text, i) => {
    const no = i + 1;
    if (text.trim() === '' || covered.has(no)) return;
    if (!ranges.some(([a, b]) => no >= a && no <= b)) out.push(no);
  });
  return out;
}

export function allFixtureLines(rel: string): string[] {
  return fixtureLines(JSTACK + rel, Number.MAX_SAFE_INTEGER);
}
