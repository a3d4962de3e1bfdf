/**
 * The lanes: findings (one row per signature, ranges coloured by severity), annotations (flags and
 * ranges in their marker colours), then one lane per source with its events (coloured by level) and
 * snapshots (diamonds). Clicking opens what is under the pointer.
 */
import { useState, type MouseEvent as RMouseEvent } from 'react';
import type { TimelineDensity, TimelineRow } from '../../../../engine/timeline/types';
import { MARKER_LABELS, type Marker } from '../../../../engine/model/annotation';
import { href } from '../../app/router';
import { count } from '../../components/format';
import { countSummary, laneCells, rangePx } from './model/bars';
import { findingRows, nearestRow, rowsAt, type Lane } from './model/lanes';
import { clock, msPerPx, tsOf, xOf, type TimeWindow } from './model/scale';
import { SectionHead } from './Section';

const LANE_H = 20;
const FINDING_H = 16;

/** Time under a click on an SVG row. */
const clickTs = (e: RMouseEvent<SVGSVGElement>, win: TimeWindow, width: number) => tsOf(win, width, e.clientX - e.currentTarget.getBoundingClientRect().left);

export function Lanes({
  part,
  bundle,
  win,
  width,
  lanes,
  densities,
  marks,
  hiddenLanes,
  onFindings,
  onAnnotation,
  onNewAnnotation,
  onPeek,
  onSnapshot,
}: {
  /** The findings and annotations rows, or the source lanes. */
  part: 'marks' | 'sources';
  bundle: string;
  win: TimeWindow;
  width: number;
  lanes: readonly Lane[];
  densities: ReadonlyMap<string, TimelineDensity>;
  marks: readonly TimelineRow[];
  hiddenLanes: ReadonlySet<string>;
  onFindings: (rows: TimelineRow[], title: string) => void;
  onAnnotation: (ref: string) => void;
  onNewAnnotation: (ts: number) => void;
  onPeek: (lane: Lane, from: number, to: number) => void;
  onSnapshot: (row: TimelineRow) => void;
}) {
  const slop = msPerPx(win, width) * 5;
  const groups = findingRows(marks);
  const annotations = marks.filter((m) => m.type === 'annotation');
  const snapshotsByFile = new Map<number, TimelineRow[]>();
  for (const m of marks) if (m.type === 'snapshot' && m.fileId !== undefined) snapshotsByFile.set(m.fileId, [...(snapshotsByFile.get(m.fileId) ?? []), m]);
  const shown = lanes.filter((l) => !hiddenLanes.has(l.key));
  // One top for every lane's shading, so a busy log reads busier than a quiet one.
  let top = 1;
  for (const d of densities.values()) for (const c of d.counts) top = Math.max(top, c);
  const [open, setOpen] = useState(true);

  if (part === 'marks') return (
    <div className="tl-lanes" data-region="lanes" data-testid="timeline-marks">
      <SectionHead title="Findings" meta={`${groups.reduce((a, g) => a + g.items.length, 0)} in view`} open={open} onToggle={() => setOpen((o) => !o)} testId="timeline-toggle-findings" />
      {open && groups.length === 0 && (
        <div className="tl-row tl-finding-row">
          <div className="tl-label muted small">none in view</div>
        </div>
      )}
      {open && groups.map((g) => (
        <div className="tl-row tl-finding-row" key={g.signature} data-testid="timeline-finding-row">
          <div className="tl-label">
            <button type="button" className="link tl-lane-name" onClick={() => onFindings(g.items, g.signature)} title={`${g.items.length} finding${g.items.length === 1 ? '' : 's'}: ${g.signature} — open`}>
              <span className={`tl-dot sev-${g.severity}`} aria-hidden="true" />
              {g.signature}
              {g.items.length > 1 ? <span className="muted"> ×{g.items.length}</span> : null}
            </button>
          </div>
          <svg
            className="tl-area tl-clickable"
            width={width}
            height={FINDING_H}
            role="img"
            aria-label={`${g.signature}: ${g.items.length} findings`}
            onClick={(e) => {
              const hit = rowsAt(g.items, clickTs(e, win, width), slop);
              if (hit.length) onFindings(hit, g.signature);
            }}
          >
            {g.items.map((r) => {
              const px = rangePx(win, width, r.ts, r.tsEnd, 5);
              if (!px) return null;
              return (
                <rect key={r.ref} x={px.x} width={px.w} y={4} height={FINDING_H - 8} rx={2} className={`tl-finding sev-${r.severity ?? 'info'}`} data-testid="timeline-finding">
                  <title>{`${r.text}\n${clock(r.ts, true)}${r.tsEnd ? ` → ${clock(r.tsEnd, true)}` : ''} UTC · ${r.severity} — click for the evidence`}</title>
                </rect>
              );
            })}
          </svg>
        </div>
      ))}

      <div className="tl-row tl-ann-row" data-testid="timeline-annotation-row">
        <div className="tl-label small">
          Annotations <span className="muted">· {annotations.length}</span>
        </div>
        <svg
          className="tl-area tl-clickable"
          width={width}
          height={LANE_H}
          role="img"
          aria-label={`${annotations.length} annotations; click an empty spot to add one there`}
          onClick={(e) => {
            const ts = clickTs(e, win, width);
            const hit = nearestRow(
              annotations.filter((a) => a.tsEnd === undefined || !(a.ts - slop <= ts && a.tsEnd + slop >= ts)),
              ts,
              slop,
            ) ?? annotations.find((a) => a.tsEnd !== undefined && a.ts - slop <= ts && a.tsEnd + slop >= ts);
            if (hit) onAnnotation(hit.ref);
            else onNewAnnotation(Math.round(ts));
          }}
        >
          <title>Click a flag to edit it, or an empty spot to add a note there</title>
          {annotations.map((a) => {
            const marker = (a.kind ?? 'note') as Marker;
            const label = `${MARKER_LABELS[marker] ?? marker}: ${a.text}`;
            if (a.tsEnd !== undefined) {
              const px = rangePx(win, width, a.ts, a.tsEnd, 4);
              if (!px) return null;
              return (
                <g key={a.ref} className={`tl-ann marker-${marker}`} data-testid="timeline-annotation">
                  <title>{`${label}\n${clock(a.ts, true)} → ${clock(a.tsEnd, true)} UTC — click to edit`}</title>
                  <rect x={px.x} width={px.w} y={6} height={10} rx={2} />
                  {px.w > 40 && (
                    <text x={px.x + 4} y={14.5} className="tl-ann-text">
                      {a.text.length > px.w / 6.5 ? `${a.text.slice(0, Math.max(1, Math.floor(px.w / 6.5) - 1))}…` : a.text}
                    </text>
                  )}
                </g>
              );
            }
            const x = xOf(win, width, a.ts);
            if (x < -2 || x > width + 2) return null;
            // The note's words after the flag, as far as the next annotation leaves room.
            const next = Math.min(width, ...annotations.map((b) => xOf(win, width, b.ts)).filter((bx) => bx > x + 1));
            const chars = Math.floor((next - x - 16) / 6.2);
            return (
              <g key={a.ref} className={`tl-ann marker-${marker}`} data-testid="timeline-annotation">
                <title>{`${label}\n${clock(a.ts, true)} UTC — click to edit`}</title>
                <line x1={x} x2={x} y1={2} y2={LANE_H} />
                <path d={`M${x},2 l9,4 l-9,4 z`} />
                {chars >= 4 && (
                  <text x={x + 12} y={14} className="tl-ann-label">
                    {a.text.length > chars ? `${a.text.slice(0, chars - 1)}…` : a.text}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>

    </div>
  );

  return (
    <div className="tl-lanes" data-region="lanes" data-testid="timeline-lanes">
      <SectionHead title="Sources" meta={`${count(shown.length)} lane${shown.length === 1 ? '' : 's'}`} open={open} onToggle={() => setOpen((o) => !o)} testId="timeline-toggle-sources" />
      {open && shown.map((l) => {
        const d = densities.get(l.key);
        const cells = d ? laneCells(d, win, width, top, LANE_H - 10, LANE_H - 5) : [];
        const snaps = l.fileIds.flatMap((id) => snapshotsByFile.get(id) ?? []);
        const cover = l.first !== null && l.last !== null ? rangePx(win, width, l.first, l.last, 1) : null;
        const name = l.label.slice(l.label.lastIndexOf('/') + 1);
        const dir = l.label.slice(0, l.label.lastIndexOf('/') + 1);
        const detail = [l.kind, l.events ? `${count(l.events)} events` : '', l.errors ? `${count(l.errors)} errors` : '', l.warnings ? `${count(l.warnings)} warnings` : '', l.snapshots ? `${count(l.snapshots)} snapshot${l.snapshots === 1 ? '' : 's'}` : '', l.metricPoints ? `${count(l.metricPoints)} metric points` : '', l.fileIds.length > 1 ? `${l.fileIds.length} files` : '']
          .filter(Boolean)
          .join(' · ');
        return (
          <div className="tl-row tl-lane" key={l.key} data-testid="timeline-lane">
            <div className="tl-label" title={`${l.paths.length > 1 ? l.paths.join('\n') : l.label}\n${detail}`}>
              {l.fileIds.length === 1 ? (
                <a className="tl-lane-name" href={href(bundle, 'file', l.fileIds[0])}>
                  <span className="muted">{dir}</span>
                  {name}
                </a>
              ) : (
                <span className="tl-lane-name">
                  <span className="muted">{dir}</span>
                  {name}
                </span>
              )}
              <span className="tl-lane-meta muted small">{l.errors ? <span className="lvl-text-error">{count(l.errors)} err</span> : l.hasEvents ? count(l.events) : l.snapshots ? `${l.snapshots}×` : ''}</span>
            </div>
            <svg
              className="tl-area tl-clickable"
              width={width}
              height={LANE_H}
              role="img"
              aria-label={`${l.label}: ${detail}`}
              onClick={(e) => {
                const ts = clickTs(e, win, width);
                const snap = nearestRow(snaps, ts, slop);
                if (snap) return onSnapshot(snap);
                const cell = cells.find((c) => c.from <= ts && ts < c.to) ?? cells.find((c) => Math.abs((c.from + c.to) / 2 - ts) <= slop);
                if (cell) onPeek(l, cell.from, cell.to);
              }}
            >
              {cover && <rect className="tl-cover" x={cover.x} width={cover.w} y={LANE_H / 2 - 0.5} height={1} />}
              <g shapeRendering="crispEdges">
              {cells.map((c) => (
                <g key={c.i} style={{ opacity: c.intensity }}>
                  <title>{`${clock(c.from)} – ${clock(c.to)} UTC: ${countSummary(c.count, c.errors, c.warnings, 'events')} — click to see them`}</title>
                  {c.segments.map((sg) => (
                    <rect key={sg.level} x={c.x} width={Math.max(1, c.w)} y={sg.y} height={sg.h} className={`lvl-${sg.level}`} />
                  ))}
                </g>
              ))}
              </g>
              {snaps.map((s) => {
                const x = xOf(win, width, s.ts);
                if (x < -4 || x > width + 4) return null;
                return (
                  <path key={s.ref} className="tl-snap" d={`M${x},${LANE_H / 2 - 5} l5,5 l-5,5 l-5,-5 z`} data-testid="timeline-snapshot">
                    <title>{`${s.text}\n${s.file}:${s.line} · ${clock(s.ts, true)} UTC — click to open`}</title>
                  </path>
                );
              })}
            </svg>
          </div>
        );
      })}
    </div>
  );
}
