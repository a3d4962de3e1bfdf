/** Whitespace-separated tokens with their positions: column-aligned tables are parsed by position. */

export interface Token {
  text: string;
  /** Index of the first character. */
  start: number;
  /** Index one past the last character. */
  end: number;
}

/** Split on spaces and tabs in one pass (no regex: whole-system lsof has 100k rows). */
export function tokenize(line: string, max = Infinity): Token[] {
  const out: Token[] = [];
  const n = line.length;
  let i = 0;
  while (i < n && out.length < max) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    const s = i;
    while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
    out.push({ text: line.slice(s, i), start: s, end: i });
  }
  return out;
}

export function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
