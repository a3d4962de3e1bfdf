import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { ingestBundle } from '../ingest/ingest';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { readLines } from './lines';

async function ingest(name: string, content: string | Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-lines-'));
  writeFileSync(join(dir, name), content);
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: join(dir, '.content') });
  return { store, file: store.files.byPath(r.bundle.id, name)! };
}

describe('readLines', () => {
  it('reads any line range of a large file through the stored checkpoints', async () => {
    const lines = Array.from({ length: 3500 }, (_, i) => `2026-11-22 02:55:${String(i % 60).padStart(2, '0')}.000  INFO 1 --- [main] c.e.App : line ${i + 1} ü`);
    const { store, file } = await ingest('app.log', lines.join('\r\n') + '\r\n');
    expect(store.db.prepare('SELECT line FROM line_index WHERE file_id = ? ORDER BY line').all(file.id)).toEqual([{ line: 1001 }, { line: 2001 }, { line: 3001 }]);
    expect(readLines(store, file.id, 2999, 3002)).toEqual([2999, 3000, 3001, 3002].map((n) => ({ line: n, text: lines[n - 1] })));
    expect(readLines(store, file.id, 1, 2).map((l) => l.text)).toEqual(lines.slice(0, 2));
    expect(readLines(store, file.id, 3499, 4000).map((l) => l.line)).toEqual([3499, 3500]);
  });

  it('reads members of compressed files from their extracted copy', async () => {
    const { gzipSync } = await import('node:zlib');
    const { store, file } = await ingest('lsof-20261122T025530Z.txt.gz', gzipSync('COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\nnode 42 app 12u IPv4 1 0t0 TCP 10.0.0.1:5000->10.0.0.7:9000 (ESTABLISHED)\n'));
    expect(file.kind).toBe('lsof');
    expect(readLines(store, file.id, 2, 2)).toEqual([{ line: 2, text: 'node 42 app 12u IPv4 1 0t0 TCP 10.0.0.1:5000->10.0.0.7:9000 (ESTABLISHED)' }]);
  });
});
