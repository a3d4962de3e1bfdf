/**
 * logfmt, as logrus' text formatter (without a TTY), slog's TextHandler, go-kit and Heroku print it:
 * `time="2026-11-22T02:55:30Z" level=error msg="cannot reach database" error="dial tcp …"`.
 * A single linear scan; quoted values keep Go's escapes (`\"`, `\\`, `\n`).
 */

export interface LogfmtPair {
  key: string;
  value: string;
}

export interface Logfmt {
  pairs: LogfmtPair[];
  /** Words without `=` (logfmt allows them; many are a sign this is not logfmt). */
  bare: number;
}

const MAX_PAIRS = 64;

function isKeyChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d || c === 0x40 || c === 0x2f;
}

export function parseLogfmt(text: string): Logfmt {
  const pairs: LogfmtPair[] = [];
  let bare = 0;
  let i = 0;
  const n = text.length;
  while (i < n && pairs.length < MAX_PAIRS) {
    while (i < n && text.charCodeAt(i) === 0x20) i++;
    if (i >= n) break;
    const k0 = i;
    while (i < n && isKeyChar(text.charCodeAt(i))) i++;
    const key = text.slice(k0, i);
    if (key === '' || text.charCodeAt(i) !== 0x3d /* = */) {
      bare++;
      while (i < n && text.charCodeAt(i) !== 0x20) i++;
      continue;
    }
    i++; // '='
    if (text.charCodeAt(i) === 0x22 /* " */) {
      i++;
      let out = '';
      let seg = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 0x22) break;
        if (c === 0x5c && i + 1 < n) {
          out += text.slice(seg, i);
          const e = text[i + 1]!;
          out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
          seg = i;
          continue;
        }
        i++;
      }
      out += text.slice(seg, i);
      if (i < n) i++; // closing quote
      pairs.push({ key, value: out });
    } else {
      const v0 = i;
      while (i < n && text.charCodeAt(i) !== 0x20) i++;
      pairs.push({ key, value: text.slice(v0, i) });
    }
  }
  return { pairs, bare };
}

/** Does the line start like logfmt (`time=`, `ts=`, `level=`, `lvl=`, `t=`)? Cheap pre-check. */
export function startsLikeLogfmt(text: string): boolean {
  return /^(?:time|ts|t|timestamp|level|lvl|severity)=\S/.test(text);
}
