import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '.';
import { TQ, type NewEvent } from './events';
import { BLOCK_LINES, idOf } from './line-block-codec';
import { UNREADABLE } from './line-rows';

function setup(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-blocks-'));
  const path = join(dir, 'app.log');
  writeFileSync(path, text);
  const store = Store.open(':memory:');
  store.db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
  store.db
    .prepare("INSERT INTO files (id, bundle_id, path, kind, status, encoding, content_path, size) VALUES (1, 1, 'app.log', 'java-log', 'parsed', 'utf-8', ?, ?)")
    .run(path, Buffer.byteLength(text));
  return { store, path };
}

const line = (i: number) => `2026-11-22 04:00:${String(i % 60).padStart(2, '0')}.000  INFO 7 --- [main] c.e.App : line ${i}`;

/** Stores `n` lines: every tenth a row, the others in blocks, ids in line order. */
function store(n: number) {
  const lines = Array.from({ length: n }, (_, i) => line(i + 1));
  const text = lines.join('\n') + '\n';
  const s = setup(text);
  const writer = s.store.eventWriter();
  const blocks = s.store.lineBlockWriter(1);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const len = Buffer.byteLength(lines[i]!) + 1;
    const e: NewEvent = {
      file_id: 1, ts: Date.UTC(2026, 10, 22, 4, 0, 0) + i * 10, tq: TQ.assumed, level: 30, pid: 7, thread: null, logger: null, kind: null, message: '', fields: null,
      line: i + 1, end_line: i + 1, offset, length: len,
    };
    if (i % 10 === 0) writer.add({ ...e, message: `line ${i + 1}`, thread: 'main', logger: 'c.e.App' });
    else blocks.add(writer.reserve(e), e, null);
    offset += len;
  }
  writer.flush();
  blocks.flush();
  return s;
}

describe('line blocks', () => {
  it('keep every ordinary line with its reserved id, in blocks of at most BLOCK_LINES, and give them back as rows', () => {
    const { store: st } = store(BLOCK_LINES + 500);
    const blocks = [...st.lineBlocks.ofFile(1)];
    expect(blocks.length).toBe(2);
    expect(blocks.reduce((n, b) => n + b.block.n, 0)).toBe(BLOCK_LINES + 500 - Math.ceil((BLOCK_LINES + 500) / 10));
    expect(st.events.count(1)).toBe(BLOCK_LINES + 500);
    const rows = st.events.byIds([2, 11, 3000]);
    expect(rows.map((r) => [r.id, r.line, r.message, r.thread, r.level])).toEqual([
      [2, 2, 'line 2', 'main', 30],
      [11, 11, 'line 11', 'main', 30],
      [3000, 3000, 'line 3000', 'main', 30],
    ]);
    expect(idOf(blocks[1]!.block, 0)).toBeGreaterThan(idOf(blocks[0]!.block, blocks[0]!.block.n - 1));
  });

  it('answer the record at a line, and the time at a line, from rows or lines, whichever is later', () => {
    const { store: st } = store(50);
    expect(st.events.atLine(1, 25)?.message).toBe('line 25');
    expect(st.events.atLine(1, 21)?.message).toBe('line 21');
    expect(st.events.timesInLineOrder(1).length).toBe(50);
    expect(Array.from(st.events.timesInLineOrder(1).lines)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('move with the zone when a zone-less file is placed, rows and lines alike', () => {
    const { store: st } = store(30);
    const before = st.events.byIds([1, 2]).map((r) => r.ts!);
    st.events.convertAssumed(1, (t) => t - 9 * 3_600_000);
    expect(st.events.byIds([1, 2]).map((r) => r.ts!)).toEqual(before.map((t) => t - 9 * 3_600_000));
    // A zone with two offsets over the file: the per-line path.
    st.events.convertAssumed(1, (t) => (t % 20 === 0 ? t + 1000 : t + 2000));
    const after = st.events.byIds([1, 2]).map((r) => r.ts!);
    expect(after[1]! - (before[1]! - 9 * 3_600_000)).toBe((before[1]! - 9 * 3_600_000) % 20 === 0 ? 1000 : 2000);
  });

  it('say a line is unreadable rather than show another text when the file was replaced by a shorter one', () => {
    const { store: st, path } = store(30);
    writeFileSync(path, 'rotated\n');
    expect(st.events.byIds([2])[0]!.message).toBe(UNREADABLE);
  });
});
