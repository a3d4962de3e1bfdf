/**
 * Ordinary lines as event rows: their columns from the line block, their text read from the file
 * at the kept offset and parsed again by the file's parser (an ordinary record is one line, so the
 * line alone gives its message, thread, logger and fields). The time is the block's, already placed.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { PARSERS } from '../../parsers';
import type { LogRecord } from '../../parsers/types';
import { clipMessage, type EventRow } from './events';
import { idOf, kindOf, levelOf, tsOf } from './line-block-codec';
import type { StoredBlock } from './line-blocks';
import type { DB } from './open';

/** Shown in place of the message when the file can no longer be read (moved or removed since ingest). */
export const UNREADABLE = '(line not readable: the file moved or changed since it was opened)';

interface FileInfo {
  path: string;
  size: number | null;
  kind: string;
  content_path: string | null;
  encoding: string | null;
}

const wallClock = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

/** Reads and parses ordinary lines, a file handle per file kept open for the call. */
export class LineReader {
  private readonly files = new Map<number, { info: FileInfo | undefined; fd: number | null; decoder: TextDecoder | null }>();

  constructor(private readonly db: DB) {}

  private file(fileId: number) {
    let f = this.files.get(fileId);
    if (!f) {
      const info = this.db.prepare<[number], FileInfo>('SELECT path, size, kind, content_path, encoding FROM files WHERE id = ?').get(fileId);
      let fd: number | null = null;
      let decoder: TextDecoder | null = null;
      try {
        if (info?.content_path) fd = openSync(info.content_path, 'r');
        // Shorter than when it was read: replaced (a rotated log), so offsets no longer point at its lines.
        if (fd !== null && info?.size != null && fstatSync(fd).size < info.size) {
          closeSync(fd);
          fd = null;
        }
        decoder = new TextDecoder(info?.encoding ?? 'utf-8');
      } catch {
        fd = null;
      }
      f = { info, fd, decoder };
      this.files.set(fileId, f);
    }
    return f;
  }

  /** The raw text of the line at `offset`/`length` of a file, without its line end; null when unreadable. */
  text(fileId: number, offset: number, length: number): string | null {
    const f = this.file(fileId);
    if (f.fd === null || !f.decoder) return null;
    const buf = Buffer.alloc(length);
    let n = 0;
    try {
      n = readSync(f.fd, buf, 0, length, offset);
    } catch {
      return null;
    }
    if (n < length) return null;
    return f.decoder.decode(buf).replace(/\r?\n$/, '').replace(/\r$/, '');
  }

  /** The record the file's parser makes of one line, or null. */
  parse(fileId: number, text: string, line: number, offset: number, length: number): LogRecord | null {
    const f = this.file(fileId);
    const parser = PARSERS.find((p) => p.kind === f.info?.kind);
    if (!parser) return null;
    let out: LogRecord | null = null;
    const sink = parser.create({ fileName: f.info!.path, time: { localToUtc: wallClock, referenceDay: 0 } }, (r: { type: string }) => {
      if (r.type === 'log' && out === null) out = r as LogRecord;
    });
    sink.line(text, line, offset, length);
    sink.end();
    return out;
  }

  /** Line `i` of a block as the event row it would have been. */
  row(b: StoredBlock, i: number): EventRow {
    const k = b.block;
    const base: EventRow = {
      id: idOf(k, i), file_id: b.fileId, ts: tsOf(k, i), tq: k.tq[i]!, level: levelOf(k, i), pid: k.pid[i]! < 0 ? null : k.pid[i]!,
      thread: null, logger: null, kind: kindOf(k, i), message: UNREADABLE, fields: null, line: k.line[i]!, end_line: k.line[i]!,
      offset: k.offset[i]!, length: k.length[i]!,
    };
    const text = this.text(b.fileId, base.offset, base.length);
    if (text === null) return base;
    const r = this.parse(b.fileId, text, base.line, base.offset, base.length);
    if (!r) return { ...base, message: clipMessage(text) };
    let fields: string | null = null;
    for (const _k in r.fields) {
      fields = JSON.stringify(r.fields);
      break;
    }
    return { ...base, thread: r.thread ?? null, logger: r.logger ?? null, message: clipMessage(r.message), fields };
  }

  close(): void {
    for (const f of this.files.values()) if (f.fd !== null) closeSync(f.fd);
    this.files.clear();
  }
}

/** Rows for ids kept in blocks (`located`), read in one pass. */
export function rowsOfLines(db: DB, located: Iterable<{ block: StoredBlock; i: number }>): EventRow[] {
  const reader = new LineReader(db);
  try {
    return [...located].map(({ block, i }) => reader.row(block, i));
  } finally {
    reader.close();
  }
}
