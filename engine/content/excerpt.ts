import type { EvidenceRef, ResolvedEvidence } from '../model/evidence';
import { profileRowText } from '../model/profile';
import type { FileRow, Store } from '../store';
import { readLines } from './lines';
import { readRange } from './read';

const MAX_EXCERPT_LINES = 6;
const MAX_EXCERPT_CHARS = 1200;

/** Resolves evidence to its file path and the text of the line(s), read back from the bundle. */
export function resolveEvidence(store: Store, refs: readonly EvidenceRef[]): ResolvedEvidence[] {
  return refs.map((ref) => {
    const file = store.files.get(ref.fileId);
    return { ...ref, file: file?.path ?? '?', excerpt: file ? excerptOf(store, file, ref) : '' };
  });
}

function clip(lines: string[]): string {
  // A CRLF file's last line keeps its CR when the record's length ends before the LF.
  const joined = lines.slice(0, MAX_EXCERPT_LINES).map((l) => l.replace(/\r$/, '')).join('\n');
  return joined.length > MAX_EXCERPT_CHARS ? joined.slice(0, MAX_EXCERPT_CHARS) + '…' : joined;
}

function excerptOf(store: Store, file: FileRow, ref: EvidenceRef): string {
  if (file.kind === 'pprof') {
    // A profile has no lines: its evidence points at a function row, shown as pprof -top would list it.
    const row = store.profiles.rowAt(file.id, ref.line);
    return row ? profileRowText(row, row.unit, row.total) : '';
  }
  if (!file.content_path) return '';
  const ev = store.events.atLine(ref.fileId, ref.line);
  if (!ev || ev.line !== ref.line || ev.offset < 0) {
    // Not a log record (a snapshot row, a dump line): read the lines themselves.
    const to = Math.min(ref.endLine ?? ref.line, ref.line + MAX_EXCERPT_LINES - 1);
    return clip(readLines(store, ref.fileId, ref.line, to).map((l) => l.text));
  }
  try {
    const text = readRange(file.content_path, ev.offset, Math.min(ev.length, 64 * 1024), file.encoding);
    return clip(text.split(/\r?\n/));
  } catch {
    return ''; // the file moved or changed since ingest: the reference still stands
  }
}
