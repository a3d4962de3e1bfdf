/**
 * Folds the indented lines pino-pretty prints under a header back into a log object:
 *   `    reqId: 2`                      scalar property (JSON-stringified by pino-pretty)
 *   `    req: {` … `    }`              object property, pretty JSON indented by 4
 *   `    err: {` … `"stack":` + lines   error property: pino-pretty unquotes the stack onto its own
 *                                       lines, 4 deeper than `"stack":`, and drops the comma after it
 *   `    Error: boom` + `        at …`  pino ≤ 6 `logger.error(err)` (lib/utils/prettify-error-log.js)
 * Blocks cut short (a truncated paste) fall back to reading the scalar keys line by line.
 */
import type { Obj } from './interpret';
import { parseErrorLine } from './node-error';

const MAX_BLOCK_LINES = 2000;
const KEY_VALUE = /^"([^"\\]{1,200})": ?(.*)$/;

function indentOf(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09) i++;
  return i;
}

/** A property value as pino-pretty prints it (JSON.stringify'd) → the value; unparseable text stays text. */
export function prettyScalar(raw: string): unknown {
  const v = raw.trim();
  if (v === '') return '';
  const c = v.charCodeAt(0);
  if (c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39) || v === 'true' || v === 'false' || v === 'null') {
    try {
      return JSON.parse(v);
    } catch {
      // pino-pretty unescapes `\\` to `\`, which breaks JSON strings holding Windows paths.
      if (c === 0x22 && v.length > 1 && v.endsWith('"')) return v.slice(1, -1).replace(/\\(["\\/])/g, '$1');
      return v;
    }
  }
  return v;
}

/** Re-quote the unquoted stack lines under `"stack":` so the block is JSON again. */
function requoteStacks(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.trim();
    if (t !== '"stack":') {
      out.push(l);
      continue;
    }
    const ind = indentOf(l);
    const stack: string[] = [];
    let j = i + 1;
    while (j < lines.length && indentOf(lines[j]!) > ind) {
      const s = lines[j]!;
      stack.push(s.slice(Math.min(indentOf(s), ind + 4)));
      j++;
    }
    const next = lines[j]?.trim() ?? '';
    const comma = next !== '' && next[0] !== '}' && next[0] !== ']';
    out.push(`${' '.repeat(ind)}"stack": ${JSON.stringify(stack.join('\n'))}${comma ? ',' : ''}`);
    i = j - 1;
  }
  return out;
}

/** The scalar keys of a block that is not valid JSON (truncated, or backslashes unescaped by pino-pretty). */
function salvage(lines: readonly string[]): Obj {
  const out: Obj = {};
  let depth = 0;
  let parent = '';
  for (const l of lines) {
    const t = l.trim();
    if (t === '') continue;
    const c = t[0];
    if (c === '}' || c === ']') {
      depth--;
      continue;
    }
    if (depth === 0) {
      if (c === '{') depth = 1;
      continue;
    }
    const m = KEY_VALUE.exec(t);
    if (!m) continue;
    let v = m[2]!;
    if (v.endsWith(',')) v = v.slice(0, -1);
    const opens = v === '{' || v === '[';
    if (depth === 1) {
      if (opens) parent = m[1]!;
      else out[m[1]!] = prettyScalar(v);
    } else if (depth === 2 && parent === 'headers' && m[1] === 'host') {
      out.headers = { host: prettyScalar(v) };
    }
    if (opens) depth++;
  }
  return out;
}

/** A block's lines (first `{`/`[`, last the closing bracket unless cut) → its value. */
export function parseBlock(lines: readonly string[]): unknown {
  const fixed = lines.some((l) => l.trim() === '"stack":') ? requoteStacks(lines) : lines;
  try {
    return JSON.parse(fixed.join('\n'));
  } catch {
    return lines[0]?.trim() === '[' ? [] : salvage(fixed);
  }
}

export interface PrettyErrorText {
  type: string;
  message: string;
  code?: string;
  stack: string[];
}

/** The indented body of one pino-pretty record. */
export class PrettyBody {
  readonly props: Obj = {};
  errorText: PrettyErrorText | null = null;
  private block: { key: string; lines: string[] } | null = null;

  /** One continuation line, indentation relative to the header line. */
  add(line: string): void {
    const rel = indentOf(line);
    if (this.block) {
      const t = line.trim();
      if (rel <= 4 && (t[0] === '}' || t[0] === ']')) {
        this.block.lines.push(t);
        this.closeBlock();
      } else if (this.block.lines.length < MAX_BLOCK_LINES) this.block.lines.push(line.slice(Math.min(rel, 4)));
      return;
    }
    if (rel === 4) {
      const t = line.slice(4);
      const colon = t.indexOf(':');
      if (colon <= 0) return;
      const key = t.slice(0, colon);
      const value = t.slice(colon + 1).trim();
      const c = key.charCodeAt(0);
      if (!this.errorText && c >= 0x41 && c <= 0x5a && value[0] !== '{') {
        const e = parseErrorLine(t);
        if (e) {
          this.errorText = { ...e, stack: [t] };
          return;
        }
      }
      if (value === '{' || value === '[') this.block = { key, lines: [value] };
      else if (key !== '__proto__') this.props[key] = prettyScalar(value);
      return;
    }
    if (rel > 4 && this.errorText && this.errorText.stack.length < 50) this.errorText.stack.push(line.slice(4));
  }

  private closeBlock(): void {
    const b = this.block!;
    this.block = null;
    if (b.key !== '__proto__') this.props[b.key] = parseBlock(b.lines);
  }

  /** Close a block the input cut short. */
  finish(): void {
    if (this.block) this.closeBlock();
  }
}
