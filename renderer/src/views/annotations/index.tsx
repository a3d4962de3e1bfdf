import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Annotation, Marker } from '../../../../engine/model/annotation';
import { MARKERS, MARKER_LABELS } from '../../../../engine/model/annotation';
import { api } from '../../api/client';
import { useBundle } from '../../app/bundle-context';
import { href, navigate, type Route } from '../../app/router';
import { useShortcuts } from '../../app/shortcuts';
import { useAsync } from '../../app/use-async';
import { AnnotationEditor } from '../../components/AnnotationEditor';
import { utc } from '../../components/format';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { bundleSpan } from '../overview/shape';
import { timelineWindow, utcRange } from '../overview/time';
import { describeWhen, filterByMarker, formatUtcInput, markerCounts, parseMarker, parseWhen, sortAnnotations } from './notes';
import './annotations.css';

/** Every note on the incident: filter by marker, edit, delete, and add one at a time typed in UTC. */
export default function AnnotationsView({ route }: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref, overview } = useBundle();
  const { data, error, loading, reload } = useAsync(() => api.annotations(ref), [ref]);
  const marker = parseMarker(route.params.get('marker'));
  const [adding, setAdding] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const span = useMemo(() => bundleSpan(overview.files), [overview.files]);
  const fileIds = useMemo(() => new Map(overview.files.map((f) => [f.path, f.id])), [overview.files]);

  const all = useMemo(() => sortAnnotations(data ?? []), [data]);
  const counts = useMemo(() => markerCounts(all), [all]);
  const shown = useMemo(() => filterByMarker(all, marker), [all, marker]);

  const shortcuts = useMemo(() => ({ n: () => setAdding(true) }), []);
  useShortcuts(shortcuts);

  const listRef = useRef<HTMLOListElement>(null);
  const setMarker = (m: Marker | null) => navigate(href(ref, 'annotations', null, m ? { marker: m } : {}));
  const changed = (msg: string) => {
    setFlash(msg);
    reload();
  };
  const deleted = () => {
    changed('Annotation deleted.');
    // The item and its focused button are gone: keep the keyboard in the list.
    listRef.current?.focus();
  };

  return (
    <div className="view annotations" data-testid="annotations-view">
      <div className="an-title">
        <h1>Annotations</h1>
        {!adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="annotation-new" aria-keyshortcuts="n">
            New annotation <kbd>n</kbd>
          </button>
        )}
      </div>
      <p className="muted an-intro">
        What you noticed and when: the moment it was detected, diagnosed, repaired, key moments and plain notes. They go into the postmortem’s timeline. Add them here at a
        time you type (UTC), or from the Timeline and the file viewer (press <kbd>n</kbd> there).
      </p>
      <p className="sr-only" role="status" aria-live="polite">
        {flash ?? ''}
      </p>

      {adding && (
        <NewAnnotation
          bundle={ref}
          span={span}
          onCancel={() => setAdding(false)}
          onSaved={(a) => {
            setAdding(false);
            if (marker && a.marker !== marker) setMarker(null);
            changed('Annotation added.');
          }}
        />
      )}

      {error && <ErrorState error={error} onRetry={reload} />}
      {!data && !error && <Loading label="Loading annotations…" />}
      {data && (
        <>
          {all.length > 0 && (
            <fieldset className="an-filter" data-testid="annotation-filter">
              <legend>Show</legend>
              <label className={`an-filter-option${marker === null ? ' selected' : ''}`} data-testid="annotation-filter-all">
                <input type="radio" name="an-filter" checked={marker === null} onChange={() => setMarker(null)} />
                All <span className="an-count">{all.length}</span>
              </label>
              {MARKERS.map((m) => (
                <label key={m} className={`an-filter-option marker-${m}${marker === m ? ' selected' : ''}`} data-testid={`annotation-filter-${m}`}>
                  <input type="radio" name="an-filter" checked={marker === m} onChange={() => setMarker(m)} />
                  <span className="an-dot" aria-hidden="true" />
                  {MARKER_LABELS[m]} <span className="an-count">{counts[m]}</span>
                </label>
              ))}
              {loading && <span className="spinner" aria-label="Updating" />}
            </fieldset>
          )}
          {all.length === 0 ? (
            <EmptyState title="No annotations yet">
              <p>
                Mark when the incident was detected, what you found and when it was repaired: use <strong>New annotation</strong> above with a time in UTC, or select a moment on the{' '}
                <a href={href(ref, 'timeline')}>Timeline</a> or a line in a file and press <kbd>n</kbd>.
              </p>
            </EmptyState>
          ) : shown.length === 0 ? (
            <EmptyState title={`No ${MARKER_LABELS[marker!]} annotations`}>
              <p>
                <button type="button" className="link" onClick={() => setMarker(null)}>
                  Show all {all.length} annotations
                </button>
              </p>
            </EmptyState>
          ) : (
            <ol className="an-list" data-testid="annotation-list" ref={listRef} tabIndex={-1} aria-label="Annotations">
              {shown.map((a) => (
                <Item key={a.id} bundle={ref} a={a} fileId={a.filePath ? fileIds.get(a.filePath) ?? null : null} onChanged={changed} onDeleted={deleted} />
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

/** Step 1: when (UTC, a point or a range); step 2: the shared editor for marker and text. */
function NewAnnotation({
  bundle,
  span,
  onSaved,
  onCancel,
}: {
  bundle: string;
  span: { first: number; last: number } | null;
  onSaved: (a: Annotation) => void;
  onCancel: () => void;
}) {
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [when, setWhen] = useState<{ ts: number; tsEnd: number | null } | null>(null);
  const [err, setErr] = useState<{ field: 'start' | 'end'; error: string } | null>(null);
  const startRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!when) startRef.current?.focus();
  }, [when]);

  const next = (e: FormEvent) => {
    e.preventDefault();
    const w = parseWhen(start, end, span?.first ?? null);
    if (!w.ok) {
      setErr({ field: w.field, error: w.error });
      return;
    }
    setErr(null);
    setWhen({ ts: w.ts, tsEnd: w.tsEnd });
  };

  return (
    <section className="an-new" aria-labelledby="an-new-h" data-testid="annotation-new-form">
      <h2 id="an-new-h">New annotation</h2>
      {when ? (
        <>
          <p className="an-new-when">
            <span className="muted">When:</span> <strong data-testid="annotation-new-when">{describeWhen(when)}</strong>{' '}
            <button type="button" className="link" onClick={() => setWhen(null)}>
              Change
            </button>
          </p>
          <AnnotationEditor bundle={bundle} target={when} onSaved={onSaved} onCancel={onCancel} />
        </>
      ) : (
        <form className="an-when-form" onSubmit={next} noValidate>
          <div className="an-when-fields">
            <label>
              <span>From (UTC)</span>
              <input
                ref={startRef}
                value={start}
                onChange={(e) => setStart(e.target.value)}
                placeholder={span ? formatUtcInput(span.first).slice(0, 19) : 'YYYY-MM-DD HH:MM:SS'}
                spellCheck={false}
                aria-invalid={err?.field === 'start'}
                aria-describedby="an-when-help an-when-error"
                data-testid="annotation-start"
              />
            </label>
            <label>
              <span>To (UTC, optional)</span>
              <input
                value={end}
                onChange={(e) => setEnd(e.target.value)}
                placeholder="for a range"
                spellCheck={false}
                aria-invalid={err?.field === 'end'}
                aria-describedby="an-when-help an-when-error"
                data-testid="annotation-end"
              />
            </label>
            {span && (
              <button type="button" onClick={() => setStart(formatUtcInput(span.first))} title="Fill in the time of the first record">
                Start of the logs
              </button>
            )}
          </div>
          <p id="an-when-help" className="muted small">
            {span ? `The logs cover ${utcRange(span.first, span.last)}. ` : ''}Type YYYY-MM-DD HH:MM:SS in UTC; a time alone is on the logs’ first day, an end time alone on the start’s
            day; an offset like +09:00 is converted.
          </p>
          <p id="an-when-error" className="error-text" role="alert">
            {err ? `${err.field === 'start' ? 'From' : 'To'}: ${err.error}.` : ''}
          </p>
          <div className="row">
            <button type="submit" className="primary" data-testid="annotation-when-next">
              Next: what happened
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Item({
  bundle,
  a,
  fileId,
  onChanged,
  onDeleted,
}: {
  bundle: string;
  a: Annotation;
  fileId: number | null;
  onChanged: (msg: string) => void;
  onDeleted: () => void;
}) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const range = timelineWindow(a.ts, a.tsEnd);

  useEffect(() => {
    if (mode === 'confirm') confirmRef.current?.focus();
  }, [mode]);

  const remove = async () => {
    setBusy(true);
    setErr(null);
    try {
      await api.deleteAnnotation(bundle, a.id);
      onDeleted();
    } catch (e) {
      setErr((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <li className={`an-item marker-${a.marker}`} data-testid="annotation" data-marker={a.marker} aria-label={`${MARKER_LABELS[a.marker]} annotation`}>
      <div className="an-head">
        <span className="an-marker">
          <span className="an-dot" aria-hidden="true" />
          {MARKER_LABELS[a.marker]}
        </span>
        {range ? (
          <a className="an-when" href={href(bundle, 'timeline', null, range)} title="Show on the timeline" data-testid="annotation-time">
            {describeWhen(a)}
          </a>
        ) : (
          <span className="an-when muted">no time</span>
        )}
        {a.filePath &&
          (fileId !== null ? (
            <a className="an-file mono" href={href(bundle, 'file', fileId, a.line ? { line: a.line } : {})} data-testid="annotation-file-link">
              {a.filePath}
              {a.line ? `:${a.line}` : ''}
            </a>
          ) : (
            <span className="an-file mono muted" title="This file is not in the bundle as it was read this time">
              {a.filePath}
              {a.line ? `:${a.line}` : ''}
            </span>
          ))}
        {a.ref && <span className="muted small mono">{a.ref}</span>}
      </div>
      {mode === 'edit' ? (
        <AnnotationEditor
          bundle={bundle}
          target={{}}
          existing={a}
          onSaved={() => {
            setMode('view');
            onChanged('Annotation saved.');
          }}
          onCancel={() => {
            setMode('view');
            requestAnimationFrame(() => editRef.current?.focus());
          }}
        />
      ) : (
        <>
          <p className="an-text" data-testid="annotation-text">
            {a.text}
          </p>
          <div className="an-foot">
            <span className="muted small">
              added {utc(a.createdAt)}
              {a.updatedAt !== a.createdAt ? ` · edited ${utc(a.updatedAt)}` : ''}
            </span>
            {mode === 'confirm' ? (
              <span className="an-confirm" role="group" aria-label="Confirm deletion">
                <span>Delete this annotation? This cannot be undone.</span>
                <button type="button" ref={confirmRef} className="danger" onClick={remove} disabled={busy} data-testid="annotation-delete-confirm">
                  Delete
                </button>
                <button type="button" onClick={() => setMode('view')} disabled={busy} data-testid="annotation-delete-cancel">
                  Keep
                </button>
              </span>
            ) : (
              <span className="an-actions">
                <button type="button" ref={editRef} onClick={() => setMode('edit')} data-testid="annotation-edit">
                  Edit
                </button>
                <button type="button" onClick={() => setMode('confirm')} data-testid="annotation-delete">
                  Delete
                </button>
              </span>
            )}
          </div>
          {err && (
            <p className="error-text" role="alert">
              {err}
            </p>
          )}
        </>
      )}
    </li>
  );
}
