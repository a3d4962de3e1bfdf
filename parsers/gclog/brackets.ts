/**
 * Bracket and parenthesis scanning for GC records. JDK 8 nests generations inside the record
 * (`[GC (Allocation Failure) [PSYoungGen: …] 1024K->600K(4096K), 0.01 secs]`) and causes may hold
 * parentheses (`(System.gc())`), so regexes alone cannot find the record's own numbers.
 */

export interface OuterBracket {
  /** Text directly inside the first top-level `[…]`, nested brackets removed. */
  text: string;
  /** False when the record's bracket never closes (a cut record, or one continued on later lines). */
  closed: boolean;
  /** Bracket depth at the end of the text (0 when balanced). */
  depth: number;
}

export function outerBracket(s: string): OuterBracket | null {
  const start = s.indexOf('[');
  if (start < 0) return null;
  let depth = 0;
  let text = '';
  let closed = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '[') {
      depth++;
      continue;
    }
    if (c === ']') {
      depth--;
      if (depth === 0) {
        closed = true;
        break;
      }
      continue;
    }
    if (depth === 1) text += c;
  }
  return { text, closed, depth: closed ? 0 : depth };
}

/** Open-bracket count of a whole record text (> 0 when it continues on later lines). */
export function bracketDepth(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93 && depth > 0) depth--;
  }
  return depth;
}

/** `(G1 Evacuation Pause) (young), 0.01 secs` → groups `['G1 Evacuation Pause', 'young']`, parentheses nested inside kept. */
export function parenGroups(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') {
      if (depth > 0) cur += c;
      depth++;
    } else if (c === ')') {
      if (depth === 0) break;
      depth--;
      if (depth === 0) {
        out.push(cur.trim());
        cur = '';
      } else cur += c;
    } else if (depth > 0) cur += c;
    else if (c !== ' ') break; // groups end at the first text outside parentheses
  }
  return out;
}
