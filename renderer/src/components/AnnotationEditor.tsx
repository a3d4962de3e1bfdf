import { useState, type FormEvent } from 'react';
import type { Annotation, AnnotationInput, Marker } from '../../../engine/model/annotation';
import { MARKERS, MARKER_LABELS } from '../../../engine/model/annotation';
import { api } from '../api/client';
import { utc } from './format';

export interface AnnotationTarget {
  ts?: number | null;
  tsEnd?: number | null;
  filePath?: string | null;
  line?: number | null;
  ref?: string | null;
}

/**
 * The one form for adding or editing a note — at a time, over a range, or on an evidence line.
 * Used by the timeline, the file viewer and the annotations panel.
 */
export function AnnotationEditor({
  bundle,
  target,
  existing,
  onSaved,
  onCancel,
}: {
  bundle: string;
  target: AnnotationTarget;
  existing?: Annotation;
  onSaved: (a: Annotation) => void;
  onCancel: () => void;
}) {
  const [marker, setMarker] = useState<Marker>(existing?.marker ?? 'note');
  const [text, setText] = useState(existing?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const where = existing ?? target;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const input: AnnotationInput = {
        marker,
        text,
        ts: where.ts ?? null,
        tsEnd: where.tsEnd ?? null,
        filePath: where.filePath ?? null,
        line: where.line ?? null,
        ref: where.ref ?? null,
      };
      onSaved(existing ? await api.updateAnnotation(bundle, existing.id, { marker, text }) : await api.addAnnotation(bundle, input));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="annotation-editor" onSubmit={submit} aria-label={existing ? 'Edit annotation' : 'New annotation'}>
      <div className="muted small">
        {where.ts ? utc(where.ts) : 'no time'}
        {where.tsEnd ? ` → ${utc(where.tsEnd)}` : ''}
        {where.filePath ? ` · ${where.filePath}${where.line ? `:${where.line}` : ''}` : ''}
      </div>
      <fieldset className="markers">
        <legend className="sr-only">Marker</legend>
        {MARKERS.map((m) => (
          <label key={m} className={`marker-option marker-${m}${marker === m ? ' selected' : ''}`}>
            <input type="radio" name="marker" value={m} checked={marker === m} onChange={() => setMarker(m)} />
            {MARKER_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <label htmlFor="annotation-text" className="sr-only">
        Note
      </label>
      <textarea id="annotation-text" value={text} onChange={(e) => setText(e.target.value)} rows={3} placeholder="What happened here?" autoFocus />
      {error && <p role="alert" className="error-text">{error}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={saving || !text.trim()}>
          {existing ? 'Save' : 'Add annotation'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
