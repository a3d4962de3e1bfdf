/**
 * Lines that continue a record: stack traces (Go, Java, Python), Go panics and goroutine dumps,
 * wrapped message lines. In a plain file every line without a time stamp continues the record
 * before it; where every line carries its own wrapper (compose column, Docker, CRI) only these
 * shapes do, and other lines are records of their own.
 */
const SHAPES = [
  /^[ \t]/, // indented: frames, wrapped text, pretty-printed bodies
  /^goroutine \d{1,10} \[/,
  /^(?:panic|fatal error): /,
  /^\[(?:signal|recovered)\b/,
  /^created by /,
  /^Traceback \(most recent call last\):/,
  /^(?:Caused by|Suppressed): /,
  /^\.\.\. ?\d+ (?:more|common frames omitted)/,
  /^exit status \d{1,3}$/,
  /^(?:During handling of the above exception|The above exception was the direct cause)/,
  // zap's `stacktrace` lines name functions without arguments: `main.failures`, `runtime.main`.
  /^[a-z][\w-]{0,100}(?:\/[\w.-]{1,100}){0,20}\.(?:\(\*?\w{1,100}\)\.)?[\w$]{1,100}(?:\.[\w$]{1,100})?$/,
];

/**
 * A Go traceback function line: `main.main()`, `log.(*Logger).Panicf(0x6f0154?, {…})`,
 * `net/http.(*conn).serve(0xc000…)`. Checked by hand: the argument list is the last `(` before the
 * first space, the name before it has no spaces and a dot.
 */
export function isGoFuncLine(text: string): boolean {
  if (text.length > 2000 || text.charCodeAt(text.length - 1) !== 0x29) return false;
  const c = text.charCodeAt(0);
  if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return false;
  const sp = text.indexOf(' ');
  const open = text.lastIndexOf('(', sp < 0 ? text.length : sp);
  if (open <= 0) return false;
  const name = text.slice(0, open);
  return name.includes('.') && !/[\s"':,]/.test(name);
}

export function isContinuationShaped(text: string): boolean {
  if (text === '') return true;
  for (const re of SHAPES) if (re.test(text)) return true;
  return isGoFuncLine(text);
}

const PANIC = /^(panic|fatal error): (.{0,4000})/;
/** `ValueError: x`, `java.lang.IllegalStateException: x`, `psycopg2.OperationalError: x`. */
const EXCEPTION = /^([A-Za-z_][\w.$]{0,160}(?:Error|Exception|Exit|Interrupt|Fault|Failure))(?:: (.{0,4000}))?$/;

export interface ContinuationNote {
  panic?: { type: string; message: string };
  exception?: { type: string; message: string };
  traceback?: boolean;
}

/** What a continuation line says about its record (a panic, an exception, a Python traceback start). */
export function noteOf(text: string): ContinuationNote | null {
  const c = text.charCodeAt(0);
  if (c === 0x70 || c === 0x66) {
    const p = PANIC.exec(text);
    if (p) return { panic: { type: p[1]!, message: p[2]! } };
  }
  if (c === 0x54 && text.startsWith('Traceback (most recent call last):')) return { traceback: true };
  if (c === 0x20 || c === 0x09) return null;
  const e = EXCEPTION.exec(text);
  if (e) return { exception: { type: e[1]!, message: e[2] ?? '' } };
  return null;
}
