/** Small pieces the cause rules share: who wrote an item, time relations, counting and evidence. */
import type { EvidenceRef } from '../../model/evidence';
import { plural } from '../../signatures/findings-from-hits';
import { evidenceOfItem } from '../diagnose';
import { CALL_TIMEOUTS } from '../../signatures/log/call-timeouts';
import { HTTP_5XX_BURST } from '../../signatures/log/http-5xx-burst';
import { SLOW_RESPONSES } from '../../signatures/log/slow-responses';
import type { Item, Link, Window } from '../types';
import { STRENGTH } from '../types';
import { windowAt, windowBefore } from '../time';

/**
 * What a frozen or failing process shows right after it resumes: its queued work fails or completes
 * within seconds (incident 3: every consequence within the second after the resume).
 */
export const AFTER_MS = 5_000;

/** Requests as their users or callers saw them fail or crawl: symptoms any cause that slowed the service explains. */
export function isFailedRequest(it: Item): boolean {
  return it.sig === SLOW_RESPONSES || it.sig === HTTP_5XX_BURST || it.sig === CALL_TIMEOUTS;
}

/** The sources (files and processes) a set of items came from. */
export interface Sources {
  files: Set<number>;
  processes: Set<string>;
}

export function sourcesOf(items: readonly Item[]): Sources {
  return {
    files: new Set(items.map((it) => it.occ.fileId)),
    processes: new Set(items.map((it) => it.occ.process).filter((p): p is string => !!p)),
  };
}

export function fromSource(it: Item, s: Sources): boolean {
  return s.files.has(it.occ.fileId) || (!!it.occ.process && s.processes.has(it.occ.process));
}

/** Inside a window of the cause in its own process (`inside`), or right after one (`after`); null otherwise. */
export function timeLink(it: Item, windows: readonly Window[], s: Sources, what: string): Link | null {
  if (!fromSource(it, s)) return null;
  const t = it.occ.lineTs ?? it.occ.ts;
  if (windowAt(t, windows)) return { strength: STRENGTH.inside, reason: `it happened during ${what}` };
  if (windowBefore(t, windows, AFTER_MS)) return { strength: STRENGTH.after, reason: `it surfaced right after ${what}` };
  return null;
}

/** Evidence from items: the first `max`, each with a note. */
export function cite(items: readonly Item[], max: number, note?: (it: Item) => string): EvidenceRef[] {
  return items.slice(0, max).map((it) => evidenceOfItem(it, note?.(it)));
}

/** Spread evidence over a long list: first, middle and last pieces. */
export function citeSpread(items: readonly Item[], max: number, note?: (it: Item) => string): EvidenceRef[] {
  if (items.length <= max) return cite(items, max, note);
  const picks = new Set<number>([0, items.length - 1]);
  for (let i = 1; picks.size < max; i++) picks.add(Math.round((i * (items.length - 1)) / (max - 1)));
  return [...picks].sort((a, b) => a - b).map((i) => evidenceOfItem(items[i]!, note?.(items[i]!)));
}

export const n = plural;

/** Windows from items' spans (ts → end), merged when they touch. */
export function spans(items: readonly Item[]): Window[] {
  const ws: Window[] = [];
  for (const it of items) {
    const a = it.occ.ts;
    const b = it.occ.end ?? it.occ.ts;
    if (a !== null && b !== null) ws.push({ from: Math.min(a, b), to: Math.max(a, b) });
  }
  ws.sort((x, y) => x.from - y.from);
  const out: Window[] = [];
  for (const w of ws) {
    const last = out.at(-1);
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else out.push({ ...w });
  }
  return out;
}

/** Does the chain of this item's error say any of these? */
export function chainSays(it: Item, re: RegExp): string | null {
  for (const c of it.occ.chain ?? []) if (re.test(c)) return c;
  return null;
}

/** "It explains idle-connections-closed and pool-saturation: consequences, not causes." */
export function explainsLine(explained: readonly { cause: string }[]): string {
  const ids = explained.map((e) => e.cause);
  const list = ids.length > 1 ? `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}` : ids[0];
  return `It explains ${list}: ${ids.length > 1 ? 'they are consequences' : 'a consequence'}, not ${ids.length > 1 ? 'causes' : 'a cause'}.`;
}

/** An error message to quote: its first sentence, or its first 120 characters at a word boundary. */
export function firstSentence(text: string): string {
  const end = text.search(/\.\s/);
  if (end > 0 && end < 160) return text.slice(0, end + 1);
  if (text.length <= 120) return text;
  const cut = text.lastIndexOf(' ', 120);
  return `${text.slice(0, cut > 60 ? cut : 120)}…`;
}
