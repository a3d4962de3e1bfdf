/**
 * Tests' oracle of every log record: the rows of `events` and the ordinary lines of `line_blocks`
 * decoded straight from the codec (not through the repositories under test), without text columns
 * for the lines.
 */
import type { Store } from '..';
import type { EventRow } from '../events';
import { BLOCK_KINDS, idOf, viewBlock } from '../line-block-codec';

export type RecordRow = Omit<EventRow, 'thread' | 'logger' | 'message' | 'fields'> & { message: string | null };

export function allEvents(store: Store, fileIds?: readonly number[]): RecordRow[] {
  const keep = (f: number) => !fileIds || fileIds.includes(f);
  const out: RecordRow[] = [];
  for (const e of store.db.prepare<[], EventRow>('SELECT * FROM events').all()) {
    if (keep(e.file_id)) out.push({ id: e.id, file_id: e.file_id, ts: e.ts, tq: e.tq, level: e.level, pid: e.pid, kind: e.kind, message: e.message, line: e.line, end_line: e.end_line, offset: e.offset, length: e.length });
  }
  for (const r of store.db.prepare<[], { file_id: number; first_id: number; n: number; data: Buffer }>('SELECT file_id, first_id, n, data FROM line_blocks').all()) {
    if (!keep(r.file_id)) continue;
    const b = viewBlock(r.data, r.n, r.first_id);
    for (let i = 0; i < b.n; i++) {
      out.push({
        id: idOf(b, i), file_id: r.file_id, ts: Number.isNaN(b.ts[i]!) ? null : b.ts[i]!, tq: b.tq[i]!, level: b.level[i] === 0 ? null : b.level[i]! - 1,
        pid: b.pid[i]! < 0 ? null : b.pid[i]!, kind: BLOCK_KINDS[b.kind[i]!] ?? null, message: null, line: b.line[i]!, end_line: b.line[i]!, offset: b.offset[i]!, length: b.length[i]!,
      });
    }
  }
  return out.sort((a, b) => a.id - b.id);
}
