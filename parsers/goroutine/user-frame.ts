/**
 * The frame a goroutine group is about: its top user frame, the first frame outside the runtime and
 * the standard library (`main.(*broker).publish`, `github.com/x/y.(*Client).loop`). A goroutine whose
 * stack is all Go's own (net/http's `persistConn.readLoop`, the HTTP server's `conn.serve`) is about
 * the function it was started in: its deepest frame that is not the runtime's (the runtime's own
 * goroutines: their deepest frame but `runtime.goexit`). The same goroutine
 * has the same top user frame in a pprof debug=1 profile (runtime frames hidden), a debug=2 dump and a
 * SIGQUIT trace (runtime frames and `runtime.goexit` shown), where its exact stack differs.
 */
import { funcPackage } from './lines';
import type { GoFrame } from './model';
import { isRuntimeFrame, isStdFrame } from './stdlib';

/**
 * The closure Go 1.22+ compiles `go f(x)` / `defer f(x)` into (`main.main.gowrap4`,
 * `runtime.gcenable.gowrap1`). A SIGQUIT trace prints it under the started function; pprof debug=1
 * and debug=2 hide it (wrappers): it is never what a goroutine is about.
 */
const GO_WRAPPER = /\.(?:go|defer)wrap\d+$/;

export function userFrame(frames: readonly GoFrame[]): GoFrame | undefined {
  const own = frames.filter((f) => !GO_WRAPPER.test(f.func));
  for (const f of own) if (!isStdFrame(f) && !isRuntimeFrame(f) && f.pkg !== '') return f;
  for (let i = own.length - 1; i >= 0; i--) if (!isRuntimeFrame(own[i]!)) return own[i];
  // The runtime's own goroutines (GC workers, the finalizer, the scavenger) are about their loop.
  for (let i = own.length - 1; i >= 0; i--) if (own[i]!.func !== 'runtime.goexit') return own[i];
  return frames[0];
}

/** A frame as the store keeps it: `func file:line` (see engine/ingest/rows/dump-rows.ts). */
export function parseStoredFrame(s: string): GoFrame {
  const sp = s.indexOf(' ');
  const func = sp < 0 ? s : s.slice(0, sp);
  const loc = sp < 0 ? '' : s.slice(sp + 1);
  const colon = loc.lastIndexOf(':');
  const lineNo = colon > 0 ? Number(loc.slice(colon + 1)) : 0;
  return { func, pkg: funcPackage(func), file: colon > 0 ? loc.slice(0, colon) : loc, lineNo: Number.isFinite(lineNo) ? lineNo : 0 };
}

/** The top user frame of stored frames, as stored (`func file:line`); '?' for an empty stack. */
export function storedUserFrame(frames: readonly string[]): string {
  const parsed = frames.map(parseStoredFrame);
  const f = userFrame(parsed);
  return f ? frames[parsed.indexOf(f)]! : '?';
}

/** The function of a stored frame or `created by` (`main.main.func1 /x/main.go:66` → `main.main.func1`). */
export function storedFunc(frame: string | null | undefined): string {
  if (!frame) return '';
  const sp = frame.indexOf(' ');
  return sp < 0 ? frame : frame.slice(0, sp);
}
