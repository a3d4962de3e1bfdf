import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

/** Width of the plot area (the part right of the lane labels), in px. */
export const LABEL_W = 240;

export interface QueryState<T> {
  data: T | null;
  /** The key `data` answers (it may be an older key while the current one loads). */
  dataKey: string | null;
  error: Error | null;
  loading: boolean;
}

/**
 * Runs `fn` when `key` changes, after `debounceMs` of quiet (zooming with a wheel fires many
 * changes), keeps the last answer while the next one loads, and drops answers to stale keys.
 */
export function useQuery<T>(key: string | null, fn: () => Promise<T>, debounceMs = 0): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ data: null, dataKey: null, error: null, loading: key !== null });
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    if (key === null) {
      setState({ data: null, dataKey: null, error: null, loading: false });
      return;
    }
    let alive = true;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const timer = setTimeout(() => {
      fnRef.current().then(
        (data) => alive && setState({ data, dataKey: key, error: null, loading: false }),
        (error: Error) => alive && setState((s) => ({ ...s, error, loading: false })),
      );
    }, debounceMs);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key, debounceMs]);
  return state;
}

/** A value that follows `value` after `ms` without change (for typed filters). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Content width of an element, following resizes. */
export function useWidth<E extends HTMLElement>(): [(el: E | null) => void, number] {
  const [width, setWidth] = useState(0);
  const obs = useRef<ResizeObserver | null>(null);
  const ref = (el: E | null) => {
    obs.current?.disconnect();
    obs.current = null;
    if (!el) return;
    setWidth(Math.floor(el.clientWidth));
    obs.current = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.floor(w));
    });
    obs.current.observe(el);
  };
  return [ref, width];
}

/** Bumps when the theme changes (`<html data-theme>`), so canvases can repaint with the new colours. */
export function useThemeVersion(): string {
  return useSyncExternalStore(
    (cb) => {
      const mo = new MutationObserver(cb);
      mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => mo.disconnect();
    },
    () => document.documentElement.dataset.theme ?? '',
  );
}

/**
 * The shared cursor: the time under the pointer, wherever it is (lanes, histogram, a chart, a row of
 * the list). A tiny store, so moving the mouse re-renders only what shows the cursor.
 */
export class CursorStore {
  private ts: number | null = null;
  private readonly listeners = new Set<() => void>();
  /** The last time the pointer was over the plot (kept after it leaves: `n` annotates there). */
  last: number | null = null;
  get = (): number | null => this.ts;
  set(ts: number | null): void {
    if (ts === this.ts) return;
    this.ts = ts;
    if (ts !== null) this.last = ts;
    for (const l of this.listeners) l();
  }
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };
}

export function useCursor(store: CursorStore): number | null {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** A CSS variable of an element (for canvases, which cannot use `var()`). */
export function cssVar(el: Element | null, name: string, fallback: string): string {
  if (!el) return fallback;
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}

/** Remembers a value per bundle in localStorage (the chosen chart series). */
export function loadSaved<T>(key: string, ok: (v: unknown) => v is T): T | null {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return null;
    const v: unknown = JSON.parse(raw);
    return ok(v) ? v : null;
  } catch {
    return null;
  }
}

export function save(key: string, v: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(v));
  } catch {
    // Private mode or a full store: the choice just is not remembered.
  }
}
