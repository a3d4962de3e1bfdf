import type { EvidenceRef, ResolvedEvidence } from '../model/evidence';
import type { Store } from '../store';
import { readRange } from './read';

const MAX_EXCERPT_LINES = 6;
const MAX_EXCERPT_CHARS = 1200;

/** Resolves evidence to its file path and the text of the line(s), read back from the bundle. */
export function resolveEvidence(store: Store, refs: readonly EvidenceRef[]): ResolvedEvidence[] {
  return refs.map((ref) => {
    const file = store.files.get(ref.fileId);
    return { ...ref, file: file?.path ?? '?', excerpt: excerptOf(store, ref) };
  });
}

function excerptOf(store: Store, ref: EvidenceRef): string {
  const file = store.files.get(ref.fileId);
  if (!file?.content_path) return '';
  const ev = store.events.atLine(ref.fileId, ref.line);
  if (!ev || ev.line !== ref.line) return '';
  try {
    const text = readRange(file.content_path, ev.offset, Math.min(ev.length, 64 * 1024), file.encoding);
    const lines = text.split(/\r?\n/).slice(0, MAX_EXCERPT_LINES);
    const joined = lines.join('\n');
    return joined.length > MAX_EXCERPT_CHARS ? joined.slice(0, MAX_EXCERPT_CHARS) + '…' : joined;
  } catch {
    return ''; // the file moved or changed since ingest: the reference still stands
  }
}
