/**
 * Runs a ParserModule over a fixture the way the engine does (same line splitter, same encoding
 * detection), so parser tests exercise real bytes: CRLF, non-UTF-8, BOMs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectEncoding, LineSplitter } from '../../engine/ingest/lines';
import type { ParserModule, SkippedLine, TimeContext } from '../../parsers/types';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Wall-clock fields read as UTC; a reference day for time-only logs. */
export function utcTime(referenceDay: number | null = Date.UTC(2026, 10, 22)): TimeContext {
  return { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms), referenceDay };
}

export function fixtureBytes(rel: string): Buffer {
  return readFileSync(FIXTURES + rel);
}

/** Decoded lines of a fixture, as the sniffers see them. */
export function fixtureLines(rel: string, max = 200): string[] {
  const lines: string[] = [];
  const bytes = fixtureBytes(rel);
  const s = new LineSplitter(detectEncoding(bytes.subarray(0, 65536)), (t) => {
    if (lines.length < max) lines.push(t);
  });
  s.push(bytes);
  s.end();
  return lines;
}

export interface ParsedFixture<R> {
  records: R[];
  skipped: SkippedLine[];
  lineCount: number;
}

export function parseBytes<R>(mod: ParserModule<R>, bytes: Buffer, fileName: string, time: TimeContext = utcTime()): ParsedFixture<R> {
  const records: R[] = [];
  const skipped: SkippedLine[] = [];
  const sink = mod.create({ fileName, time }, (r) => {
    if ((r as SkippedLine).type === 'skipped') skipped.push(r as SkippedLine);
    else records.push(r as R);
  });
  const splitter = new LineSplitter(detectEncoding(bytes.subarray(0, 65536)), (t, no, off, len) => sink.line(t, no, off, len));
  // Feed in uneven chunks to exercise chunk boundaries.
  for (let i = 0; i < bytes.length; i += 4093) splitter.push(bytes.subarray(i, i + 4093));
  splitter.end();
  sink.end();
  return { records, skipped, lineCount: splitter.stats.lines };
}

export function parseFixture<R>(mod: ParserModule<R>, rel: string, time?: TimeContext): ParsedFixture<R> {
  return parseBytes(mod, fixtureBytes(rel), rel, time);
}

export function parseText<R>(mod: ParserModule<R>, text: string, fileName = 'inline.log', time?: TimeContext): ParsedFixture<R> {
  return parseBytes(mod, Buffer.from(text, 'utf8'), fileName, time);
}
