/**
 * Snippets the UI can render safely: plain text plus highlight ranges (UTF-16 offsets into that
 * text), never markup. FTS5's highlight() marks matches with two marker characters; we pick
 * markers that occur in none of the messages on the page, so reading them back is unambiguous
 * whatever the log text contains.
 */

export interface Snippet {
  /** The message, or a window of it around the first match when it is long. */
  text: string;
  /** [start, end) offsets into `text`, sorted, not overlapping. */
  highlights: Array<[start: number, end: number]>;
  /** Text was cut before `text` starts / after it ends (the UI shows an ellipsis). */
  clippedStart: boolean;
  clippedEnd: boolean;
}

export const SNIPPET_CHARS = 240;
/** How much text to keep before the first match when clipping. */
const LEAD = 60;

/** Two private-use characters that occur in none of `texts` (a page of messages always leaves some free). */
export function chooseMarkers(texts: readonly string[]): [open: string, close: string] {
  const free: string[] = [];
  for (let c = 0xe000; c <= 0xf8ff && free.length < 2; c++) {
    const ch = String.fromCharCode(c);
    if (!texts.some((t) => t.includes(ch))) free.push(ch);
  }
  if (free.length < 2) throw new Error('no free marker characters'); // needs > 6000 distinct private-use chars on one page
  return [free[0]!, free[1]!];
}

/** Reads highlight() output back into text and ranges. */
export function parseMarked(marked: string, open: string, close: string): { text: string; highlights: Array<[number, number]> } {
  let text = '';
  const highlights: Array<[number, number]> = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === open) start = text.length;
    else if (ch === close) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return { text, highlights: mergeRanges(highlights) };
}

export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive occurrences of the needles (for matches found by the LIKE fallback). */
export function findRanges(text: string, needles: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (const m of text.matchAll(new RegExp(escapeRegExp(needle), 'giu'))) ranges.push([m.index, m.index + m[0].length]);
  }
  return mergeRanges(ranges);
}

/** Keeps from a low surrogate's partner: never cut a character in two. */
function safeCut(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return at > 0 && at < text.length && c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}

/** A window of at most `max` characters around the first highlight, ranges shifted and clipped to it. */
export function clipSnippet(text: string, highlights: Array<[number, number]>, max = SNIPPET_CHARS): Snippet {
  if (text.length <= max) return { text, highlights, clippedStart: false, clippedEnd: false };
  const first = highlights[0]?.[0] ?? 0;
  const start = safeCut(text, Math.max(0, Math.min(first - LEAD, text.length - max)));
  const end = safeCut(text, Math.min(text.length, start + max));
  const shifted = highlights
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) - start, Math.min(e, end) - start]);
  return { text: text.slice(start, end), highlights: shifted, clippedStart: start > 0, clippedEnd: end < text.length };
}
