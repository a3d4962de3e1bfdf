/**
 * The timeline's reads over ordinary lines (line blocks), answering as `events` rows would: the
 * same (ts, id) keys, levels, kinds, text and id filters, merged by timeline-queries.ts with the rows.
 */
import { BLOCK_KINDS, idOf, LINE_LEVEL_BELOW, type LineBlock } from './line-block-codec';
import type { LineBlockRepo, StoredBlock } from './line-blocks';
import { LineReader } from './line-rows';
import type { DB } from './open';
import type { EventKey, EventPredicate, KeyBound, Partition } from './timeline-queries';

/** SQLite's `LIKE … ESCAPE '\'`: `%` any run, `_` one character, ASCII case folded. */
export function likeToRegExp(like: string): RegExp {
  let src = '';
  for (let i = 0; i < like.length; i++) {
    const c = like[i]!;
    if (c === '\\' && i + 1 < like.length) src += escapeRe(like[++i]!);
    else if (c === '%') src += '[\\s\\S]*';
    else if (c === '_') src += '[\\s\\S]';
    else if (/[a-zA-Z]/.test(c)) src += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else src += escapeRe(c);
  }
  return new RegExp(`^${src}$`);
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** SQLite's LIKE as a test: a plain `%text%` by substring on ASCII-folded text (the timeline's filter), else by regular expression. */
export function likeTester(like: string): (s: string) => boolean {
  const inner = like.length >= 2 && like.startsWith('%') && like.endsWith('%') ? like.slice(1, -1) : null;
  const literal = inner !== null ? longestLiteral(inner) : null;
  if (inner !== null && literal !== null && literal.length === inner.replace(/\\(.)/g, '$1').length && !/(^|[^\\])[%_]/.test(inner)) {
    const needle = asciiLower(literal);
    return (s) => asciiLower(s).includes(needle);
  }
  const re = likeToRegExp(like);
  return (s) => re.test(s);
}

const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** The longest run of literal characters in a LIKE pattern (escapes resolved), or null when none. */
export function longestLiteral(like: string): string | null {
  let best = '';
  let cur = '';
  for (let i = 0; i < like.length; i++) {
    const c = like[i]!;
    if (c === '\\' && i + 1 < like.length) cur += like[++i]!;
    else if (c === '%' || c === '_') {
      if (cur.length > best.length) best = cur;
      cur = '';
    } else cur += c;
  }
  if (cur.length > best.length) best = cur;
  return best.length > 0 ? best : null;
}

/** Which lines of a block pass the partitions' levels and the predicate. */
class LineFilter {
  private readonly levels: Set<number>;
  private readonly kinds: Set<number> | null;
  private readonly like: ((message: string) => boolean) | null;
  private readonly ids: Set<number> | null;
  readonly pattern: string | null;
  private reader: LineReader | null = null;
  /** The needle every match contains (the longest literal run of the LIKE pattern, unescaped). */
  private readonly needle: string | null;
  /** Lines of the last block read whose raw text holds the needle (null: check every line). */
  private candidates: { blockId: number; lines: Set<number> | null } | null = null;

  constructor(private readonly db: DB, parts: readonly Partition[], p: EventPredicate, private readonly known: LikeVerdicts) {
    this.levels = new Set(parts.map((x) => x.level));
    this.kinds = p.kinds === null ? null : new Set(p.kinds.map((k) => (BLOCK_KINDS as readonly (string | null)[]).indexOf(k)).filter((c) => c >= 0));
    this.like = p.like === null ? null : likeTester(p.like);
    this.ids = p.eventIds === null ? null : new Set(p.eventIds);
    this.needle = p.like === null ? null : longestLiteral(p.like);
    this.pattern = p.like;
  }

  /** Whether a block can hold any line that passes (kinds and ids are known without reading lines). */
  get possible(): boolean {
    // Partitions are by level (-1: none); a filter for warnings and worse never reads a block.
    const levelOk = [...this.levels].some((l) => l < LINE_LEVEL_BELOW);
    return levelOk && (this.kinds === null || this.kinds.size > 0) && (this.ids === null || this.ids.size > 0);
  }

  passes(s: StoredBlock, i: number): boolean {
    const b = s.block;
    if (!this.levels.has(b.level[i]! - 1)) return false;
    // A kind filter matches no line without a kind (`kind IN (…)` is never true of NULL).
    if (this.kinds !== null && (b.kind[i] === 0 || !this.kinds.has(b.kind[i]!))) return false;
    if (this.ids !== null && !this.ids.has(idOf(b, i))) return false;
    if (this.like !== null) {
      this.reader ??= new LineReader(this.db);
      const verdicts = this.known.of(this.pattern!, s);
      if (verdicts[i] === 0) {
        if (this.candidates?.blockId !== s.id) this.candidates = { blockId: s.id, lines: this.needle ? this.reader.linesContaining(s, this.needle) : null };
        verdicts[i] = this.candidates.lines && !this.candidates.lines.has(i) ? NO : this.like(this.reader.message(s, i)) ? YES : NO;
      }
      if (verdicts[i] === NO) return false;
    }
    return true;
  }

  close(): void {
    this.reader?.close();
  }
}

const inFiles = (parts: readonly Partition[]) => [...new Set(parts.map((x) => x.fileId))];
const NO = 1;
const YES = 2;
/** Blocks whose verdicts are kept: about 16M lines, 16 MB at most. */
const MAX_KNOWN_BLOCKS = 4096;

/**
 * Which lines matched a text filter, kept per block for the last pattern: a window's page and its
 * counts read the same lines, and paging, zooming or scrolling with the same text read them again;
 * parsing a line again is the cost of a text filter over ordinary lines. (A connection's blocks do
 * not change once ingested: a re-ingest writes a new database file.)
 */
class LikeVerdicts {
  private pattern: string | null = null;
  private blocks = new Map<number, Uint8Array>();

  /** The verdicts of a block's lines for `pattern` (0 unknown, NO, YES). */
  of(pattern: string, s: StoredBlock): Uint8Array {
    if (pattern !== this.pattern || this.blocks.size >= MAX_KNOWN_BLOCKS) {
      this.pattern = pattern;
      this.blocks = new Map();
    }
    let v = this.blocks.get(s.id);
    if (!v) this.blocks.set(s.id, (v = new Uint8Array(s.block.n)));
    return v;
  }
}

export class TimelineLines {
  private readonly known = new LikeVerdicts();

  constructor(private readonly db: DB, private readonly blocks: LineBlockRepo) {}

  /** [ts, level] of every ordinary line of the partitions in [from, to) that passes `p`. */
  levels(parts: readonly Partition[], from: number, to: number, p: EventPredicate): [number, number][] {
    const out: [number, number][] = [];
    const f = new LineFilter(this.db, parts, p, this.known);
    try {
      if (!f.possible) return out;
      for (const s of this.blocks.inWindow(inFiles(parts), from, to)) {
        const b = s.block;
        for (let i = 0; i < b.n; i++) {
          const t = b.ts[i]!;
          if (t >= from && t < to && f.passes(s, i)) out.push([t, b.level[i]! - 1]);
        }
      }
    } finally {
      f.close();
    }
    return out;
  }

  /**
   * The first `limit` ordinary lines after `after` and before `to` in (ts, id) order. Blocks are read
   * by their earliest time and reading stops once the next block starts after the page's last key.
   */
  keys(parts: readonly Partition[], after: KeyBound, to: number, limit: number, p: EventPredicate): EventKey[] {
    if (parts.length === 0 || limit <= 0) return [];
    const f = new LineFilter(this.db, parts, p, this.known);
    try {
      if (!f.possible) return [];
      let keys: EventKey[] = [];
      /** The page's last key so far, once the page is full. */
      let cut: EventKey | null = null;
      for (const bound of this.blocks.bounds(inFiles(parts), after.ts, to)) {
        if (cut && bound.minTs > cut.ts) break;
        const s = this.blocks.byId(bound.id);
        if (!s) continue;
        const b: LineBlock = s.block;
        for (let i = 0; i < b.n; i++) {
          const t = b.ts[i]!;
          if (!(t < to) || t < after.ts) continue;
          const id = idOf(b, i);
          if (t === after.ts && id <= after.id) continue;
          if (cut && (t > cut.ts || (t === cut.ts && id > cut.id))) continue;
          if (!f.passes(s, i)) continue;
          keys.push({ ts: t, id });
        }
        if (keys.length >= limit) {
          keys = top(keys, limit);
          cut = keys[limit - 1]!;
        }
      }
      return top(keys, limit);
    } finally {
      f.close();
    }
  }
}

function top(keys: EventKey[], limit: number): EventKey[] {
  return keys.sort((a, b) => a.ts - b.ts || a.id - b.id).slice(0, limit);
}
