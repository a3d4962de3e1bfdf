import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, transport } from '../../api/client';
import { useBundle } from '../../app/bundle-context';
import { href, type Route } from '../../app/router';
import { ErrorState, Loading } from '../../components/States';
import { copyText, saveMarkdown } from './export';
import { renderMarkdown } from './markdown';
import { EMPTY_FORM, fromKey, optionsKey, POSTMORTEM_FILENAME, SEVERITY_CHOICES, splitFrontMatter, STATUS_SUGGESTIONS, toOptions, type ReportForm } from './options';
import './report.css';

const DEBOUNCE_MS = 300;
type Tab = 'preview' | 'markdown';

/** The Markdown postmortem: options, a sanitised preview, the raw text, Copy and Save. */
export default function ReportView(_: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref } = useBundle();
  const [form, setForm] = useState<ReportForm>(EMPTY_FORM);
  const options = useMemo(() => toOptions(form), [form]);
  const key = optionsKey(options);
  const [result, setResult] = useState<{ key: string; markdown: string } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const [tab, setTab] = useState<Tab>('preview');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  // One request per distinct set of options, a moment after the user stops typing; late answers are dropped.
  useEffect(() => {
    let alive = true;
    setLoading(true);
    const t = setTimeout(
      () => {
        api.exportPostmortem(ref, fromKey(key)).then(
          (r) => {
            if (!alive) return;
            setResult({ key, markdown: r.markdown });
            setError(null);
            setLoading(false);
          },
          (e: Error) => {
            if (!alive) return;
            setError(e);
            setLoading(false);
          },
        );
      },
      result ? DEBOUNCE_MS : 0,
    );
    return () => {
      alive = false;
      clearTimeout(t);
    };
    // `result` only picks the delay of the first request; it must not trigger one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref, key, tick]);

  const markdown = result?.markdown ?? '';
  const { meta, body } = useMemo(() => splitFrontMatter(markdown), [markdown]);
  const html = useMemo(() => (body ? renderMarkdown(body) : ''), [body]);
  const stale = loading || (result !== null && result.key !== key);

  const set = <K extends keyof ReportForm>(k: K, v: ReportForm[K]) => {
    setNotice(null);
    setForm((f) => ({ ...f, [k]: v }));
  };

  const copy = async () => {
    const ok = await copyText(markdown);
    setNotice(ok ? { kind: 'ok', text: 'Copied the Markdown to the clipboard.' } : { kind: 'error', text: 'Could not copy: open the Markdown tab, select all and press Ctrl+C.' });
  };
  const save = async () => {
    try {
      const r = await saveMarkdown(markdown);
      setNotice(
        r === 'cancelled' ? null : { kind: 'ok', text: r === 'saved' ? 'Saved.' : `Downloaded ${POSTMORTEM_FILENAME} (see your browser's downloads).` },
      );
    } catch (e) {
      setNotice({ kind: 'error', text: `Could not save: ${(e as Error).message}` });
    }
  };

  return (
    <div className="view wide report" data-testid="report-view">
      <h1>Postmortem</h1>
      <p className="muted rp-intro">
        A Markdown postmortem drafted from the analysis and your <a href={href(ref, 'annotations')}>annotations</a> (Detection, Diagnosis, Repair and Key moments fill its
        detection and timeline). Set what Rootline cannot know; everything else is derived. Every time in it is UTC.
      </p>
      <div className="rp-layout">
        <form className="rp-form" aria-label="Report options" onSubmit={(e) => e.preventDefault()} data-testid="report-form">
          <label>
            <span>Title</span>
            <input value={form.title} onChange={(e) => set('title', e.target.value)} placeholder="From the top root cause" data-testid="report-title" />
          </label>
          <label>
            <span>Status</span>
            <input value={form.status} onChange={(e) => set('status', e.target.value)} list="rp-status-list" placeholder="draft" data-testid="report-status" />
            <datalist id="rp-status-list">
              {STATUS_SUGGESTIONS.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </label>
          <label>
            <span>Severity</span>
            <select value={form.severity} onChange={(e) => set('severity', e.target.value)} data-testid="report-severity">
              <option value="">Derived by Rootline</option>
              {SEVERITY_CHOICES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Authors</span>
            <input value={form.authors} onChange={(e) => set('authors', e.target.value)} placeholder="Names, separated by commas" data-testid="report-authors" />
          </label>
          <label className="rp-check">
            <input type="checkbox" checked={form.mermaid} onChange={(e) => set('mermaid', e.target.checked)} data-testid="report-mermaid" />
            <span>
              Mermaid timeline diagram
              <small className="muted">shown as code here; GitHub and most wikis draw it</small>
            </span>
          </label>
          <label className="rp-check">
            <input type="checkbox" checked={form.anonymize} onChange={(e) => set('anonymize', e.target.checked)} data-testid="report-anonymize" />
            <span>
              Anonymise
              <small className="muted">host names, IP addresses, user ids and e-mails become tokens (host-1, ip-1…)</small>
            </span>
          </label>
          <p className="rp-state small" role="status" aria-live="polite" data-testid="report-state">
            {error ? 'The last update failed.' : stale ? 'Updating…' : result ? `Up to date · ${markdown.split('\n').length.toLocaleString('en-US')} lines` : ''}
          </p>
          <button type="button" onClick={() => setForm(EMPTY_FORM)} disabled={optionsKey(toOptions(EMPTY_FORM)) === key}>
            Reset options
          </button>
        </form>

        <div className="rp-output">
          <div className="rp-toolbar">
            <Tabs tab={tab} setTab={setTab} />
            <span className="spacer" />
            <button type="button" onClick={copy} disabled={!markdown} data-testid="report-copy">
              Copy
            </button>
            <button type="button" className="primary" onClick={save} disabled={!markdown} data-testid="report-save">
              {transport.saveFile ? 'Save…' : `Save ${POSTMORTEM_FILENAME}`}
            </button>
          </div>
          <p className={`rp-notice${notice?.kind === 'error' ? ' error-text' : ''}`} role={notice?.kind === 'error' ? 'alert' : 'status'} data-testid="report-notice">
            {notice?.text ?? ''}
          </p>
          {error && <ErrorState error={error} onRetry={() => setTick((t) => t + 1)} />}
          {!result && !error && <Loading label="Drafting the postmortem…" />}
          {result && (
            <>
              <div
                id="rp-panel-preview"
                role="tabpanel"
                aria-labelledby="rp-tab-preview"
                hidden={tab !== 'preview'}
                className={`rp-preview${stale ? ' stale' : ''}`}
                data-testid="report-preview"
                tabIndex={0}
              >
                {meta.length > 0 && (
                  <table className="rp-meta" aria-label="Front matter">
                    <tbody>
                      {meta.map((m) => (
                        <tr key={m.key}>
                          <th scope="row">{m.key}</th>
                          <td>{m.value || <span className="muted">—</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <div className="rp-md" dangerouslySetInnerHTML={{ __html: html }} />
              </div>
              <div id="rp-panel-markdown" role="tabpanel" aria-labelledby="rp-tab-markdown" hidden={tab !== 'markdown'} className="rp-raw">
                <label htmlFor="rp-raw-text" className="sr-only">
                  Markdown source
                </label>
                <textarea id="rp-raw-text" readOnly value={markdown} wrap="off" spellCheck={false} className={stale ? 'stale' : ''} data-testid="report-markdown" />
              </div>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function Tabs({ tab, setTab }: { tab: Tab; setTab: (t: Tab) => void }) {
  const tabs: { id: Tab; label: string }[] = [
    { id: 'preview', label: 'Preview' },
    { id: 'markdown', label: 'Markdown' },
  ];
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ preview: null, markdown: null });
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = tabs.findIndex((t) => t.id === tab);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
    setTab(tabs[next]!.id);
    refs.current[tabs[next]!.id]?.focus();
  };
  return (
    <div role="tablist" aria-label="Postmortem view" className="rp-tabs" onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`rp-tab-${t.id}`}
          ref={(el) => {
            refs.current[t.id] = el;
          }}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls={`rp-panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => setTab(t.id)}
          data-testid={`report-tab-${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
