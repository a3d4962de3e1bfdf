/**
 * The window's size, position and maximised state, remembered in the user data dir. A position saved
 * on a display that is gone (a laptop undocked) is brought back onto one that exists.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow } from 'electron';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the window centre itself. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** At least this much of the window must be on a display for a saved position to be kept. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Whatever was on disk, a usable state: a damaged or foreign file gives the defaults. */
export function parseState(text: string | null): WindowState {
  if (!text) return { ...DEFAULT_STATE };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_STATE };
  }
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_STATE };
  const r = raw as Record<string, unknown>;
  const state: WindowState = {
    width: finite(r.width) && r.width > 0 ? Math.round(r.width) : DEFAULT_STATE.width,
    height: finite(r.height) && r.height > 0 ? Math.round(r.height) : DEFAULT_STATE.height,
    maximized: r.maximized === true,
  };
  if (finite(r.x) && finite(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * Fits a saved state to today's displays (their work areas, primary first): the size never exceeds
 * the display it lands on, a window mostly off every display is centred on the primary one, and one
 * partly off is pulled fully onto the display it overlaps most.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return { ...state };
  let target = primary;
  let best = -1;
  let visible = false;
  if (state.x !== undefined && state.y !== undefined) {
    const rect = { x: state.x, y: state.y, width: state.width, height: state.height };
    for (const area of workAreas) {
      const o = overlap(rect, area);
      if (o.width * o.height > best) {
        best = o.width * o.height;
        target = area;
        visible = o.width >= Math.min(MIN_VISIBLE.width, rect.width) && o.height >= Math.min(MIN_VISIBLE.height, rect.height);
      }
    }
  }
  const width = clamp(state.width, Math.min(MIN_SIZE.width, target.width), target.width);
  const height = clamp(state.height, Math.min(MIN_SIZE.height, target.height), target.height);
  const out: WindowState = { width, height, maximized: state.maximized };
  if (!visible || state.x === undefined || state.y === undefined) {
    out.x = Math.round(target.x + (target.width - width) / 2);
    out.y = Math.round(target.y + (target.height - height) / 2);
    return out;
  }
  out.x = clamp(state.x, target.x, target.x + target.width - width);
  out.y = clamp(state.y, target.y, target.y + target.height - height);
  return out;
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // first launch: no file yet
  }
  return fitToDisplays(parseState(text), workAreas);
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  renameSync(tmp, file);
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/** The state of a window now (its normal bounds while maximised, so un-maximising restores them). */
export function currentState(win: TrackedWindow): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}

/** Saves the state after moves and resizes settle, and once more when the window closes. */
export function trackWindow(win: TrackedWindow, file: string, debounceMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed()) return;
    try {
      saveWindowState(file, currentState(win));
    } catch {
      // a read-only profile only loses the remembered size
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
}
