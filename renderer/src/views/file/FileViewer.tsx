import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { FileLines } from '../../../../engine/api/engine';
import type { FileSummary } from '../../../../engine/api/report-types';
import type { Annotation } from '../../../../engine/model/annotation';
import { MARKER_LABELS } from '../../../../engine/model/annotation';
import { api } from '../../api/client';
import { useAsync } from '../../app/use-async';
import { useBundle } from '../../app/bundle-context';
import { href, navigate } from '../../app/router';
import { useShortcuts } from '../../app/shortcuts';
import { AnnotationEditor, type AnnotationTarget } from '../../components/AnnotationEditor';
import { KindBadge } from '../../components/Badges';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { count, utc } from '../../components/format';
import { MonacoEditor, type CodeEditor } from '../../monaco/MonacoEditor';
import { monaco } from '../../monaco/monaco';
import { FileDocument } from './document';
import { ProfileTable } from './ProfileTable';
import { eventTimeOfLine } from './event-time';
import { evidenceInFile, languageFor, timeQualityText, timeOfLine, type LineEvidence } from './text';
import { initialSpan, nextLine, targetRange, type LineSpan } from './windowing';

type Editing = { kind: 'add'; target: AnnotationTarget } | { kind: 'edit'; annotation: Annotation };

const EVIDENCE_SHOWN = 50;

/** One file: loads the window around the requested line, then hands over to the editor. */
export function FileViewer({ file, line, end }: { file: FileSummary; line: number | null; end: number | null }) {
  const { ref } = useBundle();
  const [span] = useState(() => initialSpan(line, file.lines));
  const { data, error, reload } = useAsync(() => api.fileLines(ref, file.id, span.from, span.to), [ref, file.id]);
  if (error && !data) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading label={`Reading ${file.path}…`} />;
  if (data.profile) {
    return (
      <div className="file-viewer">
        <FileHeader file={file} />
        <ProfileTable file={file} profile={data.profile} line={line} evidenceLines={data.evidenceLines} />
      </div>
    );
  }
  if (data.lines.length === 0 && file.lines === 0) {
    return (
      <>
        <FileHeader file={file} />
        <EmptyState title="No text to show">
          <p>
            {file.status === 'binary'
              ? 'This file is binary; Rootline lists it but does not show its bytes.'
              : file.kind === 'pprof'
                ? `This profile could not be read${file.note ? `: ${file.note}` : ''}.`
              : file.status === 'refused'
                ? `This file was refused when the bundle was read${file.note ? `: ${file.note}` : ''}.`
                : `This file has no lines to show${file.note ? ` (${file.note})` : ''}.`}{' '}
            Pick another file from the list.
          </p>
        </EmptyState>
      </>
    );
  }
  return <LoadedFile file={file} first={data} line={line} end={end} />;
}

function FileHeader({ file }: { file: FileSummary }) {
  const { overview } = useBundle();
  return (
    <header className="file-header" data-testid="file-header">
      <h1 className="file-path" title={file.path}>
        {file.path}
      </h1>
      <div className="file-facts">
        <KindBadge kind={file.kind} />
        {file.status !== file.kind && (
          <span className={`badge file-status status-${file.status}`} title="How the file was read">
            {file.status}
          </span>
        )}
        {file.kind === 'pprof' ? (
          <span title="Function rows kept: the top ones of each sample type">{count(file.records)} function rows</span>
        ) : (
          <>
            <span>{count(file.lines)} lines</span>
            <span>{count(file.records)} records</span>
          </>
        )}
        {file.skipped > 0 && (
          <span className="skipped" title="Lines the parser did not understand (shown in the file, not in the records)">
            {count(file.skipped)} lines skipped
          </span>
        )}
        <span title="Time quality">{timeQualityText(file.timeQuality, overview.bundle.tz)}</span>
        {file.first !== null && (
          <span>
            {utc(file.first)} → {utc(file.last)}
          </span>
        )}
        {file.encoding && file.encoding !== 'utf8' && file.encoding !== 'utf-8' && <span>{file.encoding}</span>}
      </div>
      {file.note && <p className="file-note small">{file.note}</p>}
    </header>
  );
}

function LoadedFile({ file, first, line, end }: { file: FileSummary; first: FileLines; line: number | null; end: number | null }) {
  const { ref, overview } = useBundle();
  const docRef = useRef<FileDocument | null>(null);
  const editorRef = useRef<CodeEditor | null>(null);
  const jumpRef = useRef<HTMLInputElement>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>(first.annotations);
  const [loading, setLoading] = useState<LineSpan | null>(null);
  const [loadError, setLoadError] = useState<{ error: Error; span: LineSpan } | null>(null);
  const [cursorLine, setCursorLine] = useState(line ?? 1);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [jump, setJump] = useState('');
  const [jumpError, setJumpError] = useState<string | null>(null);
  const [showAllEvidence, setShowAllEvidence] = useState(false);
  // JSON logs put the message far to the right: wrap them by default.
  const [wrap, setWrap] = useState(file.kind === 'pino');
  const total = Math.max(file.lines, first.lines.at(-1)?.line ?? 0, 1);
  const target = targetRange(line, end, total);

  const evidence = useMemo(
    () => evidenceInFile(file.id, [...overview.rootCauses, ...overview.findings], first.evidenceLines),
    [file.id, overview, first.evidenceLines],
  );
  const evidenceLines = useMemo(() => evidence.map((e) => e.line), [evidence]);

  // The editor's handlers are set up once; they read the latest values through this ref.
  const latest = useRef({ annotations, evidence, evidenceLines, cursorLine });
  latest.current = { annotations, evidence, evidenceLines, cursorLine };

  const annotateLine = useCallback(
    (n: number) => {
      const existing = latest.current.annotations.find((a) => a.line === n);
      if (existing) {
        setEditing({ kind: 'edit', annotation: existing });
        return;
      }
      const known = timeOfLine(latest.current.evidence, n);
      setEditing({ kind: 'add', target: { filePath: file.path, line: n, ts: known } });
      if (known === null) {
        void eventTimeOfLine(ref, file.id, n).then((ts) => {
          if (ts !== null) setEditing((cur) => (cur?.kind === 'add' && cur.target.line === n ? { kind: 'add', target: { ...cur.target, ts } } : cur));
        });
      }
    },
    [file.path, file.id, ref],
  );

  const goToLine = useCallback(
    (n: number, to?: number) => {
      const next = href(ref, 'file', file.id, { line: n, end: to !== undefined && to > n ? to : undefined });
      if (window.location.hash === next) docRef.current?.reveal(n, to);
      else navigate(next);
    },
    [ref, file.id],
  );

  const stepEvidence = useCallback(
    (dir: 1 | -1) => {
      const n = nextLine(latest.current.evidenceLines, latest.current.cursorLine, dir);
      if (n === null) return;
      const e = latest.current.evidence.find((x) => x.line === n);
      goToLine(n, e?.endLine);
    },
    [goToLine],
  );

  const onReady = (editor: CodeEditor) => {
    editorRef.current = editor;
    const doc = new FileDocument(editor, ref, file.id, file.lines, first, languageFor(file.kind), {
      onLoading: setLoading,
      onError: (error, span) => setLoadError(error && span ? { error, span } : null),
    });
    docRef.current = doc;
    doc.setEvidence(evidence);
    doc.setAnnotations(annotations);
    if (target) doc.setTarget(target);
    const hover = editor.createDecorationsCollection();
    const subs = [
      editor.onMouseDown((e) => {
        if (e.target.type === monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && e.target.position) annotateLine(e.target.position.lineNumber);
      }),
      editor.onMouseMove((e) => {
        const n = e.target.position?.lineNumber;
        if (e.target.type === monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && n && !latest.current.annotations.some((a) => a.line === n)) {
          hover.set([{ range: new monaco.Range(n, 1, n, 1), options: { glyphMarginClassName: 'rl-annot-add', glyphMarginHoverMessage: { value: 'Click to annotate this line' } } }]);
        } else hover.clear();
      }),
      editor.onMouseLeave(() => hover.clear()),
      editor.onDidChangeCursorPosition((e) => setCursorLine(e.position.lineNumber)),
      editor.addAction({
        id: 'rootline.annotate-line',
        label: 'Annotate this line',
        keybindings: [monaco.KeyCode.KeyN],
        keybindingContext: 'editorTextFocus',
        contextMenuGroupId: 'navigation',
        contextMenuOrder: 0,
        run: (ed) => annotateLine(ed.getPosition()?.lineNumber ?? 1),
      }),
      editor.addAction({
        id: 'rootline.next-evidence',
        label: 'Next evidence line',
        keybindings: [monaco.KeyCode.BracketRight],
        keybindingContext: 'editorTextFocus',
        contextMenuGroupId: 'navigation',
        contextMenuOrder: 1,
        run: () => stepEvidence(1),
      }),
      editor.addAction({
        id: 'rootline.previous-evidence',
        label: 'Previous evidence line',
        keybindings: [monaco.KeyCode.BracketLeft],
        keybindingContext: 'editorTextFocus',
        contextMenuGroupId: 'navigation',
        contextMenuOrder: 2,
        run: () => stepEvidence(-1),
      }),
      editor.addAction({
        id: 'rootline.go-to-line',
        label: 'Go to line…',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyG],
        run: () => jumpRef.current?.focus(),
      }),
    ];
    doc.scheduleLoad();
    return () => {
      for (const s of subs) s.dispose();
      hover.clear();
      doc.dispose();
      docRef.current = null;
      editorRef.current = null;
    };
  };

  // A new line or range in the route (a link, Back, the jump field): highlight it and scroll to it.
  useEffect(() => {
    docRef.current?.setTarget(targetRange(line, end, docRef.current.lineCount));
  }, [line, end]);

  useEffect(() => {
    docRef.current?.setAnnotations(annotations);
  }, [annotations]);

  // The overview reloads after a re-read: evidence may have moved.
  useEffect(() => {
    docRef.current?.setEvidence(evidence);
  }, [evidence]);

  const toggleWrap = () => {
    const next = !wrap;
    setWrap(next);
    editorRef.current?.updateOptions({ wordWrap: next ? 'on' : 'off' });
  };

  const refreshAnnotations = useCallback(async () => {
    const all = await api.annotations(ref);
    setAnnotations(all.filter((a) => a.filePath === file.path));
  }, [ref, file.path]);

  const handlers = useMemo(
    () => ({
      n: () => annotateLine(latest.current.cursorLine),
      ']': () => stepEvidence(1),
      '[': () => stepEvidence(-1),
      'Ctrl+G': () => jumpRef.current?.focus(),
    }),
    [annotateLine, stepEvidence],
  );
  useShortcuts(handlers);

  const submitJump = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(jump.trim());
    if (!Number.isInteger(n) || n < 1 || n > total) {
      setJumpError(`Type a line number from 1 to ${count(total)}.`);
      return;
    }
    setJumpError(null);
    goToLine(n);
    editorRef.current?.focus();
  };

  const shownEvidence = showAllEvidence ? evidence : evidence.slice(0, EVIDENCE_SHOWN);
  return (
    <div className="file-viewer">
      <FileHeader file={file} />
      <div className="file-toolbar" role="toolbar" aria-label="File viewer tools">
        <form className="jump" onSubmit={submitJump}>
          <label htmlFor="jump-line">Line</label>
          <input
            id="jump-line"
            ref={jumpRef}
            type="number"
            min={1}
            max={total}
            inputMode="numeric"
            placeholder={`1–${total}`}
            value={jump}
            onChange={(e) => setJump(e.target.value)}
            aria-describedby="jump-hint"
            aria-invalid={jumpError ? true : undefined}
            data-testid="jump-line"
          />
          <button type="submit">Go</button>
          <span id="jump-hint" className="muted small">
            <kbd>Ctrl+G</kbd>
          </span>
        </form>
        {evidence.length > 0 && (
          <div className="row evidence-nav">
            <button type="button" onClick={() => stepEvidence(-1)} aria-label="Previous evidence line" title="Previous evidence line ([)">
              ‹
            </button>
            <span className="small">
              {evidence.length} evidence line{evidence.length === 1 ? '' : 's'}
            </span>
            <button type="button" onClick={() => stepEvidence(1)} aria-label="Next evidence line" title="Next evidence line (])">
              ›
            </button>
          </div>
        )}
        <button type="button" onClick={toggleWrap} aria-pressed={wrap} data-testid="wrap-lines" title="Wrap long lines to the width of the viewer">
          Wrap lines
        </button>
        <button type="button" onClick={() => annotateLine(cursorLine)} data-testid="annotate-line" title="Or click the gutter left of a line number (n)">
          Annotate line {cursorLine}
        </button>
        <span className="file-status-text small" role="status" aria-live="polite">
          {loading ? `Loading lines ${count(loading.from)}–${count(Math.min(loading.to, total))}…` : ''}
        </span>
        {loadError && (
          <span className="error-text small" role="alert">
            Lines {count(loadError.span.from)}–{count(Math.min(loadError.span.to, total))} could not be read: {loadError.error.message}{' '}
            <button type="button" className="link" onClick={() => docRef.current?.retry()}>
              Try again
            </button>
          </span>
        )}
      </div>
      {jumpError && (
        <p className="error-text small jump-error" role="alert">
          {jumpError}
        </p>
      )}
      <div className="file-body">
        <MonacoEditor
          className="file-editor"
          testId="file-editor"
          label={`${file.path}, read-only, ${count(total)} lines`}
          dataAttrs={{ 'data-target-line': target?.from, 'data-target-end': target?.to }}
          options={{
            readOnly: true,
            domReadOnly: true,
            glyphMargin: true,
            lineNumbersMinChars: Math.max(4, String(total).length + 1),
            renderLineHighlight: 'line',
            wordWrap: wrap ? 'on' : 'off',
            largeFileOptimizations: false,
            stopRenderingLineAfter: 20000,
            contextmenu: true,
            readOnlyMessage: { value: 'Files of a bundle are read-only. Annotate a line instead (n).' },
            scrollBeyondLastLine: false,
            smoothScrolling: false,
            bracketPairColorization: { enabled: false },
            matchBrackets: 'never',
            guides: { indentation: false },
            occurrencesHighlight: 'off',
          }}
          onReady={onReady}
        />
        <aside className={`file-side${!editing && annotations.length === 0 && evidence.length === 0 ? ' quiet' : ''}`} aria-label="Notes and evidence in this file">
          {editing && (
            <AnnotationEditor
              key={editing.kind === 'edit' ? `edit-${editing.annotation.id}` : `add-${editing.target.line}`}
              bundle={ref}
              target={editing.kind === 'add' ? editing.target : {}}
              existing={editing.kind === 'edit' ? editing.annotation : undefined}
              onSaved={() => {
                setEditing(null);
                void refreshAnnotations();
              }}
              onCancel={() => setEditing(null)}
            />
          )}
          <section aria-labelledby="file-notes-title">
            <h2 id="file-notes-title">Notes ({annotations.length})</h2>
            {annotations.length === 0 ? (
              <p className="muted small">No notes on this file yet. Click the gutter left of a line number, press n, or use “Annotate line”.</p>
            ) : (
              <ul className="file-notes" data-testid="file-notes">
                {[...annotations]
                  .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
                  .map((a) => (
                    <li key={a.id} className={`file-note-item marker-${a.marker}`}>
                      <div className="row">
                        <span className="marker-dot" aria-hidden="true" />
                        <span className="small">{MARKER_LABELS[a.marker]}</span>
                        {a.line !== null && (
                          <button type="button" className="link mono small" onClick={() => goToLine(a.line!)}>
                            line {a.line}
                          </button>
                        )}
                        <span className="spacer" />
                        <button type="button" className="link small" onClick={() => setEditing({ kind: 'edit', annotation: a })} aria-label={`Edit the note on line ${a.line ?? ''}`}>
                          Edit
                        </button>
                      </div>
                      <p className="note-text">{a.text}</p>
                      {a.ts !== null && <p className="muted small">{utc(a.ts)}</p>}
                    </li>
                  ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="file-evidence-title">
            <h2 id="file-evidence-title">Evidence ({evidence.length})</h2>
            {evidence.length === 0 ? (
              <p className="muted small">No finding or root cause points at this file.</p>
            ) : (
              <ul className="file-evidence" data-testid="file-evidence">
                {shownEvidence.map((e: LineEvidence) => (
                  <li key={e.line}>
                    <button type="button" className="link mono small" onClick={() => goToLine(e.line, e.endLine)}>
                      {e.endLine > e.line ? `lines ${e.line}–${e.endLine}` : `line ${e.line}`}
                    </button>
                    {e.ts !== null && <span className="muted small"> · {utc(e.ts)}</span>}
                    {e.reasons.slice(0, 2).map((r) => (
                      <p key={r} className="small evidence-reason">
                        {r}
                      </p>
                    ))}
                    {e.reasons.length > 2 && <p className="muted small">and {e.reasons.length - 2} more</p>}
                  </li>
                ))}
              </ul>
            )}
            {evidence.length > EVIDENCE_SHOWN && !showAllEvidence && (
              <button type="button" className="link small" onClick={() => setShowAllEvidence(true)}>
                Show all {evidence.length}
              </button>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
