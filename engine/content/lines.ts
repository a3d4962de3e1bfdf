/**
 * Reads a range of lines from a bundle file of any size: seek to the nearest stored checkpoint,
 * then split forward. Used by evidence excerpts and the file viewer.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { detectEncoding, LineSplitter, type TextEncoding } from '../ingest/lines';
import type { Store } from '../store';

export interface TextLine {
  line: number;
  text: string;
}

/** Lines at most this many per call, so one request cannot pull a whole file into memory. */
export const MAX_LINES_PER_READ = 5000;
const CHUNK = 64 * 1024;

export function readLines(store: Store, fileId: number, from: number, to: number): TextLine[] {
  const file = store.files.get(fileId);
  if (!file?.content_path || !file.encoding) return [];
  const first = Math.max(1, from);
  const last = Math.min(to, first + MAX_LINES_PER_READ - 1);
  if (last < first) return [];
  const cp = store.files.checkpoint(fileId, first);
  let fd: number;
  try {
    fd = openSync(file.content_path, 'r');
  } catch {
    return []; // the file moved or was removed since ingest: nothing to show, nothing to fail
  }
  const out: TextLine[] = [];
  try {
    let lineNo = cp.line - 1;
    let done = false;
    const buf = Buffer.alloc(CHUNK);
    let pos = cp.offset;
    const head = cp.offset === 0 ? Buffer.alloc(4) : null;
    if (head) readSync(fd, head, 0, 4, 0);
    const bom = head ? detectEncoding(head).bom : 0;
    const splitter = new LineSplitter({ encoding: file.encoding as TextEncoding, bom }, (text) => {
      lineNo++;
      if (lineNo >= first && lineNo <= last) out.push({ line: lineNo, text });
      if (lineNo >= last) done = true;
    });
    while (!done) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) {
        splitter.end();
        break;
      }
      pos += n;
      splitter.push(buf.subarray(0, n));
    }
  } catch {
    return out; // the file moved or shrank since ingest: return what could be read
  } finally {
    closeSync(fd);
  }
  return out;
}
