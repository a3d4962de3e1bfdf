/**
 * Time ↔ pixel maths of the timeline: one linear scale shared by the axis, the histogram, the lanes
 * and the charts, and the window operations (zoom around a point, pan, fit) with their limits.
 * Every time is UTC ms; a window is [from, to) like the engine's timeline query.
 */

export interface TimeWindow {
  from: number;
  to: number;
}

/** The smallest window the view zooms to (the engine counts to the millisecond; 50 ms still shows a few rows apart). */
export const MIN_SPAN_MS = 50;

export const span = (w: TimeWindow): number => w.to - w.from;

/** Pixel of `ts` in a plot `width` px wide showing `w` (not clamped: off-window times fall outside 0..width). */
export function xOf(w: TimeWindow, width: number, ts: number): number {
  const s = span(w);
  return s <= 0 ? 0 : ((ts - w.from) / s) * width;
}

/** Time at pixel `x`. */
export function tsOf(w: TimeWindow, width: number, x: number): number {
  return width <= 0 ? w.from : w.from + (x / width) * span(w);
}

/** Milliseconds one pixel covers. */
export const msPerPx = (w: TimeWindow, width: number): number => (width <= 0 ? 0 : span(w) / width);

/** The window that shows the whole data extent with a little air on both sides. */
export function fitWindow(extent: TimeWindow, padFraction = 0.01): TimeWindow {
  const s = span(extent);
  if (s < MIN_SPAN_MS) {
    const mid = (extent.from + extent.to) / 2;
    return { from: Math.floor(mid - MIN_SPAN_MS / 2), to: Math.ceil(mid + MIN_SPAN_MS / 2) };
  }
  const pad = Math.max(1, Math.round(s * padFraction));
  return { from: extent.from - pad, to: extent.to + pad };
}

/**
 * Keeps a window usable: at least MIN_SPAN_MS, at most four times the extent, and its middle inside
 * the extent (so panning never loses the data). Times are whole milliseconds.
 */
export function clampWindow(w: TimeWindow, extent: TimeWindow | null): TimeWindow {
  let from = w.from;
  let to = w.to;
  if (!(to - from >= MIN_SPAN_MS)) {
    const mid = (from + to) / 2;
    from = mid - MIN_SPAN_MS / 2;
    to = mid + MIN_SPAN_MS / 2;
  }
  if (extent) {
    const maxSpan = Math.max(4 * span(extent), MIN_SPAN_MS * 4);
    if (to - from > maxSpan) {
      const mid = (from + to) / 2;
      from = mid - maxSpan / 2;
      to = mid + maxSpan / 2;
    }
    const mid = (from + to) / 2;
    const shift = mid < extent.from ? extent.from - mid : mid > extent.to ? extent.to - mid : 0;
    from += shift;
    to += shift;
  }
  from = Math.floor(from);
  to = Math.max(Math.ceil(to), from + 1);
  return { from, to };
}

/**
 * Zooms by `factor` (< 1 zooms in, > 1 out) keeping `anchor` at the same pixel — the point under the
 * mouse stays under the mouse.
 */
export function zoomWindow(w: TimeWindow, factor: number, anchor: number, extent: TimeWindow | null): TimeWindow {
  const a = Math.min(Math.max(anchor, w.from), w.to);
  const from = a - (a - w.from) * factor;
  const to = a + (w.to - a) * factor;
  if (to - from < MIN_SPAN_MS) {
    // Keep the anchor's relative place while stopping at the minimum span.
    const ratio = span(w) > 0 ? (a - w.from) / span(w) : 0.5;
    return clampWindow({ from: a - ratio * MIN_SPAN_MS, to: a + (1 - ratio) * MIN_SPAN_MS }, extent);
  }
  return clampWindow({ from, to }, extent);
}

/** Moves the window by `deltaMs` (positive: later). */
export function panWindow(w: TimeWindow, deltaMs: number, extent: TimeWindow | null): TimeWindow {
  return clampWindow({ from: w.from + deltaMs, to: w.to + deltaMs }, extent);
}

/** Zoom factor for a wheel movement: smooth for trackpads, one notch ≈ 20 %. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const clamped = Math.max(-300, Math.min(300, px));
  return Math.exp(clamped * 0.0018);
}

export const sameWindow = (a: TimeWindow | null, b: TimeWindow | null): boolean =>
  a === b || (!!a && !!b && a.from === b.from && a.to === b.to);

// ---- Axis ticks -------------------------------------------------------------------------------

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/** Tick steps on round UTC times. */
export const TICK_STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
  M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H,
  D, 2 * D, 7 * D, 14 * D, 28 * D,
];

export interface Tick {
  ts: number;
  label: string;
  /** A tick on a new UTC day (its label carries the date). */
  day: boolean;
}

/** The smallest round step that keeps ticks at least `minPx` apart. */
export function tickStep(w: TimeWindow, width: number, minPx = 90): number {
  const per = msPerPx(w, width) * minPx;
  return TICK_STEPS.find((s) => s >= per) ?? Math.ceil(per / (7 * D)) * 7 * D;
}

/** Label of a tick for a given step: as much precision as the step needs, and nothing more. */
export function tickLabel(ts: number, step: number, withDate: boolean): string {
  const iso = new Date(ts).toISOString();
  const date = iso.slice(5, 10);
  if (step >= D) return date;
  const time = step < S ? iso.slice(11, 23) : step < M || ts % M !== 0 ? iso.slice(11, 19) : iso.slice(11, 16);
  return withDate ? `${date} ${time}` : time;
}

/** Pixels a tick label needs at the axis font (11 px monospace ≈ 6.7 px a character) plus a gap. */
export const labelPx = (label: string): number => label.length * 6.7 + 14;

/**
 * Ticks inside the window on round UTC times, far enough apart for their labels (millisecond labels
 * are longer, so they get more room); ticks on a new day carry the date.
 */
export function timeTicks(w: TimeWindow, width: number, minPx = 90): Tick[] {
  if (width <= 0 || span(w) <= 0) return [];
  let step = tickStep(w, width, minPx);
  if (step < S) step = tickStep(w, width, Math.max(minPx, labelPx('00:00:00.000')));
  const out: Tick[] = [];
  const first = Math.ceil(w.from / step) * step;
  let lastDay = new Date(w.from).toISOString().slice(0, 10);
  let owedDate = false;
  for (let t = first; t < w.to && out.length < 500; t += step) {
    const day = new Date(t).toISOString().slice(0, 10);
    const newDay = day !== lastDay;
    lastDay = day;
    // The first label on a new day carries the date, even when the day's first tick had no room for one.
    const withDate: boolean = (newDay || owedDate) && step < D;
    const label = tickLabel(t, step, withDate);
    const x = xOf(w, width, t);
    // A label that would stick out of the plot is left out (its grid line stays).
    const fits = x >= labelPx(label) / 2 - 7 && x <= width - labelPx(label) / 2 + 7;
    owedDate = withDate && !fits;
    out.push({ ts: t, label: fits ? label : '', day: newDay });
  }
  return out;
}

/** "8 min 47 s" style length of a window, for headers. */
export function spanLabel(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < S) return `${Math.round(ms)} ms`;
  if (ms < M) return `${(ms / S).toFixed(ms < 10 * S ? 2 : 1).replace(/\.?0+$/, '')} s`;
  const totalS = Math.round(ms / S);
  if (ms < H) {
    const m = Math.floor(totalS / 60);
    const s = totalS % 60;
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  const totalM = Math.round(ms / M);
  if (ms < 2 * D) {
    const h = Math.floor(totalM / 60);
    const m = totalM % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const h = Math.round(ms / H);
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${h / 24} d`;
}

/** Precise time for a cursor or a row: "04:18:21.476", with the date when asked. */
export function clock(ts: number, withDate = false): string {
  const iso = new Date(ts).toISOString();
  return withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : iso.slice(11, 23);
}
