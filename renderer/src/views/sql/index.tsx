import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { transport } from '../../api/client';
import { useBundle } from '../../app/bundle-context';
import type { Route } from '../../app/router';
import { useShortcuts } from '../../app/shortcuts';
import { useAsync } from '../../app/use-async';
import { EmptyState, Loading } from '../../components/States';
import { count } from '../../components/format';
import { MonacoEditor, type CodeEditor } from '../../monaco/MonacoEditor';
import { monaco } from '../../monaco/monaco';
import { completionEntries, EXAMPLES, type EntryKind } from './completion';
import { resultCsv } from './csv';
import { ResultGrid } from './Grid';
import { csvFileName, queryToRun, sqlErrorHint, sqlErrorTitle, type SqlAnswer } from './result';
import { SchemaPanel } from './Schema';
import { runSql, sqlSchema } from './sql-api';
import './sql.css';

const QUERY_KEY = 'rootline.sql.query';
const ROW_CAPS = [100, 1000, 10_000, 100_000];
const TIME_LIMITS = [5000, 15_000, 60_000];

type Run =
  | { state: 'idle' }
  | { state: 'running'; query: string; startedAt: number }
  | { state: 'done'; id: number; query: string; answer: SqlAnswer; rowCap: number }
  | { state: 'error'; query: string; error: Error & { code?: string }; timeLimitMs: number };

const KINDS: Record<EntryKind, monaco.languages.CompletionItemKind> = {
  table: monaco.languages.CompletionItemKind.Struct,
  column: monaco.languages.CompletionItemKind.Field,
  function: monaco.languages.CompletionItemKind.Function,
  keyword: monaco.languages.CompletionItemKind.Keyword,
};

/** `#/b/<ref>/sql`: read-only SQL over the bundle's database, with the schema and a CSV export. */
export default function SqlView(_: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref, overview } = useBundle();
  const editorRef = useRef<CodeEditor | null>(null);
  const [rowCap, setRowCap] = useState(1000);
  const [timeLimitMs, setTimeLimitMs] = useState(5000);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const runId = useRef(0);
  const schema = useAsync(() => sqlSchema(ref), [ref]);

  const execute = useCallback(async () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const selection = editor.getSelection();
    const query = queryToRun(model.getValue(), selection && !selection.isEmpty() ? model.getValueInRange(selection) : '').trim();
    if (!query) return;
    editor.trigger('rootline', 'hideSuggestWidget', null);
    localStorage.setItem(QUERY_KEY, model.getValue());
    const id = ++runId.current;
    setSaveNote(null);
    setRun({ state: 'running', query, startedAt: Date.now() });
    try {
      const answer = await runSql(ref, query, { rowCap, timeLimitMs });
      if (id === runId.current) setRun({ state: 'done', id, query, answer, rowCap });
    } catch (e) {
      if (id === runId.current) setRun({ state: 'error', query, error: e as Error, timeLimitMs });
    }
  }, [ref, rowCap, timeLimitMs]);

  // Monaco's Ctrl+Enter is bound once; it calls the latest `execute`.
  const executeRef = useRef(execute);
  useEffect(() => {
    executeRef.current = execute;
  }, [execute]);

  const handlers = useMemo(() => ({ 'Ctrl+ENTER': () => void executeRef.current() }), []);
  useShortcuts(handlers);

  // Completion of table and column names (and a few functions and keywords) from the schema.
  useEffect(() => {
    if (!schema.data) return;
    const entries = completionEntries(schema.data);
    const d = monaco.languages.registerCompletionItemProvider('sql', {
      provideCompletionItems: (model, position) => {
        const word = model.getWordUntilPosition(position);
        const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
        return {
          suggestions: entries.map((e, i) => ({
            label: e.label,
            kind: KINDS[e.kind],
            detail: e.detail,
            documentation: e.documentation,
            insertText: e.kind === 'function' ? `${e.label}($0)` : e.label,
            insertTextRules: e.kind === 'function' ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
            sortText: `${['table', 'column', 'function', 'keyword'].indexOf(e.kind)}${String(i).padStart(4, '0')}`,
            range,
          })),
        };
      },
    });
    return () => d.dispose();
  }, [schema.data]);

  const onReady = (editor: CodeEditor) => {
    editorRef.current = editor;
    const initial = localStorage.getItem(QUERY_KEY) ?? EXAMPLES[0]!.sql;
    editor.setModel(monaco.editor.createModel(initial, 'sql'));
    const action = editor.addAction({
      id: 'rootline.run-sql',
      label: 'Run query',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      contextMenuGroupId: 'navigation',
      run: () => void executeRef.current(),
    });
    return () => {
      action.dispose();
      editorRef.current = null;
    };
  };

  const setQuery = (sql: string) => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    editor.executeEdits('rootline', [{ range: model.getFullModelRange(), text: sql }]);
    editor.setSelection(new monaco.Selection(1, 1, 1, 1));
    editor.focus();
  };

  const insert = (text: string) => {
    const editor = editorRef.current;
    const sel = editor?.getSelection();
    if (!editor || !sel) return;
    editor.executeEdits('rootline', [{ range: sel, text, forceMoveMarkers: true }]);
    editor.focus();
  };

  const exportCsv = async () => {
    if (run.state !== 'done') return;
    const csv = resultCsv(run.answer.columns, run.answer.rows);
    const name = csvFileName(overview.bundle.name, Date.now());
    if (transport.saveFile) {
      const saved = await transport.saveFile(name, csv);
      setSaveNote(saved ? `Saved ${name}` : 'Not saved');
      return;
    }
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaveNote(`Downloaded ${name}`);
  };

  return (
    <div className="sql-view" data-testid="sql-view">
      <div className="sql-main">
        <div className="sql-title">
          <h1>SQL console</h1>
          <p className="muted small">
            Read-only SQL over this bundle's database (SQLite). Times are UTC milliseconds; levels use pino's scale (50 = error). Hover a time cell to read it as a date.
          </p>
        </div>
        <div className="sql-editor-wrap">
          <MonacoEditor
            className="sql-editor"
            testId="sql-editor"
            label="SQL query (Ctrl+Enter runs it)"
            options={{
              language: 'sql',
              lineNumbers: 'on',
              wordWrap: 'on',
              fontSize: 13,
              tabSize: 2,
              renderLineHighlight: 'none',
              quickSuggestions: { other: true, comments: false, strings: false },
              suggestOnTriggerCharacters: true,
              wordBasedSuggestions: 'currentDocument',
              scrollbar: { alwaysConsumeMouseWheel: false },
              padding: { top: 6, bottom: 6 },
            }}
            onReady={onReady}
          />
        </div>
        <div className="sql-toolbar" role="toolbar" aria-label="Query tools">
          <button type="button" className="primary" onClick={() => void execute()} disabled={run.state === 'running'} data-testid="sql-run">
            {run.state === 'running' ? 'Running…' : 'Run'} <kbd>Ctrl+Enter</kbd>
          </button>
          <label>
            Rows at most{' '}
            <select value={rowCap} onChange={(e) => setRowCap(Number(e.target.value))} data-testid="sql-row-cap">
              {ROW_CAPS.map((n) => (
                <option key={n} value={n}>
                  {count(n)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Time limit{' '}
            <select value={timeLimitMs} onChange={(e) => setTimeLimitMs(Number(e.target.value))} data-testid="sql-time-limit">
              {TIME_LIMITS.map((n) => (
                <option key={n} value={n}>
                  {n / 1000} s
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sr-only">Load an example query</span>
            <select
              value=""
              onChange={(e) => {
                const ex = EXAMPLES[Number(e.target.value)];
                if (ex) setQuery(ex.sql);
              }}
              data-testid="sql-examples"
            >
              <option value="">Examples…</option>
              {EXAMPLES.map((ex, i) => (
                <option key={ex.title} value={i}>
                  {ex.title}
                </option>
              ))}
            </select>
          </label>
          <span className="spacer" />
          <button type="button" onClick={() => void exportCsv()} disabled={run.state !== 'done' || run.answer.columns.length === 0} data-testid="sql-export">
            Export CSV
          </button>
        </div>
        <div className="sql-status small" role="status" aria-live="polite" data-testid="sql-status">
          {run.state === 'done' && (
            <>
              <strong>{count(run.answer.rows.length)}</strong> row{run.answer.rows.length === 1 ? '' : 's'}
              {run.answer.truncated && (
                <span className="truncated">
                  {' '}
                  — stopped at the cap of {count(run.rowCap)}; add LIMIT/OFFSET to page, or raise the cap
                </span>
              )}{' '}
              · {run.answer.columns.length} column{run.answer.columns.length === 1 ? '' : 's'} · {run.answer.elapsedMs < 10 ? run.answer.elapsedMs.toFixed(1) : Math.round(run.answer.elapsedMs)} ms
              {saveNote && <span className="muted"> · {saveNote}</span>}
            </>
          )}
          {run.state === 'running' && <span className="muted">Running…</span>}
        </div>
        <div className="sql-results">
          {run.state === 'idle' && (
            <EmptyState title="Write a query and press Ctrl+Enter">
              <p>
                Start from an example, or click a table on the right to see its columns. Only queries that read can run; the database is never changed.
              </p>
            </EmptyState>
          )}
          {run.state === 'running' && <Loading label="Running the query…" />}
          {run.state === 'error' && (
            <div className="state state-error sql-error" role="alert" data-testid="sql-error">
              <h2>{sqlErrorTitle(run.error.code ?? 'failed', run.timeLimitMs)}</h2>
              <pre className="sql-error-message">{run.error.message}</pre>
              {sqlErrorHint(run.error.code ?? '') && <p className="small">{sqlErrorHint(run.error.code ?? '')}</p>}
              {run.error.code && <p className="muted small">Error code: {run.error.code}</p>}
            </div>
          )}
          {run.state === 'done' &&
            (run.answer.columns.length === 0 ? (
              <EmptyState title="The statement returned no columns" />
            ) : run.answer.rows.length === 0 ? (
              <EmptyState title="No rows">
                <p>
                  The query ran and matched nothing. Columns: <code>{run.answer.columns.join(', ')}</code>.
                </p>
              </EmptyState>
            ) : (
              <ResultGrid key={run.id} columns={run.answer.columns} rows={run.answer.rows} />
            ))}
        </div>
      </div>
      <aside className="sql-side" aria-label="Database schema">
        <h2>Schema</h2>
        {schema.error && !schema.data ? (
          <p className="error-text small" role="alert">
            The schema could not be read: {schema.error.message}
          </p>
        ) : !schema.data ? (
          <Loading label="Reading the schema…" />
        ) : (
          <SchemaPanel tables={schema.data} onInsert={insert} onQuery={(sql) => {
            setQuery(sql);
            void executeRef.current();
          }} />
        )}
      </aside>
    </div>
  );
}
