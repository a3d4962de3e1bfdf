/**
 * The code path holding files, from real thread dumps (test/fixtures/corpus/jstack) stored as snapshots: the
 * program's frame below a file call, and nothing for threads that only read standard input or a child's pipe.
 * (The Go side is tested on the file-leak-go dump in fd-growth.test.ts.)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { ingestBundle } from '../../ingest/ingest';
import { Store } from '../../store';
import { SIGNATURES } from '..';
import { fileCodePath } from './fd-code-path';

const CORPUS = new URL('../../../test/fixtures/corpus/jstack/', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function storedDump(fixture: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-fd-code-path-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'dumps'));
  const text = readFileSync(CORPUS + fixture);
  writeFileSync(join(dir, 'dumps', fixture), text);
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  return { store, bundle: r.bundle.id, lines: text.toString('utf8').split('\n') };
}

describe('fileCodePath on thread dumps', () => {
  it("names the program's frame under a RandomAccessFile call (Heritrix / Berkeley DB JE, tda-urlthread)", async () => {
    const { store, bundle, lines } = await storedDump('tda-urlthread.log');
    expect(store.series.dumps(bundle, 'jstack')).toHaveLength(1);
    const c = fileCodePath(store, bundle, 0, true);
    expect(c).toMatchObject({ fn: 'com.sleepycat.je.log.FileManager.readFromFile', at: 'FileManager.java:1108', via: 'java.io.RandomAccessFile.seek', stacks: 'thread', dumps: 1 });
    // The thread's header line: jstack frames interleave `- locked` lines, so the frame's own line is not computed.
    expect(lines[c!.line - 1]).toMatch(/^"ToeThread #\d+: /);
    // A dump of another process says nothing about this one.
    expect(fileCodePath(store, bundle, 0, false)).toBeNull();
  });

  it('finds none where threads only read standard input or a child process through FileInputStream (jthreaddump-deadlock)', async () => {
    const { store, bundle, lines } = await storedDump('jthreaddump-deadlock.txt');
    expect(lines.filter((l) => l.includes('at java.io.FileInputStream.readBytes')).length).toBeGreaterThan(1);
    expect(fileCodePath(store, bundle, 0, true)).toBeNull();
  });
});
