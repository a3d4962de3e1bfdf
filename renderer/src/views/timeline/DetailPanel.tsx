/**
 * The side panel: the evidence of the findings under a click, the annotation being added or
 * edited, or the events of one lane in one histogram bucket.
 */
import { useState } from 'react';
import type { Annotation } from '../../../../engine/model/annotation';
import type { Finding } from '../../../../engine/model/finding';
import type { TimelineFilters } from '../../../../engine/timeline/types';
import { api } from '../../api/client';
import { href } from '../../app/router';
import { AnnotationEditor, type AnnotationTarget } from '../../components/AnnotationEditor';
import { SeverityBadge } from '../../components/Badges';
import { EvidenceList } from '../../components/Evidence';
import { count } from '../../components/format';
import { ErrorState, Loading } from '../../components/States';
import { useQuery } from './hooks';
import type { Lane } from './model/lanes';
import { levelClassOf, levelName } from './model/filters';
import { clock, spanLabel, type TimeWindow } from './model/scale';

export type Panel =
  | { kind: 'findings'; title: string; ids: number[] }
  | { kind: 'annotation'; id: number }
  | { kind: 'new'; target: AnnotationTarget }
  | { kind: 'peek'; lane: Lane; from: number; to: number };

const MAX_FINDINGS = 20;

export function DetailPanel({
  bundle,
  panel,
  findings,
  annotations,
  eventFilters,
  onClose,
  onZoom,
  onSaved,
  onDeleted,
  onListFrom,
  fileOfPath,
}: {
  bundle: string;
  panel: Panel;
  fileOfPath: (path: string) => number | undefined;
  findings: ReadonlyMap<number, Finding>;
  annotations: readonly Annotation[];
  /** Filters for the events of a peek (level, kinds, text). */
  eventFilters: TimelineFilters;
  onClose: () => void;
  onZoom: (w: TimeWindow) => void;
  onSaved: (a: Annotation, isNew: boolean) => void;
  onDeleted: (id: number) => void;
  onListFrom: (ts: number) => void;
}) {
  const title =
    panel.kind === 'findings' ? panel.title : panel.kind === 'annotation' ? 'Edit annotation' : panel.kind === 'new' ? 'New annotation' : `Events in ${panel.lane.label}`;
  return (
    <aside className="tl-panel" aria-label={title} data-testid="timeline-panel">
      <header className="tl-panel-head">
        <h2>{title}</h2>
        <button type="button" className="icon" onClick={onClose} aria-label="Close the panel" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className="tl-panel-body">
        {panel.kind === 'findings' && <FindingsPanel bundle={bundle} ids={panel.ids} findings={findings} onZoom={onZoom} />}
        {panel.kind === 'new' && <AnnotationEditor key={`new:${panel.target.ts}:${panel.target.tsEnd}`} bundle={bundle} target={panel.target} onSaved={(a) => onSaved(a, true)} onCancel={onClose} />}
        {panel.kind === 'annotation' && (
          <EditAnnotation bundle={bundle} a={annotations.find((x) => x.id === panel.id)} fileOfPath={fileOfPath} onSaved={(a) => onSaved(a, false)} onDeleted={onDeleted} onCancel={onClose} onZoom={onZoom} />
        )}
        {panel.kind === 'peek' && <Peek bundle={bundle} lane={panel.lane} from={panel.from} to={panel.to} filters={eventFilters} onZoom={onZoom} onListFrom={onListFrom} />}
      </div>
    </aside>
  );
}

function pad(first: number, last: number): TimeWindow {
  const s = Math.max(last - first, 1000);
  return { from: first - s * 0.25, to: last + s * 0.25 };
}

function FindingsPanel({ bundle, ids, findings, onZoom }: { bundle: string; ids: number[]; findings: ReadonlyMap<number, Finding>; onZoom: (w: TimeWindow) => void }) {
  const [all, setAll] = useState(false);
  const list = ids.map((id) => findings.get(id)).filter((f): f is Finding => !!f);
  if (list.length === 0) return <p className="muted">These findings are no longer in the analysis; reload the bundle.</p>;
  const shown = all ? list : list.slice(0, MAX_FINDINGS);
  return (
    <div className="tl-findings">
      {list.length > 1 && <p className="muted small">{list.length} findings under the pointer, worst first.</p>}
      {shown.map((f) => (
        <article key={f.id} className="tl-finding-card" data-testid="timeline-finding-detail">
          <h3>
            <SeverityBadge severity={f.severity} /> {f.title}
          </h3>
          <p className="muted small">
            {f.first !== null ? clock(f.first, true) : 'no time'}
            {f.last !== null && f.last !== f.first ? ` → ${clock(f.last, true)}` : ''} UTC
            {f.first !== null && f.last !== null && f.last > f.first ? ` · ${spanLabel(f.last - f.first)}` : ''} · {count(f.count)} occurrence{f.count === 1 ? '' : 's'} · <code>{f.signature}</code>
          </p>
          <p>{f.summary}</p>
          {f.first !== null && (
            <button type="button" onClick={() => onZoom(pad(f.first!, f.last ?? f.first!))}>
              Zoom to this finding
            </button>
          )}
          <EvidenceList bundle={bundle} items={f.evidence} />
        </article>
      ))}
      {!all && list.length > MAX_FINDINGS && (
        <button type="button" onClick={() => setAll(true)}>
          Show {list.length - MAX_FINDINGS} more
        </button>
      )}
    </div>
  );
}

function EditAnnotation({
  bundle,
  a,
  onSaved,
  onDeleted,
  onCancel,
  onZoom,
  fileOfPath,
}: {
  bundle: string;
  a: Annotation | undefined;
  fileOfPath: (path: string) => number | undefined;
  onSaved: (a: Annotation) => void;
  onDeleted: (id: number) => void;
  onCancel: () => void;
  onZoom: (w: TimeWindow) => void;
}) {
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!a) return <p className="muted">This annotation was deleted.</p>;
  const del = async () => {
    try {
      await api.deleteAnnotation(bundle, a.id);
      onDeleted(a.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="tl-edit-annotation">
      <AnnotationEditor key={a.id} bundle={bundle} target={{}} existing={a} onSaved={onSaved} onCancel={onCancel} />
      <div className="row">
        {a.ts !== null && (
          <button type="button" onClick={() => onZoom(pad(a.ts!, a.tsEnd ?? a.ts!))}>
            Zoom to it
          </button>
        )}
        {a.filePath && fileOfPath(a.filePath) !== undefined && (
          <a href={href(bundle, 'file', fileOfPath(a.filePath), a.line ? { line: a.line } : {})} className="small">
            {a.filePath}
            {a.line ? `:${a.line}` : ''}
          </a>
        )}
        <span className="spacer" />
        {confirm ? (
          <>
            <button type="button" className="danger" onClick={del} data-testid="timeline-annotation-delete-confirm">
              Delete it
            </button>
            <button type="button" onClick={() => setConfirm(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirm(true)} data-testid="timeline-annotation-delete">
            Delete…
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}

const PEEK_LIMIT = 200;

function Peek({
  bundle,
  lane,
  from,
  to,
  filters,
  onZoom,
  onListFrom,
}: {
  bundle: string;
  lane: Lane;
  from: number;
  to: number;
  filters: TimelineFilters;
  onZoom: (w: TimeWindow) => void;
  onListFrom: (ts: number) => void;
}) {
  const key = JSON.stringify([bundle, lane.fileIds, from, to, filters]);
  const q = useQuery(key, () => api.timeline(bundle, { from, to, limit: PEEK_LIMIT, buckets: 1, filters: { ...filters, types: ['event'], fileIds: lane.fileIds } }));
  return (
    <div className="tl-peek" data-testid="timeline-peek">
      <p className="muted small">
        {clock(from, true)} → {clock(to)} UTC ({spanLabel(to - from)})
        {q.data ? ` · ${count(q.data.totalInWindow)} event${q.data.totalInWindow === 1 ? '' : 's'}` : ''}
      </p>
      <div className="row">
        <button type="button" onClick={() => onZoom({ from, to })}>
          Zoom to this bucket
        </button>
        <button type="button" onClick={() => onListFrom(from)}>
          Show in the row list
        </button>
      </div>
      {q.error && <ErrorState error={q.error} />}
      {!q.data && !q.error && <Loading label="Loading events…" />}
      {q.data && (
        <ol className="tl-peek-list">
          {q.data.rows.map((r) => (
            <li key={r.ref}>
              <a href={href(bundle, 'file', r.fileId, { line: r.line, ...(r.endLine ? { end: r.endLine } : {}) })}>
                <span className="mono small">{clock(r.ts)}</span> <span className={`tl-c-tag lvl-text-${levelClassOf(r.level)}`}>{levelName(r.level) || 'event'}</span>{' '}
                <span className="mono muted small">
                  {r.file?.slice(r.file.lastIndexOf('/') + 1)}:{r.line}
                </span>
                <span className="tl-peek-text">{r.text}</span>
              </a>
            </li>
          ))}
        </ol>
      )}
      {q.data?.truncated && (
        <p className="muted small">
          Showing the first {PEEK_LIMIT}. Zoom in or list them below for the rest.
        </p>
      )}
    </div>
  );
}
