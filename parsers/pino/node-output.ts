/**
 * What Node itself writes to the same stream as pino: the crash report of an uncaught exception
 * (lib/internal/process/execution.js prints `file:line`, the source line, a caret, a blank line,
 * then the stack, `Emitted 'error' event at:`, the error's own properties and `Node.js vX`),
 * V8's fatal out-of-memory report, process warnings `(node:PID) XWarning: …`, and error stacks
 * printed with console.error.
 */
import type { NodeErrFields } from './fields';
import { applyInspectProp, capStack, parseErrorLine, withParsedMessage } from './node-error';

export type NodeOutputKind = 'crash' | 'warning' | 'error';

/** `events.js:174`, `node:events:491`, `/app/dist/server.js:42`, `file:///app/index.mjs:10`, `C:\app\x.js:3`. */
const LOCATION = /^(?:node:[\w/]{1,80}|internal\/[\w/.]{1,120}|(?:file:\/\/)?(?:[A-Za-z]:)?[^\s:]{1,400}\.(?:[cm]?js|jsx|tsx?)):\d{1,7}$/;
const WARNING = /^\(node:(\d{1,10})\) (?:\[([\w-]{1,40})\] )?([A-Z]\w{0,60}Warning): (.*)$/;

/** Does this unindented line start Node's own output? */
export function nodeOutputStart(line: string): NodeOutputKind | null {
  if (line.startsWith('FATAL ERROR: ') || line.startsWith('<--- Last few GCs --->')) return 'crash';
  if (line.length < 500 && LOCATION.test(line)) return 'crash';
  if (line.startsWith('(node:') && WARNING.test(line)) return 'warning';
  if (parseErrorLine(line)) return 'error';
  return null;
}

const FRAME = /^\s+at /;

/** Accumulates one block of Node output; `result()` types it once the block ends. */
export class NodeOutputBlock {
  private err: NodeErrFields | null = null;
  private readonly stack: string[] = [];
  private warning: { type: string; code?: string; message: string } | null = null;
  private fatal: string | null = null;
  pid: number | undefined;
  /** Set once the trailing `Node.js v18.12.0` line was seen: nothing of the crash follows it. */
  done = false;
  private lines = 0;

  constructor(readonly kind: NodeOutputKind, first: string) {
    this.take(first);
  }

  /** Whether an unindented line continues this block (source, caret and frames are indented). */
  accepts(line: string): boolean {
    if (this.done) return false;
    if (line === '}' || line.startsWith('Emitted \'error\' event') || /^Node\.js v\d/.test(line)) return true;
    if (line.startsWith('[cause]') || line.startsWith('Caused by')) return true;
    if (this.kind === 'warning') return line.startsWith('(Use `node --trace-');
    // After V8's `FATAL ERROR:` come its native stack (`10: 0x7f90fbeda476 …`) and the abort.
    if (this.fatal !== null) return /^(?:\d{1,3}: |-{3,} |<--- |Aborted)/.test(line);
    // Before the error line (or V8's FATAL ERROR) a crash report may print anything: the source
    // line, the OOM report's GC trace; bounded so a stray location-like line cannot swallow a file.
    return this.kind === 'crash' && !this.err && this.fatal === null && this.lines < 40;
  }

  /** Fold one line (indented or accepted) into the block. */
  take(line: string): void {
    this.lines++;
    if (line.startsWith('FATAL ERROR: ')) {
      this.fatal = line.slice('FATAL ERROR: '.length);
      return;
    }
    if (/^Node\.js v\d/.test(line)) {
      this.done = true;
      return;
    }
    const w = this.kind === 'warning' && !this.warning ? WARNING.exec(line) : null;
    if (w) {
      this.pid = Number(w[1]);
      this.warning = { type: w[3]!, message: w[4]! };
      if (w[2]) this.warning.code = w[2];
      // `UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED …` carries the error.
      const inner = parseErrorLine(w[4]!);
      if (inner) this.setErr(inner.type, inner.message, inner.code, w[4]!);
      return;
    }
    if (FRAME.test(line)) {
      if (this.stack.length < 60) this.stack.push(line);
      return;
    }
    if (this.err && applyInspectProp(this.err, line)) return;
    if (!this.err && this.kind !== 'warning' && line.charCodeAt(0) !== 0x20) {
      const e = parseErrorLine(line);
      if (e) this.setErr(e.type, e.message, e.code, line);
      else if (line.startsWith('[UnhandledPromiseRejection: ')) this.setErr('UnhandledPromiseRejection', line.slice(28).replace(/\].*$/, ''), 'ERR_UNHANDLED_REJECTION', line);
    }
  }

  private setErr(type: string, message: string, code: string | undefined, head: string): void {
    this.err = { type, message };
    if (code) this.err.code = code;
    this.stack.length = 0;
    this.stack.push(head);
  }

  /** The typed error, the fatal V8 message, the warning — whatever the block held. */
  result(): { err: NodeErrFields | null; fatal: string | null; warning: { type: string; code?: string; message: string } | null } {
    let err = this.err;
    if (err) {
      err = withParsedMessage({ ...err });
      if (this.stack.length > 0) err.stack = capStack(this.stack.join('\n'));
    }
    return { err, fatal: this.fatal, warning: this.warning };
  }
}
