import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { detectEncoding, LineSplitter, MAX_LINE_BYTES } from './lines';

function split(bytes: Buffer, chunkSize: number) {
  const out: { text: string; no: number; offset: number; len: number }[] = [];
  const s = new LineSplitter(detectEncoding(bytes.subarray(0, 65536)), (text, no, offset, len) => out.push({ text, no, offset, len }));
  for (let i = 0; i < bytes.length; i += chunkSize) s.push(bytes.subarray(i, i + chunkSize));
  s.end();
  return { out, stats: s.stats };
}

describe('LineSplitter', () => {
  it('gives every line its number and raw byte offset, whatever the chunking (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 30 }), fc.integer({ min: 1, max: 17 }), fc.boolean(), (lines, chunk, crlf) => {
        const nl = crlf ? '\r\n' : '\n';
        const bytes = Buffer.from(lines.map((l) => l + nl).join(''), 'utf8');
        const { out } = split(bytes, chunk);
        expect(out.map((o) => o.text)).toEqual(lines);
        for (const o of out) {
          // The offset points at the line's bytes in the raw file.
          expect(bytes.toString('utf8', o.offset, o.offset + o.len).replace(/\r$/, '')).toBe(o.text);
        }
      }),
    );
  });

  it('emits a last line without terminator and handles CRLF', () => {
    const { out } = split(Buffer.from('a\r\nbb\r\nccc'), 4);
    expect(out).toEqual([
      { text: 'a', no: 1, offset: 0, len: 2 },
      { text: 'bb', no: 2, offset: 3, len: 3 },
      { text: 'ccc', no: 3, offset: 7, len: 3 },
    ]);
  });

  it('reads non-UTF-8 bytes as windows-1252 instead of failing', () => {
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x6f, 0x6b, 0x0a]);
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
    expect(split(bytes, 3).out.map((o) => o.text)).toEqual(['café', 'ok']);
  });

  it('decodes UTF-16LE with a BOM and keeps offsets in raw bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Proto Local\r\nTCP 0.0.0.0:80\r\n', 'utf-16le')]);
    const { out } = split(bytes, 5);
    expect(out.map((o) => o.text)).toEqual(['Proto Local', 'TCP 0.0.0.0:80']);
    expect(out[0]!.offset).toBe(2);
    expect(out[1]!.offset).toBe(2 + ('Proto Local\r\n'.length * 2));
  });

  it('cuts an over-long line but keeps counting bytes for the next offsets', () => {
    const long = Buffer.alloc(MAX_LINE_BYTES + 100, 0x61);
    const bytes = Buffer.concat([long, Buffer.from('\nnext\n')]);
    const { out, stats } = split(bytes, 64 * 1024);
    expect(out).toHaveLength(2);
    expect(out[0]!.text.length).toBe(MAX_LINE_BYTES);
    expect(out[1]).toEqual({ text: 'next', no: 2, offset: MAX_LINE_BYTES + 101, len: 4 });
    expect(stats.truncatedLines).toBe(1);
  });
});
