/**
 * Does the head look like a class histogram or MAT suspects? Files that are thread dumps or GC logs
 * (which may embed a histogram) are left to their own parsers.
 */
import type { SniffInput, SniffResult } from '../types';
import { parseHistogramLine } from './histogram-line';
import { stripLogPrefix } from './line-prefix';
import { isMatSuspectStart } from './mat-suspects';

const THREAD_DUMP = /^(?:Full thread dump\b|"[^"]{0,200}"\s.{0,200}\b(?:tid|nid)=0x)/;
const GC_LOG = /(?:^|: )\[(?:GC|Full GC)[ (]|^\[[^\]]{1,40}\]\[[^\]]{0,40}\]\[(?:info|debug|trace|warning|error)\s*\]\[gc/;

export function sniffJmap(input: SniffInput): SniffResult | null {
  let rows = 0;
  let headers = 0;
  let jvmkill = 0;
  let suspects = 0;
  let keywords = 0;
  for (const raw of input.lines) {
    const text = raw.slice(0, 2000);
    if (THREAD_DUMP.test(text) || GC_LOG.test(text)) return null;
    const { body } = stripLogPrefix(text);
    const l = parseHistogramLine(body);
    if (l?.kind === 'row') {
      rows++;
      if (l.jvmkill) jvmkill++;
    } else if (l?.kind === 'header') {
      headers++;
      if (l.jvmkill) jvmkill++;
    } else if (isMatSuspectStart(body)) suspects++;
    else if (/^\s*Keywords\s*$/.test(body)) keywords++;
  }
  if (jvmkill >= 2) return { kind: 'jmap-histo', confidence: 0.9, reason: `${jvmkill} lines of a jvmkill histogram table` };
  if (headers > 0 && rows > 0) return { kind: 'jmap-histo', confidence: 0.95, reason: `class histogram header and ${rows} rows` };
  if (rows >= 3) return { kind: 'jmap-histo', confidence: 0.8, reason: `${rows} class histogram rows (no header)` };
  if (suspects > 0 && (keywords > 0 || suspects > 1)) {
    return { kind: 'jmap-histo', confidence: 0.9, reason: `${suspects} Eclipse MAT leak-suspect paragraphs` };
  }
  if (suspects > 0) return { kind: 'jmap-histo', confidence: 0.6, reason: 'an Eclipse MAT leak-suspect sentence' };
  if (headers > 0) return { kind: 'jmap-histo', confidence: 0.5, reason: 'a class histogram header without rows' };
  return null;
}
