/**
 * Where a line stops being valid JSON. `JSON.parse` messages differ between Node versions and some
 * carry no position, so skipped-line reasons (`invalid JSON at column 17`) come from this scanner.
 * It runs only on lines that already failed to parse; iterative, so deep nesting cannot overflow.
 */

const enum State {
  Value,
  Key,
  After,
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Index just past a JSON string starting at `i` (a quote), or -(errorIndex + 1). */
function scanString(s: string, i: number): number {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -(j + 1);
    if (c === 0x5c) {
      const e = s.charCodeAt(j + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) if (!isHex(s.charCodeAt(j + k))) return -(Math.min(j + k, n) + 1);
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        j += 2;
        continue;
      }
      return -(Math.min(j + 1, n) + 1);
    }
    j++;
  }
  return -(n + 1);
}

/** Index just past a JSON number starting at `i`, or -(errorIndex + 1). */
function scanNumber(s: string, i: number): number {
  let j = i;
  if (s.charCodeAt(j) === 0x2d) j++;
  if (s.charCodeAt(j) === 0x30) j++;
  else if (isDigit(s.charCodeAt(j))) while (isDigit(s.charCodeAt(j))) j++;
  else return -(j + 1);
  if (s.charCodeAt(j) === 0x2e) {
    j++;
    if (!isDigit(s.charCodeAt(j))) return -(j + 1);
    while (isDigit(s.charCodeAt(j))) j++;
  }
  const e = s.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    j++;
    const sign = s.charCodeAt(j);
    if (sign === 0x2b || sign === 0x2d) j++;
    if (!isDigit(s.charCodeAt(j))) return -(j + 1);
    while (isDigit(s.charCodeAt(j))) j++;
  }
  return j;
}

function scanWord(s: string, i: number, word: string): number {
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(i + k) !== word.charCodeAt(k)) return -(Math.min(i + k, s.length) + 1);
  return i + word.length;
}

/**
 * 0-based index of the first character that makes `s` invalid JSON; `s.length` when the text ends
 * too early (a truncated line); -1 when `s` is valid.
 */
export function jsonErrorIndex(s: string): number {
  const n = s.length;
  const stack: number[] = []; // 0 object, 1 array
  let state = State.Value;
  let i = 0;
  for (;;) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (state === State.After && stack.length === 0) return i < n ? i : -1;
    if (i >= n) return n;
    const c = s.charCodeAt(i);
    if (state === State.Value) {
      let next: number;
      if (c === 0x7b) {
        stack.push(0);
        i++;
        while (i < n && isWs(s.charCodeAt(i))) i++;
        if (s.charCodeAt(i) === 0x7d) {
          stack.pop();
          i++;
          state = State.After;
        } else state = State.Key;
        continue;
      }
      if (c === 0x5b) {
        stack.push(1);
        i++;
        while (i < n && isWs(s.charCodeAt(i))) i++;
        if (s.charCodeAt(i) === 0x5d) {
          stack.pop();
          i++;
          state = State.After;
        }
        continue;
      }
      if (c === 0x22) next = scanString(s, i);
      else if (c === 0x2d || isDigit(c)) next = scanNumber(s, i);
      else if (c === 0x74) next = scanWord(s, i, 'true');
      else if (c === 0x66) next = scanWord(s, i, 'false');
      else if (c === 0x6e) next = scanWord(s, i, 'null');
      else return i;
      if (next < 0) return -next - 1;
      i = next;
      state = State.After;
      continue;
    }
    if (state === State.Key) {
      if (c !== 0x22) return i;
      const next = scanString(s, i);
      if (next < 0) return -next - 1;
      i = next;
      while (i < n && isWs(s.charCodeAt(i))) i++;
      if (i >= n) return n;
      if (s.charCodeAt(i) !== 0x3a) return i;
      i++;
      state = State.Value;
      continue;
    }
    // After a value inside a container.
    const top = stack[stack.length - 1];
    if (c === 0x2c) {
      i++;
      state = top === 0 ? State.Key : State.Value;
      continue;
    }
    if ((top === 0 && c === 0x7d) || (top === 1 && c === 0x5d)) {
      stack.pop();
      i++;
      continue;
    }
    return i;
  }
}
