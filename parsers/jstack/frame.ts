/**
 * One stack frame as dumps print it (the text after `at `):
 *   `java.lang.Object.wait(Native Method)`, `Foo.bar(Foo.java:12)`, `Foo.bar(Unknown Source)`,
 *   `jdk.internal.misc.Unsafe.park(java.base@11.0.1/Native Method)` (JDK 9+ jstack),
 *   `java.base@11.0.16/jdk.internal.misc.Unsafe.park(Native Method)` (VisualVM, Throwable, jcmd),
 *   `app//org.foo.Bar.baz(Bar.java:1)` (class-loader prefix),
 *   `Test$$Lambda$1/0x0000000800060840.run(Unknown Source)` (hidden class: the `/` is not a module).
 * Parsing is by index, not by regex, so odd input costs O(length).
 */
import type { Frame } from './model';

/** `name@version` or a plain module/loader name before the first `/`; a hidden class name has `$`. */
function splitPrefix(callee: string): { module?: string; rest: string } {
  const slash = callee.indexOf('/');
  if (slash <= 0) return { rest: callee };
  const prefix = callee.slice(0, slash);
  const rest = callee.slice(slash + 1);
  if (prefix.includes('$') || /^0x[0-9a-f]/i.test(rest)) return { rest: callee };
  if (rest.startsWith('/')) return { rest: rest.slice(1) }; // `app//…`: a class loader, not a module
  if (!/^[\w.-]+(?:@[\w.+-]*)?$/.test(prefix)) return { rest: callee };
  return { module: prefix, rest };
}

export function parseFrame(text: string): Frame {
  const frame: Frame = { text };
  let callee = text;
  if (text.endsWith(')')) {
    const open = text.lastIndexOf('(');
    if (open > 0) {
      callee = text.slice(0, open);
      let loc = text.slice(open + 1, -1);
      const slash = loc.lastIndexOf('/');
      if (slash > 0 && loc.slice(0, slash).includes('@')) {
        frame.module = loc.slice(0, slash);
        loc = loc.slice(slash + 1);
      } else if (slash > 0 && /^[\w.-]+$/.test(loc.slice(0, slash))) {
        frame.module = loc.slice(0, slash); // `java.base/Foo.java:1` (module without version)
        loc = loc.slice(slash + 1);
      }
      if (loc === 'Native Method') frame.native = true;
      else if (loc !== 'Unknown Source' && loc !== 'Compiled Code' && loc !== '') {
        const colon = loc.lastIndexOf(':');
        const n = colon > 0 ? Number(loc.slice(colon + 1)) : NaN;
        if (colon > 0 && Number.isInteger(n) && n >= 0) {
          frame.file = loc.slice(0, colon);
          frame.lineNo = n;
        } else {
          frame.file = loc;
        }
      }
    }
  }
  const { module, rest } = splitPrefix(callee.trim());
  if (module && !frame.module) frame.module = module;
  const dot = rest.lastIndexOf('.');
  if (dot > 0 && dot < rest.length - 1) {
    frame.className = rest.slice(0, dot);
    frame.method = rest.slice(dot + 1);
  }
  return frame;
}

/** `className.method` — the part of a frame that identifies code, without file or module. */
export function frameSymbol(f: Frame): string {
  return f.className && f.method ? `${f.className}.${f.method}` : f.text;
}
