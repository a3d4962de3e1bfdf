/**
 * Pointer gestures on the plot: a press that barely moves is a click; a drag pans the window or
 * brushes a range (to zoom into or to annotate), depending on where it started and the mode.
 */
import { tsOf, type TimeWindow } from './scale';

/** Pixels a press may move and still count as a click. */
export const CLICK_SLOP = 4;

export type DragMode = 'pan' | 'brush';
export type Region = 'overview' | 'axis' | 'histogram' | 'lanes' | 'chart';

/**
 * What a drag does: the histogram, the axis and the charts brush (they have no other use for a
 * drag); the lanes pan, unless the user picked "select" or holds Shift; the overview strip moves
 * the window (pan on the whole-bundle scale).
 */
export function dragModeFor(region: Region, mode: DragMode, shift: boolean): DragMode {
  if (region === 'overview') return 'pan';
  if (region === 'lanes') return shift ? (mode === 'pan' ? 'brush' : 'pan') : mode;
  return 'brush';
}

export const isClick = (startX: number, x: number, startY = 0, y = 0): boolean => Math.hypot(x - startX, y - startY) <= CLICK_SLOP;

/** The time range between two pixels of the plot, ordered and clipped to the window; null for a click. */
export function brushRange(w: TimeWindow, width: number, startX: number, x: number): TimeWindow | null {
  if (isClick(startX, x)) return null;
  const a = Math.max(0, Math.min(width, Math.min(startX, x)));
  const b = Math.max(0, Math.min(width, Math.max(startX, x)));
  if (b - a < 1) return null;
  const from = Math.round(tsOf(w, width, a));
  const to = Math.round(tsOf(w, width, b));
  return to > from ? { from, to } : null;
}

/** How far a drag from `startX` to `x` moves the window: dragging right shows earlier times. */
export function panDelta(w: TimeWindow, width: number, startX: number, x: number): number {
  return width <= 0 ? 0 : -((x - startX) / width) * (w.to - w.from);
}

/** Dragging on the overview strip (the whole extent on `width` px) moves the window the other way round: with the pointer. */
export function overviewPanDelta(extent: TimeWindow, width: number, startX: number, x: number): number {
  return width <= 0 ? 0 : ((x - startX) / width) * (extent.to - extent.from);
}

/** Step of one arrow-key pan: a fifth of the window (Shift: a whole window). */
export const keyPanStep = (w: TimeWindow, big: boolean): number => (w.to - w.from) * (big ? 1 : 0.2);
