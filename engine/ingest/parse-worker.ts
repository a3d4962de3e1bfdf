/**
 * Worker thread body: splits one file's bytes into lines, parses them and prepares the log records
 * (prepared-log.ts), while the thread that owns SQLite stores what it posts back. Files come one at
 * a time: `open`, `chunk`…, `end`. Loaded through parse-worker.mjs; the protocol is parse-pipe.ts's.
 */
import { parentPort } from 'node:worker_threads';
import { PARSERS } from '../../parsers';
import type { LogRecord } from '../../parsers/types';
import { SIGNATURES } from '../signatures';
import { LINE_INDEX_STEP, LineSplitter } from './lines';
import { createParser } from './parse-context';
import { BatchEncoder } from './prepared-log';
import type { FromParser, ToParser } from './parse-pipe';

const post = (m: FromParser) => parentPort!.postMessage(m);

interface Open {
  splitter: LineSplitter;
  parser: { line(t: string, no: number, off: number, len: number): void; end(): void };
  readonly out: BatchEncoder;
  lines: number;
  readonly checkpoints: [number, number][];
  failed: boolean;
}

let file: Open | null = null;

function flush(acked: number): void {
  if (!file) return;
  const batch = file.out.take();
  // postMessage copies synchronously: the checkpoints can be emptied and refilled right after.
  parentPort!.postMessage({ type: 'out', batch, lines: file.lines, checkpoints: file.checkpoints, acked } satisfies FromParser, [batch.nums.buffer as ArrayBuffer, batch.lens.buffer as ArrayBuffer]);
  file.checkpoints.length = 0;
}

function fail(e: unknown): void {
  if (!file || file.failed) return;
  file.failed = true;
  flush(0);
  post({ type: 'failed', message: (e as Error)?.message ?? String(e), lines: file.lines });
}

parentPort!.on('message', (m: ToParser) => {
  if (m.type === 'open') {
    const matchers = SIGNATURES.filter((s) => s.match && m.matchers.includes(s.id));
    const out = new BatchEncoder(m.keepLines);
    const emit = (rec: { type: string }) => (rec.type === 'log' ? out.log(rec as LogRecord, matchers) : out.other(rec));
    const parser = createParser(PARSERS[m.parser]!, m.fileName, emit);
    const state: Open = {
      out, parser, lines: 0, checkpoints: [], failed: false,
      splitter: new LineSplitter(m.encoding, (t, no, off, len) => {
        state.lines = no;
        if (no % LINE_INDEX_STEP === 1 && no > 1) state.checkpoints.push([no, off]);
        parser.line(t, no, off, len);
      }),
    };
    file = state;
    return;
  }
  if (!file) return;
  if (m.type === 'chunk') {
    if (!file.failed) {
      try {
        file.splitter.push(Buffer.from(m.buf));
      } catch (e) {
        fail(e);
      }
    }
    return flush(1);
  }
  // end
  if (!file.failed) {
    try {
      file.splitter.end();
      file.parser.end();
    } catch (e) {
      fail(e);
    }
  }
  if (!file.failed) flush(0);
  post({ type: 'ended' });
  file = null;
});
