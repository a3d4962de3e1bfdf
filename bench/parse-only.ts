// Scratch: parse one file in this thread (no worker, no SQLite) to time the parser + encoder alone.
import { createReadStream } from 'node:fs';
import { PARSERS } from '../parsers';
import { SIGNATURES } from '../engine/signatures';
import { LineSplitter } from '../engine/ingest/lines';
import { createParser } from '../engine/ingest/parse-context';
import { BatchEncoder } from '../engine/ingest/prepared-log';
import type { LogRecord } from '../parsers/types';

const file = process.argv[2]!;
const mode = process.argv[3] ?? 'full';
const idx = PARSERS.findIndex((p) => p.kind === 'java-log');
const matchers = SIGNATURES.filter((s) => s.match);
const out = new BatchEncoder();
let n = 0;
const emit = (rec: { type: string }) => { n++; if (mode === 'full') { if (rec.type === 'log') out.log(rec as LogRecord, matchers); else out.other(rec); } };
const parser = createParser(PARSERS[idx]!, file, emit);
const split = new LineSplitter({ encoding: 'utf-8', bom: 0 }, (t, no, off, len) => { if (mode !== 'split') parser.line(t, no, off, len); });
const t0 = performance.now();
let batches = 0;
for await (const c of createReadStream(file, { highWaterMark: 65536 })) { split.push(c as Buffer); if (mode === 'full') { out.take(); batches++; } }
split.end(); parser.end();
console.log(mode, ((performance.now() - t0) / 1000).toFixed(2), 's', n, 'records');
