/**
 * An ordinary line read back from its file must be the row it would have been: on every sample, each
 * line kept in a block, read through the store, has the message, thread, logger, fields, level, kind,
 * pid and place in the file that parsing the whole file gives that record.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import type { LogRecord } from '../../parsers/types';
import { detectEncoding, LineSplitter, type TextEncoding } from '../ingest/lines';
import { ingestBundle } from '../ingest/ingest';
import { createParser } from '../ingest/parse-context';
import { SIGNATURES } from '../signatures';
import { Store } from '.';
import { clipMessage } from './events';
import { allEvents } from './testing/all-events';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

/** Every log record of a file, parsed in one pass as ingest parses it, by first line. */
function parseWhole(path: string, kind: string, encoding: string, name: string): Map<number, LogRecord> {
  const parser = PARSERS.find((p) => p.kind === kind)!;
  const out = new Map<number, LogRecord>();
  const sink = createParser(parser, name, (r) => {
    if (r.type === 'log') out.set((r as LogRecord).line, r as LogRecord);
  });
  const buf = readFileSync(path);
  const split = new LineSplitter({ encoding: encoding as TextEncoding, bom: detectEncoding(buf.subarray(0, 4)).bom }, (t, no, off, len) => sink.line(t, no, off, len));
  split.push(buf);
  split.end();
  sink.end();
  return out;
}

describe('ordinary lines read back from their files', () => {
  const samples = readdirSync(SAMPLES).filter((d) => existsSync(join(SAMPLES, d, 'bundle')));

  it.each(samples)('%s: every line kept in a block reads back as the record parsing gave', async (name) => {
    const store = Store.open(':memory:');
    // Archive members are read back from the content cache, as in the app.
    const cache = mkdtempSync(join(tmpdir(), 'rl-lines-'));
    const r = await ingestBundle(store, join(SAMPLES, name, 'bundle'), { parsers: PARSERS, signatures: SIGNATURES, contentRoot: cache });
    const lines = allEvents(store).filter((e) => e.message === null);
    const byFile = new Map<number, number[]>();
    for (const e of lines) byFile.set(e.file_id, [...(byFile.get(e.file_id) ?? []), e.id]);
    for (const [fileId, ids] of byFile) {
      const f = store.files.get(fileId)!;
      const parsed = parseWhole(f.content_path!, f.kind, f.encoding!, f.path);
      for (const row of store.events.byIds(ids)) {
        const want = parsed.get(row.line)!;
        expect(want, `${f.path}:${row.line}`).toBeDefined();
        const fields = Object.keys(want.fields).length > 0 ? JSON.stringify(want.fields) : null;
        expect(
          { message: row.message, thread: row.thread, logger: row.logger, fields: row.fields, level: row.level, kind: row.kind, pid: row.pid, end: row.end_line, offset: row.offset, length: row.length },
          `${f.path}:${row.line}`,
        ).toEqual({
          message: clipMessage(want.message), thread: want.thread ?? null, logger: want.logger ?? null, fields, level: want.level, kind: want.kind, pid: want.pid ?? null,
          end: want.endLine, offset: want.offset, length: want.length,
        });
      }
    }
    expect(r.bundle.id).toBeGreaterThan(0);
    store.close();
    rmSync(cache, { recursive: true, force: true });
  });

  it('the samples keep most of their lines in blocks (the test above is not vacuous)', async () => {
    const store = Store.open(':memory:');
    await ingestBundle(store, join(SAMPLES, 'incident-3-hikari-starvation', 'bundle'), { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
    const all = allEvents(store);
    expect(all.filter((e) => e.message === null).length).toBeGreaterThan(all.length / 4);
    store.close();
  });
});

describe('a file whose text is not kept', () => {
  it('keeps every record as a row (an archive member read without a content cache)', async () => {
    const { zipBuffer } = await import('../bundle/__fixtures__/build');
    const log = Array.from({ length: 200 }, (_, i) => `2026-11-22 04:00:${String(i % 60).padStart(2, '0')}.000  INFO 7 --- [main] c.e.App : line ${i}`).join('\n') + '\n';
    const dir = mkdtempSync(join(tmpdir(), 'rl-zip-'));
    writeFileSync(join(dir, 'b.zip'), await zipBuffer([{ name: 'logs/app.log', data: Buffer.from(log) }]));
    for (const [contentRoot, blocks] of [[null, 0], [mkdtempSync(join(tmpdir(), 'rl-cache-')), 200]] as const) {
      const store = Store.open(':memory:');
      await ingestBundle(store, join(dir, 'b.zip'), { parsers: PARSERS, signatures: SIGNATURES, contentRoot });
      const lines = (store.db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM line_blocks').get() as { n: number }).n;
      expect([contentRoot === null ? 'no cache' : 'cache', lines]).toEqual([contentRoot === null ? 'no cache' : 'cache', blocks]);
      expect(store.events.count(1)).toBe(200);
      expect(store.events.byIds([5])[0]!.message).toBe('line 4');
      store.close();
    }
  });
});

describe('ordinary lines of a UTF-16 log', () => {
  it('read back from the file with their own encoding (byte offsets, two-byte line ends)', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `2026-11-22 04:00:${String(i % 60).padStart(2, '0')}.000  INFO 7 --- [main] c.e.App : 주문 ${i} 처리됨 café`);
    const dir = mkdtempSync(join(tmpdir(), 'rl-utf16-'));
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'app.log'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')]));
    const store = Store.open(':memory:');
    await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
    const ids = allEvents(store).filter((e) => e.message === null).map((e) => e.id);
    expect(ids.length).toBe(50);
    expect(store.events.byIds(ids).map((r) => r.message)).toEqual(lines.map((_, i) => `주문 ${i} 처리됨 café`));
    store.close();
  });
});
