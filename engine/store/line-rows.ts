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
  /** The last span of a file read at once (linesContaining): its lines are then sliced, not read again. */
  private span: { fileId: number; base: number; buf: Buffer } | null = null;

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
    const sp = this.span;
    if (sp && sp.fileId === fileId && offset >= sp.base && offset + length <= sp.base + sp.buf.length) {
      return f.decoder.decode(sp.buf.subarray(offset - sp.base, offset - sp.base + length)).replace(/\r?\n$/, '').replace(/\r$/, '');
    }
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

  /**
   * Indexes of the lines of a block whose raw bytes contain `needle` with ASCII letters folded (as
   * SQLite's LIKE folds them), found with one read of the block's span of the file; null when the
   * file cannot be read or is not UTF-8 (then every line must be checked on its own). A line whose
   * message contains the needle contains it in its raw text too, but for escapes and colour codes
   * (HIDING_BYTES): lines holding those are always included.
   */
  linesContaining(b: StoredBlock, needle: string): Set<number> | null {
    const f = this.file(b.fileId);
    const k = b.block;
    if ((f.info?.encoding ?? 'utf-8') !== 'utf-8' || !this.loadSpan(b)) return null;
    const { base, buf } = this.span!;
    const want = Buffer.from(needle);
    const out = new Set<number>();
    // Where the needle or a hiding byte occurs, then which lines those bytes belong to. Byte i is
    // char i of the Latin-1 reading, and /i folds ASCII letters as LIKE does (and a few Latin-1
    // ones more: extra candidates only, each checked on its parsed message).
    const hits: number[] = [];
    const re = new RegExp(escapeRe(want.toString('latin1')), 'gi');
    const text = buf.toString('latin1');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      hits.push(m.index);
      re.lastIndex = m.index + 1;
    }
    // A backslash (JSON escapes) or ESC (colour codes the parsers strip) may hide a match: such lines are always checked.
    for (const hidden of HIDING_BYTES) for (let at = buf.indexOf(hidden); at >= 0; at = buf.indexOf(hidden, at + 1)) hits.push(at);
    for (const at of hits) {
      const i = lineAt(k.offset, k.n, base + at);
      if (i >= 0 && base + at + (HIDING_BYTES.includes(buf[at]!) ? 1 : want.length) <= k.offset[i]! + k.length[i]!) out.add(i);
    }
    return out;
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

  /**
   * Reads a block's span of its file at once, so that its lines are then sliced from memory instead
   * of read one by one (a pread per line cost more than parsing it); false when it cannot.
   */
  loadSpan(b: StoredBlock): boolean {
    const f = this.file(b.fileId);
    const k = b.block;
    if (f.fd === null || k.n === 0) return false;
    const base = k.offset[0]!;
    const sp = this.span;
    if (sp && sp.fileId === b.fileId && sp.base === base) return true;
    const span = k.offset[k.n - 1]! + k.length[k.n - 1]! - base;
    if (span > MAX_SPAN) return false;
    const buf = Buffer.allocUnsafe(span);
    try {
      if (readSync(f.fd, buf, 0, span, base) < span) return false;
    } catch {
      return false;
    }
    this.span = { fileId: b.fileId, base, buf };
    return true;
  }

  /** Line `i` of a block's message alone (what a text filter reads): no fields, no row. */
  message(b: StoredBlock, i: number): string {
    const k = b.block;
    const text = this.text(b.fileId, k.offset[i]!, k.length[i]!);
    if (text === null) return UNREADABLE;
    const r = this.parse(b.fileId, text, k.line[i]!, k.offset[i]!, k.length[i]!);
    return clipMessage(r ? r.message : text);
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

/** Bytes after which a message may differ from its raw text: `\` (JSON escapes) and ESC (ANSI colours). */
const HIDING_BYTES = [0x5c, 0x1b];

/** A block's span of file read at once for a raw-text scan; larger spans (rows of note in between) are read line by line. */
const MAX_SPAN = 16 << 20;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The last line starting at or before byte `pos` (offsets ascend), or -1. */
function lineAt(offsets: Float64Array, n: number, pos: number): number {
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
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
