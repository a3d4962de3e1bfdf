/**
 * The plot column: the whole-bundle strip, the time axis, the histogram, the lanes and the charts,
 * all on one time scale, with one cursor line, one selection band, and one set of gestures
 * (wheel to zoom, drag to pan or to brush a range, click to open what is under the pointer).
 */
import { useEffect, useRef, useState, type ReactNode, type PointerEvent as RPointerEvent } from 'react';
import type { TimelineDensity, TimelineWindow } from '../../../../engine/timeline/types';
import { count } from '../../components/format';
import { LABEL_W, useCursor, type CursorStore } from './hooks';
import { bucketAt, bucketRange, countSummary, histogramBars, maxCount } from './model/bars';
import { brushRange, dragModeFor, isClick, overviewPanDelta, panDelta, type DragMode, type Region } from './model/brush';
import { clock, panWindow, spanLabel, timeTicks, tsOf, wheelFactor, xOf, zoomWindow, type TimeWindow } from './model/scale';

export type WindowUpdate = (f: (w: TimeWindow) => TimeWindow) => void;

const HIST_H = 56;
const OVERVIEW_H = 26;

function regionOf(target: EventTarget | null): Region | null {
  const el = target instanceof Element ? target.closest('[data-region]') : null;
  return (el?.getAttribute('data-region') as Region | null) ?? null;
}

interface DragState {
  id: number;
  x0: number;
  y0: number;
  mode: DragMode;
  win0: TimeWindow;
  moved: boolean;
}

export function Plot({
  win,
  extent,
  width,
  onWindow,
  hist,
  overviewDensity,
  selection,
  onSelection,
  dragMode,
  cursor,
  onBucket,
  annotationTimes,
  episodes,
  children,
}: {
  win: TimeWindow;
  extent: TimeWindow;
  width: number;
  onWindow: WindowUpdate;
  hist: TimelineWindow | null;
  overviewDensity: TimelineDensity | null;
  selection: TimeWindow | null;
  onSelection: (s: TimeWindow | null) => void;
  dragMode: DragMode;
  cursor: CursorStore;
  /** A click on a histogram bar: the bucket's range. */
  onBucket: (from: number, to: number) => void;
  /** Annotation flags and ranges, drawn as guides across every lane and chart. */
  annotationTimes: readonly { ts: number; tsEnd?: number; marker: string }[];
  /** Incident episodes, shaded across every lane and chart. */
  episodes: readonly { id: string; from: number; to: number }[];
  /** Lanes and charts. */
  children: ReactNode;
}) {
  const main = useRef<HTMLDivElement>(null);
  const drag = useRef<DragState | null>(null);
  const suppressClick = useRef(false);
  const [brush, setBrush] = useState<TimeWindow | null>(null);
  const latest = useRef({ width, extent, onWindow });
  latest.current = { width, extent, onWindow };

  const localX = (clientX: number) => clientX - (main.current?.getBoundingClientRect().left ?? 0) - LABEL_W;

  // Wheel: zoom over the axis and histogram (or anywhere with Ctrl/⌘), pan with Shift or a sideways wheel.
  useEffect(() => {
    const el = main.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const { width: w, extent: ext, onWindow: set } = latest.current;
      const x = e.clientX - el.getBoundingClientRect().left - LABEL_W;
      if (x < 0 || x > w) return;
      const region = regionOf(e.target);
      const sideways = Math.abs(e.deltaX) > Math.abs(e.deltaY);
      if (sideways || e.shiftKey) {
        e.preventDefault();
        const d = sideways ? e.deltaX : e.deltaY;
        set((cur) => panWindow(cur, (d / w) * (cur.to - cur.from), ext));
        return;
      }
      if (!(region === 'axis' || region === 'histogram' || e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const factor = wheelFactor(e.deltaY, e.deltaMode);
      set((cur) => zoomWindow(cur, factor, tsOf(cur, w, x), ext));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (e: RPointerEvent<HTMLDivElement>) => {
    suppressClick.current = false;
    if (e.button !== 0) return;
    const x = localX(e.clientX);
    const region = regionOf(e.target);
    if (x < 0 || x > width || !region || (e.target as Element).closest('button, a, input, select, textarea')) return;
    drag.current = { id: e.pointerId, x0: x, y0: e.clientY, mode: dragModeFor(region, dragMode, e.shiftKey), win0: win, moved: false };
  };
  const onPointerMove = (e: RPointerEvent<HTMLDivElement>) => {
    const x = localX(e.clientX);
    const d = drag.current;
    if (!d || d.id !== e.pointerId) {
      cursor.set(x >= 0 && x <= width ? tsOf(win, width, x) : null);
      return;
    }
    if (!d.moved && isClick(d.x0, x, d.y0, e.clientY)) return;
    if (!d.moved) {
      d.moved = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    if (d.mode === 'pan') {
      onWindow(() => panWindow(d.win0, panDelta(d.win0, width, d.x0, x), extent));
      cursor.set(null);
    } else {
      setBrush(brushRange(d.win0, width, d.x0, x));
      cursor.set(tsOf(d.win0, width, Math.max(0, Math.min(width, x))));
    }
  };
  const endDrag = (e: RPointerEvent<HTMLDivElement>, commit: boolean) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    drag.current = null;
    if (!d.moved) return;
    suppressClick.current = true;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (commit && d.mode === 'brush') {
      const r = brushRange(d.win0, width, d.x0, localX(e.clientX));
      if (r) onSelection(r);
    }
    setBrush(null);
  };

  const bucketMs = hist?.density.bucketMs;
  return (
    <div className="tl-plot" role="region" aria-label="Timeline plot: lanes and charts on one time axis" data-testid="timeline-plot" style={{ ['--tl-label-w' as string]: `${LABEL_W}px` }}>
      <OverviewStrip extent={extent} win={win} width={width} density={overviewDensity} onWindow={onWindow} />
      <div
        className={`tl-main drag-${dragMode}`}
        ref={main}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(e) => endDrag(e, true)}
        onPointerCancel={(e) => endDrag(e, false)}
        onPointerLeave={() => !drag.current && cursor.set(null)}
        onClickCapture={(e) => {
          if (suppressClick.current) {
            suppressClick.current = false;
            e.stopPropagation();
            e.preventDefault();
          }
        }}
      >
        <Grid win={win} width={width} annotations={annotationTimes} episodes={episodes} />
        <div className="tl-row tl-axis" data-region="axis">
          <div className="tl-label muted small">
            {new Date(win.from).toISOString().slice(0, 10)}
            {new Date(win.from).toISOString().slice(0, 10) !== new Date(win.to - 1).toISOString().slice(0, 10) ? ` → ${new Date(win.to - 1).toISOString().slice(5, 10)}` : ''} · UTC
          </div>
          <TimeAxis win={win} width={width} cursor={cursor} />
        </div>
        <div className="tl-row tl-hist" data-region="histogram" data-testid="timeline-histogram">
          <div className="tl-label">
            <div className="small">
              Rows{bucketMs ? ` per ${spanLabel(bucketMs)}` : ''}
              {hist ? <span className="muted"> · max {count(maxCount(hist.density))}</span> : null}
            </div>
            <div className="tl-legend small" aria-hidden="true">
              <span className="sw lvl-error" /> error <span className="sw lvl-warn" /> warn <span className="sw lvl-other" /> other
            </div>
          </div>
          <Histogram win={win} width={width} density={hist?.density ?? null} onBucket={onBucket} />
        </div>
        {children}
        <Overlay win={win} width={width} selection={brush ?? selection} live={!!brush} cursor={cursor} />
      </div>
    </div>
  );
}

/** Vertical guides: episode bands, ticks and annotation flags, behind everything. */
function Grid({
  win,
  width,
  annotations,
  episodes,
}: {
  win: TimeWindow;
  width: number;
  annotations: readonly { ts: number; tsEnd?: number; marker: string }[];
  episodes: readonly { id: string; from: number; to: number }[];
}) {
  const ticks = timeTicks(win, width);
  return (
    <svg className="tl-grid" width={width} aria-hidden="true" data-testid="timeline-episodes">
      {episodes.map((e) => {
        const x0 = xOf(win, width, e.from);
        const x1 = xOf(win, width, e.to);
        if (x1 < 0 || x0 > width) return null;
        const left = Math.max(0, x0);
        return (
          <g key={e.id} className="tl-episode" data-episode={e.id}>
            <rect x={left} width={Math.max(2, Math.min(width, x1) - left)} y={0} height="100%" />
            <text x={left + 3} y={40}>
              {e.id}
            </text>
          </g>
        );
      })}
      {ticks.map((t) => (
        <line key={t.ts} x1={xOf(win, width, t.ts)} x2={xOf(win, width, t.ts)} y1={0} y2="100%" className={t.day ? 'day' : ''} />
      ))}
      {annotations.map((a, i) => {
        const x0 = xOf(win, width, a.ts);
        if (a.tsEnd !== undefined && a.tsEnd > a.ts) {
          const x1 = xOf(win, width, a.tsEnd);
          if (x1 < 0 || x0 > width) return null;
          return <rect key={i} className={`tl-ann-band marker-${a.marker}`} x={Math.max(0, x0)} width={Math.max(1, Math.min(width, x1) - Math.max(0, x0))} y={0} height="100%" />;
        }
        if (x0 < 0 || x0 > width) return null;
        return <line key={i} className={`tl-ann-line marker-${a.marker}`} x1={x0} x2={x0} y1={0} y2="100%" />;
      })}
    </svg>
  );
}

function TimeAxis({ win, width, cursor }: { win: TimeWindow; width: number; cursor: CursorStore }) {
  const ticks = timeTicks(win, width);
  const ts = useCursor(cursor);
  const cx = ts !== null ? xOf(win, width, ts) : null;
  return (
    <svg className="tl-area" width={width} height={22} role="img" aria-label={`Time axis from ${clock(win.from, true)} to ${clock(win.to, true)} UTC`}>
      {ticks.map((t) => {
        const x = xOf(win, width, t.ts);
        return (
          <g key={t.ts} transform={`translate(${x},0)`}>
            <line y1={16} y2={22} className="tick" />
            {t.label && (
              <text y={12} textAnchor="middle" className={t.day ? 'day' : ''}>
                {t.label}
              </text>
            )}
          </g>
        );
      })}
      {cx !== null && cx >= 0 && cx <= width && (
        <g className="tl-cursor">
          <rect x={cx > width - 90 ? cx - 86 : cx + 4} y={1} width={82} height={15} rx={3} />
          <text x={cx > width - 90 ? cx - 45 : cx + 45} y={12} textAnchor="middle">
            {clock(ts!)}
          </text>
        </g>
      )}
    </svg>
  );
}

function Histogram({ win, width, density, onBucket }: { win: TimeWindow; width: number; density: TimelineDensity | null; onBucket: (from: number, to: number) => void }) {
  if (!density) return <svg className="tl-area" width={width} height={HIST_H} aria-hidden="true" />;
  const bars = histogramBars(density, win, width, HIST_H - 4);
  const onClick = (e: React.MouseEvent<SVGSVGElement>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const i = bucketAt(density, tsOf(win, width, x));
    if (i < 0 || !(density.counts[i] ?? 0)) return;
    const r = bucketRange(density, i);
    onBucket(r.from, r.to);
  };
  const total = density.counts.reduce((a, c) => a + c, 0);
  return (
    <svg className="tl-area tl-clickable" width={width} height={HIST_H} onClick={onClick} role="img" aria-label={`Histogram: ${countSummary(total, density.byLevel.error.reduce((a, c) => a + c, 0), density.byLevel.warn.reduce((a, c) => a + c, 0))} in view`}>
      <g transform="translate(0,4)">
        {bars.map((b) => (
          <g key={b.i}>
            <title>{`${clock(b.from)} – ${clock(b.to)} UTC: ${countSummary(b.count, density.byLevel.error[b.i] ?? 0, density.byLevel.warn[b.i] ?? 0)} (click to list them)`}</title>
            {b.segments.map((s) => (
              <rect key={s.level} x={b.x} width={b.w} y={s.y} height={s.h} className={`lvl-${s.level}`} />
            ))}
          </g>
        ))}
      </g>
      <line x1={0} x2={width} y1={HIST_H - 0.5} y2={HIST_H - 0.5} className="baseline" />
    </svg>
  );
}

/** The whole bundle at a glance, with the window on screen; drag the window or click to move there. */
function OverviewStrip({ extent, win, width, density, onWindow }: { extent: TimeWindow; win: TimeWindow; width: number; density: TimelineDensity | null; onWindow: WindowUpdate }) {
  const drag = useRef<{ id: number; x0: number; win0: TimeWindow; moved: boolean } | null>(null);
  const el = useRef<SVGSVGElement>(null);
  const bars = density ? histogramBars(density, extent, width, OVERVIEW_H - 6, { gap: 0, minSegment: 1 }) : [];
  const x0 = Math.max(0, xOf(extent, width, win.from));
  const x1 = Math.min(width, xOf(extent, width, win.to));
  const lx = (clientX: number) => clientX - (el.current?.getBoundingClientRect().left ?? 0);
  const centerAt = (x: number) => {
    const t = tsOf(extent, width, x);
    onWindow((w) => panWindow(w, t - (w.from + w.to) / 2, extent));
  };
  return (
    <div className="tl-row tl-overview" data-region="overview">
      <div className="tl-label muted small">Whole bundle</div>
      <svg
        ref={el}
        className="tl-area tl-clickable"
        width={width}
        height={OVERVIEW_H}
        role="img"
        aria-label={`Whole bundle; the view shows ${clock(win.from, true)} to ${clock(win.to, true)} UTC`}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          drag.current = { id: e.pointerId, x0: lx(e.clientX), win0: win, moved: false };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || d.id !== e.pointerId) return;
          const x = lx(e.clientX);
          if (!d.moved && isClick(d.x0, x)) return;
          if (!d.moved) {
            d.moved = true;
            e.currentTarget.setPointerCapture(e.pointerId);
          }
          onWindow(() => panWindow(d.win0, overviewPanDelta(extent, width, d.x0, x), extent));
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          if (d && !d.moved) centerAt(lx(e.clientX));
        }}
        onPointerCancel={() => (drag.current = null)}
      >
        <title>Drag the highlighted window or click to move the view there</title>
        <g transform="translate(0,3)">
          {bars.map((b) => b.segments.map((s) => <rect key={`${b.i}${s.level}`} x={b.x} width={b.w} y={s.y} height={s.h} className={`lvl-${s.level}`} />))}
        </g>
        <rect className="tl-overview-shade" x={0} width={Math.max(0, x0)} y={0} height={OVERVIEW_H} />
        <rect className="tl-overview-shade" x={x1} width={Math.max(0, width - x1)} y={0} height={OVERVIEW_H} />
        <rect className="tl-overview-window" x={x0} width={Math.max(2, x1 - x0)} y={0.5} height={OVERVIEW_H - 1} />
      </svg>
    </div>
  );
}

/** Selection band and cursor line over the lanes and charts (they let the pointer through). */
function Overlay({ win, width, selection, live, cursor }: { win: TimeWindow; width: number; selection: TimeWindow | null; live: boolean; cursor: CursorStore }) {
  const ts = useCursor(cursor);
  const sel = selection ? { x0: Math.max(0, xOf(win, width, selection.from)), x1: Math.min(width, xOf(win, width, selection.to)) } : null;
  const cx = ts !== null ? xOf(win, width, ts) : null;
  return (
    <svg className="tl-overlay" width={width} aria-hidden="true" data-testid="timeline-overlay">
      {sel && sel.x1 > sel.x0 && (
        <g className={`tl-selection${live ? ' live' : ''}`} data-testid="timeline-selection">
          <rect x={sel.x0} width={sel.x1 - sel.x0} y={0} height="100%" />
          <line x1={sel.x0} x2={sel.x0} y1={0} y2="100%" />
          <line x1={sel.x1} x2={sel.x1} y1={0} y2="100%" />
        </g>
      )}
      {cx !== null && cx >= 0 && cx <= width && (
        <g className="tl-cursor">
          <line x1={cx} x2={cx} y1={0} y2="100%" />
        </g>
      )}
    </svg>
  );
}
