/**
 * Which lines of a file to hold in the editor: the model always has the file's real line count
 * (unloaded lines are empty), and text is loaded in aligned chunks around what is visible, at most
 * `MAX_LINES_PER_CALL` lines per `fileLines` call, and dropped again far from the view so a huge
 * file never sits in memory whole. Pure maths, tested in windowing.test.ts.
 */

export const CHUNK_LINES = 500;
/** The engine's cap (engine/content/lines.ts MAX_LINES_PER_READ). */
export const MAX_LINES_PER_CALL = 5000;
/** Lines loaded before and after the target on first paint. */
export const INITIAL_BEFORE = 1500;
export const INITIAL_AFTER = 2500;
/** Lines kept loaded beyond the visible ones. */
export const MARGIN_LINES = 1000;
/** Chunks held at most (100k lines); past this, the farthest are dropped down to `KEEP_CHUNKS`. */
export const MAX_LOADED_CHUNKS = 200;
export const KEEP_CHUNKS = 160;

export interface LineSpan {
  from: number;
  to: number;
}

export const chunkOf = (line: number): number => Math.floor((Math.max(1, line) - 1) / CHUNK_LINES);
export const chunkSpan = (chunk: number): LineSpan => ({ from: chunk * CHUNK_LINES + 1, to: (chunk + 1) * CHUNK_LINES });

/** A line number from a route parameter: a whole number ≥ 1, else null. */
export function parseLine(v: string | null | undefined): number | null {
  if (v === null || v === undefined || !/^\s*\d+\s*$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/** The requested line and range end, clamped to the file; `end` only when after `line`. */
export function targetRange(line: number | null, end: number | null, total: number): LineSpan | null {
  if (line === null || total < 1) return null;
  const from = Math.min(line, total);
  const to = end !== null && end > from ? Math.min(end, total) : from;
  return { from, to };
}

/** Chunks covering lines `from..to` (clipped to 1..total). */
export function chunksCovering(from: number, to: number, total: number): number[] {
  const a = Math.max(1, Math.min(from, total));
  const b = Math.max(1, Math.min(to, total));
  if (b < a) return [];
  const out: number[] = [];
  for (let c = chunkOf(a); c <= chunkOf(b); c++) out.push(c);
  return out;
}

/** The first window: chunks around the target (or the start of the file), at most one call's worth. */
export function initialSpan(target: number | null, total: number): LineSpan {
  if (target === null) return { from: 1, to: INITIAL_BEFORE + INITIAL_AFTER };
  const t = Math.max(1, Math.min(target, Math.max(total, 1)));
  const from = chunkSpan(chunkOf(t - INITIAL_BEFORE)).from;
  const to = Math.min(chunkSpan(chunkOf(t + INITIAL_AFTER)).to, from + MAX_LINES_PER_CALL - 1);
  return { from, to };
}

/**
 * Line spans to fetch so `needed` chunks are loaded: contiguous runs of chunks neither loaded nor
 * being fetched, each at most one call's worth, nearest to `center` first.
 */
export function missingSpans(needed: readonly number[], loaded: ReadonlySet<number>, pending: ReadonlySet<number>, center = 0): LineSpan[] {
  const perCall = Math.floor(MAX_LINES_PER_CALL / CHUNK_LINES);
  const runs: number[][] = [];
  for (const c of [...needed].sort((a, b) => a - b)) {
    if (loaded.has(c) || pending.has(c)) continue;
    const run = runs.at(-1);
    if (run && run.at(-1) === c - 1 && run.length < perCall) run.push(c);
    else runs.push([c]);
  }
  const centerChunk = chunkOf(center);
  const dist = (run: number[]) => Math.min(...run.map((c) => Math.abs(c - centerChunk)));
  return runs.sort((a, b) => dist(a) - dist(b)).map((run) => ({ from: chunkSpan(run[0]!).from, to: chunkSpan(run.at(-1)!).to }));
}

/** Chunks to drop when more than `max` are loaded: the farthest from the view, down to `keep`. */
export function chunksToEvict(loaded: ReadonlySet<number>, visible: LineSpan, max = MAX_LOADED_CHUNKS, keep = KEEP_CHUNKS): number[] {
  if (loaded.size <= max) return [];
  const lo = chunkOf(visible.from);
  const hi = chunkOf(visible.to);
  const dist = (c: number) => (c < lo ? lo - c : c > hi ? c - hi : 0);
  return [...loaded]
    .filter((c) => dist(c) > 0)
    .sort((a, b) => dist(b) - dist(a) || a - b)
    .slice(0, loaded.size - keep);
}

/** Chunk indexes covered entirely by a loaded span (a partial chunk at the file's end counts when it reaches `total`). */
export function chunksLoadedBy(span: LineSpan, total: number): number[] {
  const out: number[] = [];
  for (let c = chunkOf(span.from); c <= chunkOf(span.to); c++) {
    const s = chunkSpan(c);
    if (s.from >= span.from && (s.to <= span.to || span.to >= total)) out.push(c);
  }
  return out;
}

/** The evidence line before or after `from` (wrapping), for "previous/next evidence". */
export function nextLine(lines: readonly number[], from: number, dir: 1 | -1): number | null {
  if (lines.length === 0) return null;
  const sorted = [...lines].sort((a, b) => a - b);
  if (dir === 1) return sorted.find((l) => l > from) ?? sorted[0]!;
  return [...sorted].reverse().find((l) => l < from) ?? sorted.at(-1)!;
}
