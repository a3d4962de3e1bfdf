/** Does the head look like psql printing `pg_stat_activity` (any output style), or a capture of it that failed? */
import type { SniffInput, SniffResult } from '../types';
import { columnsOf } from './columns';
import { csvHeader, pipeHeader, RECORD_HEADER } from './layout';

export function sniffPgStat(input: SniffInput): SniffResult | null {
  let expandedNames: string[] | null = null;
  let captureOfView = false;
  for (const raw of input.lines.slice(0, 200)) {
    const t = raw.slice(0, 8192).replace(/\s+$/, '');
    if (expandedNames) {
      const m = /^(\w+)\s*\| /.exec(t) ?? /^(\w+)\s*\|$/.exec(t);
      if (m) expandedNames.push(m[1]!);
      else if (RECORD_HEADER.test(t) || t === '') {
        if (columnsOf(expandedNames)) return { kind: 'pg-stat-activity', confidence: 0.95, reason: 'psql expanded (-x) records with pg_stat_activity fields' };
        expandedNames = null;
      }
      continue;
    }
    if (RECORD_HEADER.test(t)) {
      expandedNames = [];
      continue;
    }
    if (t.startsWith('#')) {
      if (/^#\s*captured\b.*\bpg_stat_activity\b/i.test(t)) captureOfView = true;
      continue; // a collector header quotes the query: its column list is not a result header
    }
    const h = pipeHeader(t) ?? csvHeader(t);
    if (h) return { kind: 'pg-stat-activity', confidence: 0.95, reason: `a pg_stat_activity result header (${h.names.length} columns)` };
  }
  if (expandedNames && columnsOf(expandedNames)) return { kind: 'pg-stat-activity', confidence: 0.95, reason: 'psql expanded (-x) records with pg_stat_activity fields' };
  if (captureOfView) return { kind: 'pg-stat-activity', confidence: 0.6, reason: 'a collector header whose command queries pg_stat_activity' };
  return null;
}
