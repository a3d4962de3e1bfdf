/** Time helpers shared by the overview, guide and annotations views (pure; every time is UTC ms). */

/** A duration as people say it: "850 ms", "4.2 s", "1 min 15 s", "2 h 5 min". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 9.95) return `${s.toFixed(1)} s`;
  const totalS = Math.round(s);
  if (totalS < 60) return `${totalS} s`;
  const m = Math.floor(totalS / 60);
  const rest = totalS - m * 60;
  if (m < 60) return rest ? `${m} min ${rest} s` : `${m} min`;
  const h = Math.floor(m / 60);
  const mm = m - h * 60;
  if (h < 48) return mm ? `${h} h ${mm} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const hh = h - d * 24;
  return hh ? `${d} d ${hh} h` : `${d} d`;
}

/** Padding around a finding's time range so the timeline shows what came before and after. */
export function contextPad(spanMs: number): number {
  return Math.min(5 * 60_000, Math.max(5_000, Math.round(spanMs * 0.1)));
}

/**
 * The timeline window that shows `first`..`last` with some context (`to` is exclusive, like the
 * engine's timeline query). Null when there is no time to go to.
 */
export function timelineWindow(first: number | null | undefined, last?: number | null): { from: number; to: number } | null {
  if (first === null || first === undefined || !Number.isFinite(first)) return null;
  const end = last !== null && last !== undefined && Number.isFinite(last) && last >= first ? last : first;
  const pad = contextPad(end - first);
  return { from: first - pad, to: end + pad + 1 };
}

/** "04:18:21" when both ends are on the same UTC day as `first`, else the full date; used in compact ranges. */
export function utcRange(first: number | null, last: number | null): string {
  if (first === null) return 'no time';
  const a = new Date(first).toISOString();
  const day = a.slice(0, 10);
  const start = `${day} ${a.slice(11, 19)}`;
  if (last === null || last === first) return `${start} UTC`;
  const b = new Date(last).toISOString();
  const end = b.slice(0, 10) === day ? b.slice(11, 19) : `${b.slice(0, 10)} ${b.slice(11, 19)}`;
  return `${start} → ${end} UTC`;
}
