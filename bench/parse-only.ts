/**
 * Times the Java log parser alone on one file, in this thread (no worker, no SQLite): what the parse
 * worker costs per line. `split` only splits lines, `parse` parses them, `full` also prepares and
 * encodes the records as the worker does.
 * Usage: node bench/child.mjs parse-only.ts FILE [split|parse|full]
 */
import { createReadStream } from 'node:fs';
import { PARSERS } from '../parsers';
import type { LogRecord } from '../parsers/types';
import { LineSplitter } from '../engine/ingest/lines';
import { createParser } from '../engine/ingest/parse-context';
import { BatchEncoder } from '../engine/ingest/prepared-log';
import { SIGNATURES } from '../engine/signatures';

const file = process.argv[2]!;
const mode = process.argv[3] ?? 'full';
const matchers = SIGNATURES.filter((s) => s.match);
const out = new BatchEncoder();
let records = 0;
const emit = (rec: { type: string }) => {
  records++;
  if (mode !== 'full') return;
  if (rec.type === 'log') out.log(rec as LogRecord, matchers);
  else out.other(rec);
};
const parser = createParser(PARSERS.find((p) => p.kind === 'java-log')!, file, emit);
const split = new LineSplitter({ encoding: 'utf-8', bom: 0 }, (t, no, off, len) => {
  if (mode !== 'split') parser.line(t, no, off, len);
});
const t0 = performance.now();
for await (const c of createReadStream(file, { highWaterMark: 65536 })) {
  split.push(c as Buffer);
  if (mode === 'full') out.take();
}
split.end();
parser.end();
console.log(`${mode}: ${((performance.now() - t0) / 1000).toFixed(2)} s, ${records} records`);
