/**
 * The window in the route (`#/b/<ref>/timeline?from=<ms>&to=<ms>`), so a link from the Overview or
 * a finding lands on a range, and the address bar always holds the range on screen.
 */
import type { TimeWindow } from './scale';

/** A time parameter: UTC ms, or an ISO-8601 time (`2026-11-22T04:18:21Z`); null when absent or unreadable. */
export function parseTime(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v.trim() === '') return null;
  const s = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? Math.floor(n) : null;
  }
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

/** `from` and `to` of the route; a lone `from` (or `at`) opens a minute around it; null without a usable range. */
export function windowFromParams(p: URLSearchParams): TimeWindow | null {
  const from = parseTime(p.get('from'));
  const to = parseTime(p.get('to'));
  if (from !== null && to !== null) return to > from ? { from, to } : to < from ? { from: to, to: from } : { from: from - 30_000, to: from + 30_000 };
  const at = from ?? to ?? parseTime(p.get('at'));
  return at === null ? null : { from: at - 30_000, to: at + 30_000 };
}

/** The route parameters for a window (whole ms), keeping the route's other parameters. */
export function windowParams(w: TimeWindow, keep?: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  keep?.forEach((v, k) => {
    if (k !== 'from' && k !== 'to' && k !== 'at') out[k] = v;
  });
  out.from = String(Math.floor(w.from));
  out.to = String(Math.ceil(w.to));
  return out;
}
