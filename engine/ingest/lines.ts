/**
 * Splits a byte stream into decoded lines with 1-based numbers and raw byte offsets, so that a
 * record can be read back from the file later. Chunked `indexOf` on Buffers: no readline, no
 * whole-file reads.
 */
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip at the start of the file. */
  bom: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** BOM first; then strict UTF-8 over the head; anything else is read as windows-1252. */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // A chunk boundary may cut a multi-byte character: drop an incomplete sequence at the very end.
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = head[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte, keep looking for the lead byte
    if (b >= 0xc0) end -= back; // lead byte of a possibly incomplete sequence
    break;
  }
  try {
    strictUtf8.decode(head.subarray(0, end));
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** A byte-offset checkpoint every this many lines (see migration 004). */
export const LINE_INDEX_STEP = 1000;

export type LineCallback = (text: string, lineNo: number, offset: number, byteLength: number) => void;

export interface SplitterStats {
  lines: number;
  bytes: number;
  truncatedLines: number;
}

/** Lines longer than this are cut (the rest of the line is skipped, offsets stay exact). */
export const MAX_LINE_BYTES = 1 << 20;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflow = false;
  private offset = 0;
  private lineNo = 0;
  private skipBom: number;
  readonly stats: SplitterStats = { lines: 0, bytes: 0, truncatedLines: 0 };
  private readonly nlWidth: number;

  constructor(private readonly enc: DetectedEncoding, private readonly onLine: LineCallback) {
    this.skipBom = enc.bom;
    this.nlWidth = enc.encoding.startsWith('utf-16') ? 2 : 1;
  }

  push(chunk: Buffer): void {
    this.stats.bytes += chunk.length;
    let buf = chunk;
    if (this.skipBom > 0) {
      const n = Math.min(this.skipBom, buf.length);
      buf = buf.subarray(n);
      this.offset += n;
      this.skipBom -= n;
    }
    if (this.nlWidth === 2) {
      // Keep UTF-16 code units aligned across chunks.
      const all = this.pendingBytes > 0 ? Buffer.concat([...this.pending, buf]) : buf;
      this.pending = [];
      this.pendingBytes = 0;
      this.scan16(all);
      return;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl === -1) break;
      this.finishLine(buf, start, nl);
      start = nl + 1;
    }
    if (start < buf.length) this.hold(buf.subarray(start));
  }

  end(): void {
    if (this.pendingBytes > 0 || this.overflow) {
      const line = Buffer.concat(this.pending);
      this.pending = [];
      this.emit(line, 0, line.length, 0);
    }
  }

  private hold(part: Buffer): void {
    if (this.overflow) {
      this.pendingBytes += part.length;
      return;
    }
    if (this.pendingBytes + part.length > MAX_LINE_BYTES) {
      const keep = MAX_LINE_BYTES - this.pendingBytes;
      this.pending.push(Buffer.from(part.subarray(0, keep)));
      this.pendingBytes += part.length;
      this.overflow = true;
      return;
    }
    // Copy: the chunk's memory may be reused by the stream.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }

  private finishLine(buf: Buffer, start: number, nl: number): void {
    if (this.pendingBytes > 0 || this.overflow) {
      this.hold(buf.subarray(start, nl));
      const total = this.pendingBytes;
      const line = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingBytes = 0;
      this.emitWithLength(line, total);
      return;
    }
    this.emit(buf, start, nl, this.nlWidth);
  }

  private emitWithLength(line: Buffer, rawBytes: number): void {
    const truncated = this.overflow;
    this.overflow = false;
    if (truncated) this.stats.truncatedLines++;
    const text = this.decode(line, 0, line.length);
    this.lineNo++;
    this.stats.lines++;
    this.onLine(text, this.lineNo, this.offset, rawBytes);
    this.offset += rawBytes + this.nlWidth;
  }

  private emit(buf: Buffer, start: number, end: number, terminator: number): void {
    if (this.overflow) {
      this.emitWithLength(buf.subarray(start, end), this.pendingBytes);
      this.pendingBytes = 0;
      return;
    }
    const text = this.decode(buf, start, end);
    this.lineNo++;
    this.stats.lines++;
    this.onLine(text, this.lineNo, this.offset, end - start);
    this.offset += end - start + terminator;
  }

  private decode(buf: Buffer, start: number, end: number): string {
    let e = end;
    const cr = this.nlWidth === 2 ? this.crAt16(buf, start, e) : e > start && buf[e - 1] === 13;
    if (cr) e -= this.nlWidth;
    switch (this.enc.encoding) {
      case 'utf-8':
        return buf.toString('utf8', start, e);
      case 'windows-1252':
        return iconv.decode(buf.subarray(start, e), 'win1252');
      default:
        return iconv.decode(buf.subarray(start, e), this.enc.encoding);
    }
  }

  private crAt16(buf: Buffer, start: number, end: number): boolean {
    if (end - start < 2) return false;
    return this.enc.encoding === 'utf-16le'
      ? buf[end - 2] === 13 && buf[end - 1] === 0
      : buf[end - 2] === 0 && buf[end - 1] === 13;
  }

  private scan16(buf: Buffer): void {
    const le = this.enc.encoding === 'utf-16le';
    let start = 0;
    for (let i = 0; i + 1 < buf.length; i += 2) {
      const isNl = le ? buf[i] === 10 && buf[i + 1] === 0 : buf[i] === 0 && buf[i + 1] === 10;
      if (!isNl) continue;
      this.emit(buf, start, i, 2);
      start = i + 2;
    }
    if (start < buf.length) {
      this.pending.push(Buffer.from(buf.subarray(start)));
      this.pendingBytes = buf.length - start;
    }
  }
}
