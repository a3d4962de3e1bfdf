/**
 * The timeline of one bundle: the window (in the route), filters, selection, and every query that
 * feeds the plot, the charts and the row list. Counting always goes through the engine's density
 * buckets; rows are fetched a page at a time for the list only.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentProps, type KeyboardEvent as RKeyboardEvent, type PointerEvent as RPointerEvent } from 'react';
import type { Annotation } from '../../../../engine/model/annotation';
import { MARKERS } from '../../../../engine/model/annotation';
import type { AnalysisReport } from '../../../../engine/api/report-types';
import type { SeriesInfo, SeriesPoint } from '../../../../engine/timeline/series-types';
import type { TimelineDensity, TimelineQuery, TimelineRow, TimelineSource } from '../../../../engine/timeline/types';
import { api } from '../../api/client';
import { href, navigate, type Route } from '../../app/router';
import { useShortcuts } from '../../app/shortcuts';
import { count } from '../../components/format';
import { Charts } from './Charts';
import { DetailPanel, type Panel } from './DetailPanel';
import { FilterBar } from './FilterBar';
import { CursorStore, LABEL_W, loadSaved, save, useDebounced, useQuery, useWidth } from './hooks';
import { Lanes } from './Lanes';
import { keyPanStep, type DragMode } from './model/brush';
import { filtersActive, keepMark, markFilters, NO_FILTERS, parseKinds, queryFilters, type ViewFilters } from './model/filters';
import { buildLanes, refId, type Lane } from './model/lanes';
import { clampWindow, clock, fitWindow, panWindow, sameWindow, spanLabel, zoomWindow, type TimeWindow } from './model/scale';
import { chartSpecs, defaultSeries } from './model/series';
import { windowFromParams, windowParams } from './model/url';
import { Plot, type WindowUpdate } from './Plot';
import { Popover } from './Popover';
import { RowList } from './RowList';
import { SeriesPicker } from './SeriesPicker';
import { useSeriesData } from './use-series';

const LIST_PAGE = 300;
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function Timeline({
  bundle,
  route,
  overview,
  sources,
  seriesInfos,
  seriesError,
  extent,
}: {
  bundle: string;
  route: Extract<Route, { name: 'bundle' }>;
  overview: AnalysisReport;
  sources: readonly TimelineSource[];
  seriesInfos: readonly SeriesInfo[];
  /** Why the series list is missing, if it is. */
  seriesError: string | null;
  extent: TimeWindow;
}) {
  const fit = useMemo(() => fitWindow(extent), [extent]);
  const [win, setWinRaw] = useState<TimeWindow>(() => {
    const w = windowFromParams(route.params);
    return w ? clampWindow(w, extent) : fit;
  });
  const setWin: WindowUpdate = useCallback((f) => setWinRaw((w) => {
    const n = f(w);
    return sameWindow(n, w) ? w : n;
  }), []);
  const winKey = `${win.from}:${win.to}`;

  // A link to a range while the view is open moves the window; the window is written back to the address.
  const routeKey = ['from', 'to', 'at'].map((k) => route.params.get(k) ?? '').join('|');
  useEffect(() => {
    const w = windowFromParams(route.params);
    if (w) setWin(() => clampWindow(w, extent));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeKey]);
  useEffect(() => {
    const t = setTimeout(() => {
      const h = href(bundle, 'timeline', route.id, windowParams(win, route.params));
      if (window.location.hash !== h) window.history.replaceState(window.history.state, '', h);
    }, 250);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [winKey, bundle]);

  const cursor = useMemo(() => new CursorStore(), []);
  const [paneRef, paneWidth] = useWidth<HTMLDivElement>();
  const width = Math.max(120, paneWidth - LABEL_W - 12);

  // ---- Filters ----
  const [baseFilters, setBaseFilters] = useState<ViewFilters>(NO_FILTERS);
  const [text, setText] = useState('');
  const [kindsText, setKindsText] = useState('');
  const dText = useDebounced(text, 300);
  const dKinds = useDebounced(kindsText, 400);
  const f = useMemo<ViewFilters>(() => ({ ...baseFilters, text: dText, kinds: parseKinds(dKinds) }), [baseFilters, dText, dKinds]);
  const fKey = JSON.stringify(f);
  const clearFilters = useCallback(() => {
    setText('');
    setKindsText('');
    setBaseFilters(NO_FILTERS);
  }, []);

  const lanes = useMemo(() => buildLanes(sources), [sources]);
  const hiddenLanes = useMemo(() => new Set(lanes.filter((l) => f.fileIds !== null && !l.fileIds.some((id) => f.fileIds!.includes(id))).map((l) => l.key)), [lanes, f.fileIds]);
  const fileOfPath = useMemo(() => {
    const m = new Map(sources.map((s) => [s.path, s.fileId]));
    return (p: string) => m.get(p);
  }, [sources]);
  const findingsById = useMemo(() => new Map(overview.findings.map((x) => [x.id, x])), [overview.findings]);

  // Bumped after an annotation changes, so every query shows it.
  const [version, setVersion] = useState(0);
  const ready = paneWidth > 0;

  // ---- Histogram of the window and of the whole bundle ----
  const histBuckets = Math.max(10, Math.floor(width / 4));
  const hist = useQuery(ready ? JSON.stringify(['h', bundle, winKey, fKey, histBuckets, version]) : null, () =>
    api.timeline(bundle, { from: win.from, to: win.to, limit: 1, buckets: histBuckets, filters: queryFilters(f) }), 120);
  const overviewQ = useQuery(ready ? JSON.stringify(['o', bundle, fit, fKey, Math.floor(width / 3), version]) : null, () =>
    api.timeline(bundle, { from: fit.from, to: fit.to, limit: 1, buckets: Math.max(10, Math.floor(width / 3)), filters: queryFilters(f) }), 200);

  // ---- Lanes: one density per log lane ----
  const eventLanes = lanes.filter((l) => l.hasEvents && !hiddenLanes.has(l.key));
  const laneBuckets = Math.max(10, Math.floor(width / 5));
  const lanesQ = useQuery(
    ready && f.types.includes('event') && eventLanes.length ? JSON.stringify(['l', bundle, winKey, fKey, laneBuckets, eventLanes.map((l) => l.key)]) : null,
    async () => {
      const out = new Map<string, TimelineDensity>();
      await Promise.all(
        eventLanes.map(async (l) => {
          const ids = f.fileIds ? l.fileIds.filter((id) => f.fileIds!.includes(id)) : l.fileIds;
          const w = await api.timeline(bundle, { from: win.from, to: win.to, limit: 1, buckets: laneBuckets, filters: { ...queryFilters(f), types: ['event'], fileIds: ids } });
          out.set(l.key, w.density);
        }),
      );
      return out;
    },
    120,
  );

  // ---- Marks: snapshots, findings, annotations (few; filtered here so annotations never vanish) ----
  const markTypes = f.types.filter((t) => t !== 'event');
  const marksKey = ready && markTypes.length ? JSON.stringify(['m', bundle, winKey, f.text, markTypes, version]) : null;
  const marksQ = useQuery(marksKey, () =>
    api.timeline(bundle, { from: win.from, to: win.to, limit: 10_000, buckets: 1, filters: markFilters(f) }), 120);
  const [pending, setPending] = useState<TimelineRow[]>([]);
  const [removed, setRemoved] = useState<Set<string>>(() => new Set());
  const marks = useMemo(() => {
    const got = marksQ.data?.rows ?? [];
    const have = new Set(got.map((r) => r.ref));
    const findingFiles = (ref: string) => {
      const id = refId(ref, 'finding');
      return id !== null ? findingsById.get(id)?.evidence.map((e) => e.fileId) : undefined;
    };
    // Annotations just saved show at once, until the marks of this very query (with them) arrive.
    const early = marksQ.dataKey === marksKey ? [] : pending.filter((p) => !have.has(p.ref) && p.ts < win.to && (p.tsEnd ?? p.ts) >= win.from);
    return [...got, ...early]
      .filter((r) => !removed.has(r.ref) && keepMark(r, f, findingFiles));
  }, [marksQ.data, marksQ.dataKey, marksKey, pending, removed, f, findingsById, win.from, win.to]);
  useEffect(() => {
    if (marksQ.dataKey !== null && marksQ.dataKey === marksKey) setPending((p) => (p.length ? [] : p));
  }, [marksQ.dataKey, marksKey]);

  // ---- Annotations (for editing) ----
  const annQ = useQuery(JSON.stringify(['a', bundle, version]), () => api.annotations(bundle));
  const [localAnn, setLocalAnn] = useState<Annotation[]>([]);
  const annotations = useMemo(() => {
    const m = new Map((annQ.data ?? []).map((a) => [a.id, a]));
    for (const a of localAnn) m.set(a.id, a);
    return [...m.values()].filter((a) => !removed.has(`annotation:${a.id}`));
  }, [annQ.data, localAnn, removed]);

  // ---- Row list, paged ----
  const [listFrom, setListFrom] = useState<number | null>(null);
  useEffect(() => setListFrom(null), [winKey]);
  const listQuery: TimelineQuery = { from: listFrom !== null && listFrom > win.from && listFrom < win.to ? listFrom : win.from, to: win.to, buckets: 1, filters: queryFilters(f) };
  const listKey = ready ? JSON.stringify(['r', bundle, listQuery.from, listQuery.to, fKey, version]) : null;
  const first = useQuery(listKey, () => api.timeline(bundle, { ...listQuery, limit: LIST_PAGE }), 150);
  const [more, setMore] = useState<{ key: string; rows: TimelineRow[]; cursor: string | undefined; loading: boolean; error: Error | null } | null>(null);
  const mine = more && more.key === listKey && !first.loading ? more : null;
  const listRows = useMemo(() => [...(first.data?.rows ?? []), ...(mine?.rows ?? [])], [first.data, mine]);
  const nextCursor = mine ? mine.cursor : first.loading ? undefined : first.data?.nextCursor;
  const loadMore = useCallback(() => {
    if (!nextCursor || mine?.loading || !listKey) return;
    const key = listKey;
    setMore({ key, rows: mine?.rows ?? [], cursor: nextCursor, loading: true, error: null });
    api.timeline(bundle, { ...listQuery, cursor: nextCursor, limit: 500 }).then(
      (w) => setMore((m) => (m && m.key === key ? { key, rows: [...m.rows, ...w.rows], cursor: w.nextCursor, loading: false, error: null } : m)),
      (error: Error) => setMore((m) => (m && m.key === key ? { ...m, loading: false, error } : m)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextCursor, mine?.loading, listKey, bundle]);

  // ---- Charts ----
  const infoMap = useMemo(() => new Map(seriesInfos.map((s) => [s.id, s])), [seriesInfos]);
  const suggested = useMemo(() => defaultSeries(overview.findings, seriesInfos), [overview.findings, seriesInfos]);
  const storageKey = `rootline.timeline.series.${bundle}`;
  const [chosen, setChosen] = useState<string[] | null>(() => loadSaved(storageKey, isStringArray));
  const selectedSeries = (chosen ?? suggested).filter((id) => infoMap.has(id));
  const specs = chartSpecs(selectedSeries, seriesInfos);
  const series = useSeriesData(bundle, selectedSeries, infoMap, win, width);
  const chooseSeries = (ids: string[]) => {
    setChosen(ids);
    save(storageKey, ids);
  };

  // ---- Split between the plot and the row list (a fraction of the height the plot may take) ----
  const center = useRef<HTMLDivElement>(null);
  const [split, setSplit] = useState<number>(() => loadSaved('rootline.timeline.split', (v): v is number => typeof v === 'number' && v >= 0.2 && v <= 0.9) ?? 0.7);
  const setSplitSaved = (v: number) => {
    const c = Math.min(0.9, Math.max(0.2, v));
    setSplit(c);
    save('rootline.timeline.split', c);
  };
  const onSplitDrag = (e: RPointerEvent<HTMLDivElement>) => {
    if (e.buttons !== 1 || !e.currentTarget.hasPointerCapture(e.pointerId)) return;
    const r = center.current?.getBoundingClientRect();
    if (r && r.height > 0) setSplitSaved((e.clientY - r.top) / r.height);
  };
  const onSplitKey = (e: RKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      setSplitSaved(split + (e.key === 'ArrowUp' ? -0.05 : 0.05));
    }
  };

  // ---- Selection, panel, gestures ----
  const [selection, setSelection] = useState<TimeWindow | null>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [dragMode, setDragMode] = useState<DragMode>('pan');

  const anchorIn = (w: TimeWindow) => {
    const c = cursor.get();
    return c !== null && c >= w.from && c <= w.to ? c : (w.from + w.to) / 2;
  };
  const zoomBy = (factor: number, atCursor: boolean) => setWin((w) => zoomWindow(w, factor, atCursor ? anchorIn(w) : (w.from + w.to) / 2, extent));
  const panBy = (sign: number) => setWin((w) => panWindow(w, sign * keyPanStep(w, false), extent));
  const fitAll = () => setWin(() => fit);
  const zoomTo = (w: TimeWindow) => setWin(() => clampWindow(w, extent));
  const zoomToSelection = () => {
    if (!selection) return;
    zoomTo(selection);
    setSelection(null);
  };
  const annotateAt = (ts: number, tsEnd?: number) => setPanel({ kind: 'new', target: tsEnd !== undefined ? { ts, tsEnd } : { ts } });
  const newAnnotation = () => {
    if (selection) return annotateAt(selection.from, selection.to);
    const c = cursor.get() ?? cursor.last;
    annotateAt(Math.round(c !== null && c >= win.from && c <= win.to ? c : (win.from + win.to) / 2));
  };

  const shortcuts = useMemo<Record<string, () => void>>(
    () => ({
      '+': () => zoomBy(0.5, true),
      '=': () => zoomBy(0.5, true),
      '-': () => zoomBy(2, true),
      ArrowLeft: () => panBy(-1),
      ArrowRight: () => panBy(1),
      '0': fitAll,
      z: zoomToSelection,
      n: newAnnotation,
      Escape: () => {
        if (panel) setPanel(null);
        else setSelection(null);
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [selection, panel, win, fit, extent],
  );
  useShortcuts(shortcuts);

  const openRow = (r: TimelineRow) => {
    if (r.type === 'finding') {
      const id = refId(r.ref, 'finding');
      if (id !== null) setPanel({ kind: 'findings', title: r.kind ?? 'Finding', ids: [id] });
    } else if (r.type === 'annotation') {
      const id = refId(r.ref, 'annotation');
      if (id !== null) setPanel({ kind: 'annotation', id });
    } else if (r.fileId !== undefined) {
      navigate(href(bundle, 'file', r.fileId, { line: r.line, ...(r.endLine ? { end: r.endLine } : {}) }));
    }
  };
  const onSaved = (a: Annotation, isNew: boolean) => {
    setLocalAnn((l) => [...l.filter((x) => x.id !== a.id), a]);
    if (a.ts !== null) {
      const row: TimelineRow = { type: 'annotation', ts: a.ts, kind: a.marker, text: a.text, ref: `annotation:${a.id}`, ...(a.tsEnd !== null && a.tsEnd > a.ts ? { tsEnd: a.tsEnd } : {}) };
      setPending((p) => [...p.filter((x) => x.ref !== row.ref), row]);
    }
    if (isNew) setSelection(null);
    setPanel(null);
    setVersion((v) => v + 1);
  };
  const onDeleted = (id: number) => {
    setRemoved((s) => new Set(s).add(`annotation:${id}`));
    setPending((p) => p.filter((x) => x.ref !== `annotation:${id}`));
    setPanel(null);
    setVersion((v) => v + 1);
  };

  const kindOptions = useMemo(() => {
    const s = new Set<string>();
    for (const x of overview.findings) s.add(x.signature);
    for (const l of lanes) if (!l.hasEvents) s.add(l.kind);
    for (const r of listRows) if (r.type === 'event' && r.kind) s.add(r.kind);
    for (const m of MARKERS) s.add(m);
    return [...s].sort();
  }, [overview.findings, lanes, listRows]);

  const episodeBands = overview.episodes.flatMap((e) => (e.from !== null && e.to !== null ? [{ id: e.id, from: e.from, to: e.to }] : []));
  const annotationTimes = marks.filter((m) => m.type === 'annotation').map((m) => ({ ts: m.ts, ...(m.tsEnd !== undefined ? { tsEnd: m.tsEnd } : {}), marker: m.kind ?? 'note' }));
  const error = hist.error ?? lanesQ.error ?? marksQ.error ?? overviewQ.error;
  const loading = hist.loading || lanesQ.loading || marksQ.loading || series.loading;
  const filtered = filtersActive(f);
  // The marks (findings, annotations) and the source lanes are two parts of one Lanes component.
  const laneProps: Omit<ComponentProps<typeof Lanes>, 'part'> = {
    bundle,
    win,
    width,
    lanes,
    densities: lanesQ.data ?? new Map(),
    marks,
    hiddenLanes,
    onFindings: (rows, title) => setPanel({ kind: 'findings', title, ids: rows.map((r) => refId(r.ref, 'finding')).filter((x): x is number => x !== null) }),
    onAnnotation: (ref) => {
      const id = refId(ref, 'annotation');
      if (id !== null) setPanel({ kind: 'annotation', id });
    },
    onNewAnnotation: (ts) => annotateAt(ts),
    onPeek: (lane: Lane, from, to) => setPanel({ kind: 'peek', lane, from, to }),
    onSnapshot: (r) => r.fileId !== undefined && navigate(href(bundle, 'file', r.fileId, { line: r.line, ...(r.endLine ? { end: r.endLine } : {}) })),
  };

  return (
    <div className="view wide timeline-view" data-testid="timeline-view">
      <header className="tl-toolbar">
        <div className="tl-toolbar-row">
          <h1>Timeline</h1>
          <span className="tl-range" data-testid="timeline-range" aria-live="polite">
            <span className="mono">{rangeLabel(win)}</span> <span className="muted">UTC · {spanLabel(win.to - win.from)}</span>
            {hist.data ? (
              <span className="muted">
                {' '}
                · {count(hist.data.totalInWindow)} rows{filtered ? ' match' : ''}
              </span>
            ) : null}
          </span>
          <span className="spacer" />
          <div className="tl-buttons" role="group" aria-label="Move and zoom">
            <button type="button" className="icon" onClick={() => panBy(-1)} aria-label="Earlier (←)" title="Earlier (←)" data-testid="timeline-pan-left">
              ◀
            </button>
            <button type="button" className="icon" onClick={() => zoomBy(2, false)} aria-label="Zoom out (−)" title="Zoom out (−)" data-testid="timeline-zoom-out">
              −
            </button>
            <button type="button" className="icon" onClick={() => zoomBy(0.5, false)} aria-label="Zoom in (+)" title="Zoom in (+)" data-testid="timeline-zoom-in">
              +
            </button>
            <button type="button" className="icon" onClick={() => panBy(1)} aria-label="Later (→)" title="Later (→)" data-testid="timeline-pan-right">
              ▶
            </button>
            <button type="button" onClick={fitAll} title="Show the whole bundle (0)" data-testid="timeline-fit">
              Fit all
            </button>
          </div>
          <div className="tl-segmented" role="radiogroup" aria-label="Dragging on the lanes">
            <span className="tl-segmented-label muted small" aria-hidden="true">
              Drag
            </span>
            {(['pan', 'brush'] as const).map((m) => (
              <label key={m} className={dragMode === m ? 'on' : ''} title={m === 'pan' ? 'Dragging the lanes moves in time (Shift+drag selects)' : 'Dragging the lanes selects a range (Shift+drag moves)'}>
                <input type="radio" name="tl-drag" value={m} checked={dragMode === m} onChange={() => setDragMode(m)} data-testid={`timeline-drag-${m}`} aria-label={m === 'pan' ? 'Drag moves in time' : 'Drag selects a range'} />
                {m === 'pan' ? 'moves' : 'selects'}
              </label>
            ))}
          </div>
          <button type="button" className="primary" onClick={newAnnotation} title="Add an annotation at the cursor or over the selection (n)" data-testid="timeline-add-annotation">
            + Annotation
          </button>
        </div>
        <div className="tl-toolbar-row">
          <FilterBar
            filters={f}
            onChange={(nf) => setBaseFilters({ ...nf, text: '', kinds: [] })}
            text={text}
            onText={setText}
            kindsText={kindsText}
            onKindsText={setKindsText}
            lanes={lanes}
            kindOptions={kindOptions}
          />
          <span className="spacer" />
          {loading && (
            <span className="muted small" role="status">
              <span className="spinner" aria-hidden="true" /> loading
            </span>
          )}
          {error && (
            <span role="alert" className="error-text small">
              Could not load the timeline: {error.message}{' '}
              <button type="button" className="link" onClick={() => setVersion((v) => v + 1)}>
                Try again
              </button>
            </span>
          )}
          <Popover label="?" title="How to use the timeline: gestures and keys" align="right" testId="timeline-help" className="tl-help-button">
            {() => <GestureHelp />}
          </Popover>
        </div>
      </header>

      <div className="tl-body">
        <div className="tl-center" ref={center}>
          <div className="tl-plot-pane" ref={paneRef} style={{ maxHeight: `${Math.round(split * 100)}%` }}>
            {selection && (
              <div className="tl-floating">
                <div className="tl-selection-bar" role="group" aria-label="Selection" data-testid="timeline-selection-bar">
                  <span className="mono">
                    {clock(selection.from)} → {clock(selection.to)}
                  </span>
                  <span className="muted">{spanLabel(selection.to - selection.from)}</span>
                  <button type="button" onClick={zoomToSelection} data-testid="timeline-zoom-selection" title="Zoom to the selection (z)">
                    Zoom
                  </button>
                  <button type="button" onClick={() => annotateAt(selection.from, selection.to)} data-testid="timeline-annotate-selection" title="Annotate the selection (n)">
                    Annotate
                  </button>
                  <button type="button" className="icon" onClick={() => setSelection(null)} aria-label="Clear the selection" title="Clear the selection (Esc)">
                    ×
                  </button>
                </div>
              </div>
            )}
            {ready && (
              <Plot
                win={win}
                extent={fit}
                width={width}
                onWindow={setWin}
                hist={hist.data}
                overviewDensity={overviewQ.data?.density ?? null}
                selection={selection}
                onSelection={setSelection}
                dragMode={dragMode}
                cursor={cursor}
                onBucket={(from) => setListFrom(from)}
                annotationTimes={annotationTimes}
                episodes={episodeBands}
              >
                <Lanes part="marks" {...laneProps} />
                <Charts
                  specs={specs}
                  infos={infoMap}
                  data={series.data}
                  errors={seriesError ? [seriesError, ...series.errors] : series.errors}
                  win={win}
                  width={width}
                  cursor={cursor}
                  hasSeries={seriesInfos.length > 0}
                  picker={<SeriesPicker infos={seriesInfos} selected={selectedSeries} suggested={suggested} onChange={chooseSeries} />}
                  onPoint={(p: SeriesPoint) => navigate(href(bundle, 'file', p.fileId, { line: p.line }))}
                />
                <Lanes part="sources" {...laneProps} />
              </Plot>
            )}
          </div>
          <div
            className="tl-splitter"
            role="separator"
            aria-orientation="horizontal"
            aria-label="Resize the plot and the row list"
            aria-valuemin={20}
            aria-valuemax={90}
            aria-valuenow={Math.round(split * 100)}
            tabIndex={0}
            onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
            onPointerMove={onSplitDrag}
            onKeyDown={onSplitKey}
            title="Drag (or ↑/↓) to give the plot or the rows more room"
            data-testid="timeline-splitter"
          />
          <RowList
            bundle={bundle}
            rows={listRows}
            total={first.data && !first.loading ? first.data.totalInWindow : null}
            more={!!nextCursor}
            loading={first.loading || !!mine?.loading}
            error={mine?.error ?? first.error}
            onRetry={() => setVersion((v) => v + 1)}
            onMore={loadMore}
            onOpen={openRow}
            cursor={cursor}
            from={listQuery.from !== win.from ? listQuery.from! : null}
            onFromStart={() => setListFrom(null)}
            filtered={filtered}
            onClearFilters={clearFilters}
            withDate={new Date(win.from).toISOString().slice(0, 10) !== new Date(win.to - 1).toISOString().slice(0, 10)}
          />
        </div>
        {panel && (
          <DetailPanel
            bundle={bundle}
            panel={panel}
            findings={findingsById}
            annotations={annotations}
            eventFilters={queryFilters(f, ['event'])}
            onClose={() => setPanel(null)}
            onZoom={zoomTo}
            onSaved={onSaved}
            onDeleted={onDeleted}
            onListFrom={(ts) => setListFrom(ts)}
            fileOfPath={fileOfPath}
          />
        )}
      </div>
    </div>
  );
}

/** "2026-11-22 04:39:41 → 04:43:17" (milliseconds only when the window is that short; the end's date only when it differs). */
function rangeLabel(w: TimeWindow): string {
  const precise = w.to - w.from < 10_000;
  const a = new Date(w.from).toISOString();
  const b = new Date(w.to).toISOString();
  const t = (iso: string) => iso.slice(11, precise ? 23 : 19);
  return `${a.slice(0, 10)} ${t(a)} → ${b.slice(0, 10) === a.slice(0, 10) ? '' : `${b.slice(0, 10)} `}${t(b)}`;
}

function GestureHelp() {
  return (
    <div className="tl-help small">
      <table>
        <tbody>
          <tr><th>Zoom</th><td>wheel over the time axis or the histogram, Ctrl/⌘+wheel anywhere, <kbd>+</kbd> <kbd>−</kbd>, the buttons</td></tr>
          <tr><th>Move</th><td>drag the lanes, Shift+wheel, <kbd>←</kbd> <kbd>→</kbd>, drag the window on the whole-bundle strip</td></tr>
          <tr><th>Select a range</th><td>drag on the histogram or a chart, Shift+drag on the lanes (or pick “Drag selects”); then zoom to it (<kbd>z</kbd>) or annotate it (<kbd>n</kbd>)</td></tr>
          <tr><th>Show everything</th><td><kbd>0</kbd> or “Fit all”</td></tr>
          <tr><th>Open evidence</th><td>click a finding, a snapshot diamond, a lane (its events in that bucket), a chart point or a row</td></tr>
          <tr><th>Annotate</th><td><kbd>n</kbd> at the cursor (or over the selection), or click an empty spot of the Annotations row</td></tr>
          <tr><th>Close</th><td><kbd>Esc</kbd> closes the side panel, then clears the selection</td></tr>
        </tbody>
      </table>
    </div>
  );
}
