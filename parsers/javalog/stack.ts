/**
 * Stack-trace lines: frames (`\tat …`, `    at …`), `... 42 more`, `Caused by:`, `Suppressed:` and
 * exception lines (`java.sql.SQLException: msg`). Cheap first-character checks, no backtracking.
 */
import type { ExceptionInfo } from '../hikari/kinds';

const isWs = (c: number) => c === 32 || c === 9;

function firstNonWs(text: string): number {
  let i = 0;
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** `\tat pkg.Cls.m(File.java:1)` or `... 42 more` / `... 3 common frames omitted`. */
export function isFrameLine(text: string): boolean {
  const i = firstNonWs(text);
  const c = text.charCodeAt(i);
  if (c === 97 /* a */) return text.startsWith('at ', i);
  if (c === 46 /* . */) return text.startsWith('... ', i);
  return false;
}

const EXCEPTION_NAME = /(?:Exception|Error|Throwable|Failure|Fault|Death)$/;
const MAX_MESSAGE = 2000;

/**
 * `pkg.Type: message` (optionally after `Exception in thread "x" `) → type and message; null when
 * the text does not start with a qualified exception class name.
 */
export function exceptionOf(text: string): ExceptionInfo | null {
  let i = firstNonWs(text);
  if (text.startsWith('Exception in thread "', i)) {
    const q = text.indexOf('" ', i + 21);
    if (q < 0) return null;
    i = q + 2;
  }
  const c = text.charCodeAt(i);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return null;
  let j = i;
  let dots = 0;
  for (; j < text.length; j++) {
    const k = text.charCodeAt(j);
    if (k === 46) dots++;
    else if (!((k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k === 95 || k === 36)) break;
  }
  if (dots === 0 || j - i > 250) return null;
  const type = text.slice(i, j);
  if (type.endsWith('.') || !EXCEPTION_NAME.test(type)) return null;
  if (j === text.length) return { type };
  if (text.charCodeAt(j) !== 58 /* : */) return null;
  const message = text.slice(j + 1).trim();
  return message ? { type, message: message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE) : message } : { type };
}

/** `Caused by: pkg.Type: message` (also logback's `Wrapped by:`) → the cause; null otherwise. */
export function causeOf(text: string): ExceptionInfo | null {
  const i = firstNonWs(text);
  if (text.charCodeAt(i) === 67 && text.startsWith('Caused by: ', i)) return exceptionOf(text.slice(i + 11));
  if (text.charCodeAt(i) === 87 && text.startsWith('Wrapped by: ', i)) return exceptionOf(text.slice(i + 12));
  return null;
}

/** A top-level exception line (not indented, not a cause): the start of a new pasted trace. */
export function isTopLevelException(text: string): boolean {
  const c = text.charCodeAt(0);
  return !isWs(c) && exceptionOf(text) !== null;
}
