/** Text helpers of the file viewer. Pure, tested in text.test.ts. */
import type { ResolvedEvidence } from '../../../../engine/model/evidence';

/**
 * A stored line as one editor line: a lone carriage return would split it in Monaco's model (and
 * shift every line number after it), so it is shown as ↵.
 */
export function editorLine(text: string): string {
  return text.includes('\r') ? text.replace(/\r/g, '↵') : text;
}

/** Plain text for a Markdown hover (annotation text is the user's, log text is anybody's). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`).replace(/\n/g, '  \n');
}

/** File kinds whose lines are log-like (timestamps, levels, stack frames); the rest is plain text. */
const PLAIN_KINDS = new Set(['lsof', 'ss', 'netstat', 'jmap-histo', 'csv', 'top', 'limits', 'cgroup-cpu', 'binary', 'unknown']);
export function languageFor(kind: string): 'rootline-log' | 'plaintext' {
  return PLAIN_KINDS.has(kind) ? 'plaintext' : 'rootline-log';
}

export interface LineEvidence {
  line: number;
  endLine: number;
  ts: number | null;
  /** What points at it: finding or root-cause titles, with the evidence note. */
  reasons: string[];
}

/** Evidence of findings and root causes in one file, one entry per line, in line order. */
export function evidenceInFile(
  fileId: number,
  sources: readonly { title: string; evidence: readonly ResolvedEvidence[] }[],
  extraLines: readonly number[] = [],
): LineEvidence[] {
  const byLine = new Map<number, LineEvidence>();
  for (const s of sources) {
    for (const e of s.evidence) {
      if (e.fileId !== fileId) continue;
      const cur = byLine.get(e.line) ?? { line: e.line, endLine: e.endLine ?? e.line, ts: e.ts ?? null, reasons: [] };
      cur.endLine = Math.max(cur.endLine, e.endLine ?? e.line);
      cur.ts ??= e.ts ?? null;
      const reason = e.note ? `${s.title} — ${e.note}` : s.title;
      if (!cur.reasons.includes(reason)) cur.reasons.push(reason);
      byLine.set(e.line, cur);
    }
  }
  for (const l of extraLines) if (!byLine.has(l)) byLine.set(l, { line: l, endLine: l, ts: null, reasons: [] });
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

/** The time of a line when an evidence record covering it has one, else null. */
export function timeOfLine(evidence: readonly LineEvidence[], line: number): number | null {
  for (const e of evidence) if (e.ts !== null && e.line <= line && line <= e.endLine) return e.ts;
  return null;
}

/** What a file's time quality means, in words. */
export function timeQualityText(q: string | null, zone: string): string {
  switch (q) {
    case 'explicit':
      return 'times carry their zone';
    case 'assumed':
      return `no zone printed; read as ${zone}`;
    case 'mixed':
      return `some times without a zone (read as ${zone})`;
    case 'none':
      return 'no times';
    default:
      return 'not timed';
  }
}

/** Files whose path or kind contains every word of the filter, in their original order. */
export function filterFiles<T extends { path: string; kind: string }>(files: readonly T[], filter: string): T[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...files];
  return files.filter((f) => {
    const hay = `${f.path} ${f.kind}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
export const dirName = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
