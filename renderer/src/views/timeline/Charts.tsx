/**
 * Charts of the chosen series on the lanes' time axis (uPlot). The plot area starts exactly where
 * the lanes' does, so the cursor line and the selection band run through both; the legend on the
 * left follows the cursor. Clicking a point opens its evidence (the file line it was read from).
 */
import { useEffect, useRef, useState, type MouseEvent as RMouseEvent, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesData, SeriesInfo, SeriesPoint } from '../../../../engine/timeline/series-types';
import { EmptyState } from '../../components/States';
import { cssVar, LABEL_W, useCursor, useThemeVersion, type CursorStore } from './hooks';
import { alignSeries, axisValue, ellipsizeMiddle, formatValue, pickPoint, pointNear, shortLabels, type Aligned, type ChartSpec } from './model/series';
import { clock, msPerPx, type TimeWindow } from './model/scale';
import { SectionHead } from './Section';

const AXIS_W = 50;
/** Tall enough for the plot and for one legend line per series. */
const chartHeight = (n: number) => Math.max(104, 40 + 15 * n);
const PALETTE = 8;

export function Charts({
  specs,
  infos,
  data,
  errors,
  win,
  width,
  cursor,
  picker,
  onPoint,
  hasSeries,
}: {
  specs: readonly ChartSpec[];
  infos: ReadonlyMap<string, SeriesInfo>;
  data: ReadonlyMap<string, SeriesData>;
  errors: readonly string[];
  win: TimeWindow;
  width: number;
  cursor: CursorStore;
  picker: ReactNode;
  onPoint: (p: SeriesPoint, label: string) => void;
  hasSeries: boolean;
}) {
  const [open, setOpen] = useState(true);
  return (
    <div className="tl-charts" data-testid="timeline-charts">
      <SectionHead title="Charts" meta={`${specs.reduce((a, s) => a + s.ids.length, 0)} series`} open={open} onToggle={() => setOpen((o) => !o)} tools={picker} testId="timeline-toggle-charts" />
      {!open ? null : !hasSeries && errors.length === 0 ? (
        <div className="tl-row">
          <div className="tl-label" />
          <div className="tl-chart-empty">
            <EmptyState title="No chart series in this bundle">
              Charts come from lsof, ss and netstat snapshots, thread and goroutine dumps, HikariCP pool stats, GC logs and metrics CSV exports. Add some of these to the bundle to
              see them here.
            </EmptyState>
          </div>
        </div>
      ) : hasSeries && specs.length === 0 ? (
        <div className="tl-row">
          <div className="tl-label" />
          <p className="muted small tl-chart-hint">No series chosen — use “Choose series” above to chart descriptors, sockets, queues, threads, pools or metrics.</p>
        </div>
      ) : null}
      {open && errors.length > 0 && (
        <p role="alert" className="error-text small tl-chart-hint">
          Some series could not be loaded: {errors.join('; ')}
        </p>
      )}
      {open && specs.map((s) => (
        <Chart key={s.key} spec={s} infos={infos} data={data} win={win} width={width} cursor={cursor} onPoint={onPoint} />
      ))}
    </div>
  );
}

function Chart({
  spec,
  infos,
  data,
  win,
  width,
  cursor,
  onPoint,
}: {
  spec: ChartSpec;
  infos: ReadonlyMap<string, SeriesInfo>;
  data: ReadonlyMap<string, SeriesData>;
  win: TimeWindow;
  width: number;
  cursor: CursorStore;
  onPoint: (p: SeriesPoint, label: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const winRef = useRef(win);
  winRef.current = win;
  const theme = useThemeVersion();
  const loaded = spec.ids.map((id) => data.get(id));
  const aligned = alignSeries(loaded.map((d) => ({ points: d?.points ?? [] })));
  const alignedRef = useRef<Aligned>(aligned);
  alignedRef.current = aligned;
  const labels = spec.legend ?? shortLabels(spec.ids.map((id) => infos.get(id)?.label ?? id));
  const unit = spec.unit;
  const idsKey = spec.ids.join('\n');

  // (Re)build on a new set of series or theme; data, window and size are updated in place below.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const color = (i: number) => cssVar(el, `--tl-s${(i % PALETTE) + 1}`, '#5aa9ff');
    const muted = cssVar(el, '--muted', '#8f99a6');
    const border = cssVar(el, '--border', '#2a3039');
    const opts: uPlot.Options = {
      width: AXIS_W + Math.max(10, width),
      height: chartHeight(spec.ids.length),
      padding: [8, 0, 4, 0],
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false, auto: false, range: () => [winRef.current.from, winRef.current.to] },
        y: { range: (_u, min, max) => [Math.min(0, min ?? 0), max !== null && max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { show: false },
        {
          size: AXIS_W,
          gap: 4,
          stroke: muted,
          font: '11px system-ui, sans-serif',
          ticks: { show: false },
          grid: { stroke: border, width: 1 },
          values: (_u, splits) => splits.map((v) => axisValue(v, unit)),
        },
      ],
      series: [
        {},
        ...spec.ids.map((id, i) => ({
          label: infos.get(id)?.label ?? id,
          stroke: color(i),
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 4, fill: color(i) },
        })),
      ],
    };
    const a = alignedRef.current;
    const u = new uPlot(opts, [a.xs, ...a.ys] as uPlot.AlignedData, el);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [idsKey, theme, unit]);

  const dataKey = loaded.map((d) => (d ? `${d.id}:${d.points.length}:${d.points[0]?.ts ?? ''}:${d.points.at(-1)?.ts ?? ''}` : '-')).join('|');
  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    const a = alignedRef.current;
    u.setData([a.xs, ...a.ys] as uPlot.AlignedData, true);
    u.setScale('x', { min: winRef.current.from, max: winRef.current.to });
  }, [dataKey]);

  useEffect(() => {
    plot.current?.setScale('x', { min: win.from, max: win.to });
  }, [win.from, win.to]);

  useEffect(() => {
    plot.current?.setSize({ width: AXIS_W + Math.max(10, width), height: chartHeight(spec.ids.length) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width]);

  const onClick = (e: RMouseEvent<HTMLDivElement>) => {
    const u = plot.current;
    if (!u) return;
    const r = u.over.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    if (x < 0 || x > r.width) return;
    const ts = u.posToVal(x, 'x');
    const v = u.posToVal(y, 'y');
    const hit = pickPoint(alignedRef.current, ts, Number.isFinite(v) ? v : null, msPerPx(win, width) * 8);
    if (hit) onPoint(hit.point, infos.get(spec.ids[hit.series]!)?.label ?? spec.title);
  };

  const total = loaded.reduce((acc, d) => acc + (d?.points.length ?? 0), 0);
  return (
    <div className="tl-row tl-chart" data-region="chart" data-testid="timeline-chart">
      <ChartLegend spec={spec} labels={labels} aligned={aligned} cursor={cursor} unit={unit} loading={loaded.some((d) => !d)} />
      <div
        className="tl-chart-plot tl-clickable"
        ref={host}
        onClick={onClick}
        style={{ width: AXIS_W + width }}
        role="img"
        aria-label={`${spec.title}: ${labels.join(', ')} (${total} points in view). Click a point to open where it was read.`}
        title="Click a point to open the line it was read from"
      />
    </div>
  );
}

function ChartLegend({ spec, labels, aligned, cursor, unit, loading }: { spec: ChartSpec; labels: string[]; aligned: Aligned; cursor: CursorStore; unit: string; loading: boolean }) {
  const ts = useCursor(cursor);
  const fmt = (v: number) => formatValue(v, unit === 'bytes' ? 'bytes' : '');
  return (
    <div className="tl-label tl-chart-legend" style={{ flexBasis: LABEL_W - AXIS_W, width: LABEL_W - AXIS_W }}>
      <div className="tl-chart-title small" title={`${spec.title}${unit ? ` (${unit})` : ''}`}>
        {spec.title}
        {loading ? <span className="muted tl-chart-unit"> · loading…</span> : null}
      </div>
      <div className="tl-chart-sub muted small">
        <span>{unit}</span>
        <span>{ts !== null ? 'near cursor' : 'max in view'}</span>
      </div>
      <ul>
        {labels.map((l, i) => {
          const p = ts !== null ? pointNear(aligned, i, ts) : null;
          const col = aligned.ys[i] ?? [];
          let max: number | null = null;
          for (const v of col) if (v !== null && (max === null || v > max)) max = v;
          return (
            <li key={spec.ids[i]} title={`${l}${p ? ` = ${fmt(p.value)} at ${clock(p.ts)} UTC` : max !== null ? `: max ${fmt(max)}` : ''}`}>
              <span className="sw" style={{ background: `var(--tl-s${(i % PALETTE) + 1})` }} aria-hidden="true" />
              <span className="tl-series-name">{ellipsizeMiddle(l, 22)}</span>
              <span className="tl-series-value mono">{p ? fmt(p.value) : max !== null ? fmt(max) : '—'}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
