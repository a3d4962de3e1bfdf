import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SearchHit, SearchResult } from '../../../../engine/search/search';
import type { SearchStatus } from '../../../../engine/search/status';
import { api } from '../../api/client';
import { useBundle } from '../../app/bundle-context';
import { href, navigate, type Route } from '../../app/router';
import { useShortcuts } from '../../app/shortcuts';
import { useAsync } from '../../app/use-async';
import { EmptyState, ErrorState, Loading, ProgressBar } from '../../components/States';
import { utc } from '../../components/format';
import { indexStatusText, LEVELS, levelName, pageLabel, readSearchParams, searchParamsRecord, snippetParts, type SearchParams } from './format';
import './search.css';

const PAGE = 100;
const TYPE_DELAY_MS = 400;
const POLL_MS = 1500;

const EXAMPLES = ['exception', '"Connection is not available"', 'timeout OR refused', 'Hikari* -housekeeper', '"too many open files"'];

/** `#/b/<ref>/search?q=…`: full-text search over the bundle's events. */
export default function SearchView({ route }: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref, overview } = useBundle();
  const applied = readSearchParams(route.params);
  const appliedKey = JSON.stringify(applied);
  const [text, setText] = useState(applied.q);
  const input = useRef<HTMLInputElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Back/forward or a link changed the query: show it in the box.
  useEffect(() => {
    setText(applied.q);
  }, [applied.q]);

  const go = (next: SearchParams, replace = false) => {
    const to = href(ref, 'search', null, searchParamsRecord(next));
    if (replace) window.location.replace(to);
    else navigate(to);
  };

  const onType = (v: string) => {
    setText(v);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => go({ ...applied, q: v.trim() ? v : '', page: 1 }, true), TYPE_DELAY_MS);
  };
  useEffect(() => () => clearTimeout(typing.current), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    clearTimeout(typing.current);
    go({ ...applied, q: text, page: 1 });
  };

  const handlers = useMemo(
    () => ({
      '/': () => {
        input.current?.focus();
        input.current?.select();
      },
    }),
    [],
  );
  useShortcuts(handlers);

  // The index state: polled while it builds, so the notice and the results follow it.
  const [status, setStatus] = useState<SearchStatus | null>(null);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.searchStatus(ref).then(
        (s) => {
          if (!alive) return;
          setStatus(s);
          if (s.state === 'building') timer = setTimeout(poll, POLL_MS);
        },
        () => alive && (timer = setTimeout(poll, POLL_MS * 4)),
      );
    };
    poll();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [ref]);

  const results = useAsync<SearchResult | null>(
    () =>
      applied.q.trim()
        ? api.search(ref, applied.q, {
            limit: PAGE,
            offset: (applied.page - 1) * PAGE,
            order: applied.order,
            ...(applied.minLevel !== null ? { minLevel: applied.minLevel } : {}),
            ...(applied.fileId !== null ? { fileIds: [applied.fileId] } : {}),
            ...(applied.from !== null ? { from: applied.from } : {}),
            ...(applied.to !== null ? { to: applied.to } : {}),
          })
        : Promise.resolve(null),
    [ref, appliedKey],
  );

  // When the index becomes ready, approximate results are replaced by exact ones.
  const page = results.data?.ok ? results.data : null;
  const reloadResults = results.reload;
  useEffect(() => {
    if (status?.state === 'ready' && page?.approximate) reloadResults();
  }, [status?.state, page?.approximate, reloadResults]);

  const searchable = useMemo(() => overview.files.filter((f) => f.records > 0), [overview.files]);
  const notice = status ? indexStatusText(status) : null;
  const failure = results.data && !results.data.ok ? results.data.error : null;

  return (
    <div className="view wide search-view" data-testid="search-view">
      <h1>Search</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="search-input" className="sr-only">
          Search the bundle's events
        </label>
        <input
          id="search-input"
          ref={input}
          type="search"
          value={text}
          onChange={(e) => onType(e.target.value)}
          placeholder='Search events: words, "a phrase", prefix*, -exclude, a OR b   (press / to focus)'
          autoComplete="off"
          spellCheck={false}
          aria-describedby="search-help"
          aria-invalid={failure && failure.code !== 'empty' ? true : undefined}
          data-testid="search-input"
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <p id="search-help" className="search-help small muted">
        <code>words</code> all must match · <code>"exact phrase"</code> · <code>prefix*</code> · <code>-exclude</code> · <code>a OR b</code> · case, accents
        and punctuation are ignored · <kbd>/</kbd> focuses this box
      </p>

      <div className="search-filters" role="group" aria-label="Search options">
        <label>
          Order{' '}
          <select value={applied.order} onChange={(e) => go({ ...applied, order: e.target.value === 'rank' ? 'rank' : 'time', page: 1 })} data-testid="search-order">
            <option value="time">by time</option>
            <option value="rank">best match first</option>
          </select>
        </label>
        <label>
          Level{' '}
          <select
            value={applied.minLevel ?? ''}
            onChange={(e) => go({ ...applied, minLevel: e.target.value ? Number(e.target.value) : null, page: 1 })}
            data-testid="search-level"
          >
            <option value="">any</option>
            {LEVELS.map((l) => (
              <option key={l.value} value={l.value}>
                {l.name} and above
              </option>
            ))}
          </select>
        </label>
        <label>
          File{' '}
          <select value={applied.fileId ?? ''} onChange={(e) => go({ ...applied, fileId: e.target.value ? Number(e.target.value) : null, page: 1 })} data-testid="search-file">
            <option value="">all files</option>
            {searchable.map((f) => (
              <option key={f.id} value={f.id}>
                {f.path}
              </option>
            ))}
          </select>
        </label>
        {(applied.from !== null || applied.to !== null) && (
          <span className="chip">
            {applied.from !== null ? utc(applied.from) : 'start'} → {applied.to !== null ? utc(applied.to) : 'end'}
            <button type="button" className="link" onClick={() => go({ ...applied, from: null, to: null, page: 1 })} aria-label="Search the whole bundle, not only this time range">
              ✕
            </button>
          </span>
        )}
      </div>

      {notice && notice.tone !== 'ok' && (
        <div className={`search-index tone-${notice.tone}`} role="status" data-testid="search-index-status">
          {notice.progress !== null ? <ProgressBar value={notice.progress * 100} max={100} label={notice.text} /> : <span>{notice.text}</span>}
        </div>
      )}

      {failure && failure.code !== 'empty' && (
        <p className="error-text search-error" role="alert" data-testid="search-error">
          {failure.message}
        </p>
      )}

      {results.error && !results.data ? (
        <ErrorState error={results.error} onRetry={results.reload} />
      ) : !applied.q.trim() ? (
        <EmptyState title="Search every event of this bundle">
          <p>Type in the box above, or try one of these:</p>
          <ul className="examples">
            {EXAMPLES.map((q) => (
              <li key={q}>
                <button type="button" className="link mono" onClick={() => go({ ...applied, q, page: 1 })}>
                  {q}
                </button>
              </li>
            ))}
          </ul>
        </EmptyState>
      ) : !results.data && results.loading ? (
        <Loading label="Searching…" />
      ) : page ? (
        <Results bundle={ref} hits={page.hits} total={page.total} exact={page.totalExact} approximate={page.approximate} params={applied} loading={results.loading} go={go} />
      ) : null}
      {notice?.tone === 'ok' && (
        <p className="muted small" data-testid="search-index-status">
          {notice.text}
        </p>
      )}
    </div>
  );
}

function Results({
  bundle,
  hits,
  total,
  exact,
  approximate,
  params,
  loading,
  go,
}: {
  bundle: string;
  hits: SearchHit[];
  total: number;
  exact: boolean;
  approximate: boolean;
  params: SearchParams;
  loading: boolean;
  go: (p: SearchParams) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const offset = (params.page - 1) * PAGE;
  const more = exact ? offset + hits.length < total : hits.length === PAGE;

  if (hits.length === 0 && offset === 0) {
    return (
      <EmptyState title={`No events match “${params.q}”`}>
        <p>
          Try fewer words, a prefix (<code>timeout*</code>), or <code>OR</code> between alternatives
          {params.minLevel !== null || params.fileId !== null || params.from !== null ? '; or clear the level, file and time filters' : ''}.
        </p>
      </EmptyState>
    );
  }

  // Up/Down move between results; Enter follows the link.
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.hit') ?? [])];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[Math.max(0, Math.min(links.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  const pager = (
    <div className="pager">
      <span className="small" data-testid="search-count">
        {pageLabel(offset, hits.length, total, exact)} events
      </span>
      {approximate && (
        <span className="badge approx" title="The index is not ready: these are substring matches, ordered by time">
          approximate
        </span>
      )}
      {loading && <span className="spinner" aria-label="Updating" />}
      <span className="spacer" />
      <button type="button" disabled={params.page <= 1} onClick={() => go({ ...params, page: params.page - 1 })} data-testid="search-prev">
        ‹ Previous
      </button>
      <button type="button" disabled={!more} onClick={() => go({ ...params, page: params.page + 1 })} data-testid="search-next">
        Next ›
      </button>
    </div>
  );

  return (
    <section aria-label="Search results" className="search-results-section">
      {pager}
      <div className="hit-head" aria-hidden="true">
        <span>Time (UTC)</span>
        <span>Level</span>
        <span>File:line</span>
        <span>Message</span>
      </div>
      <ol className="search-results" ref={list} onKeyDown={onKeyDown} data-testid="search-results">
        {hits.map((h) => (
          <li key={h.eventId}>
            <a
              className="hit"
              href={href(bundle, 'file', h.fileId, { line: h.line, end: h.endLine > h.line ? h.endLine : undefined })}
              data-testid="search-hit"
            >
              <span className="hit-time mono">{h.ts !== null ? utc(h.ts, true).replace(' UTC', '') : '—'}</span>
              <span className={`hit-level lvl-${levelName(h.level) || 'none'}`}>{levelName(h.level) || '—'}</span>
              <span className="hit-file mono" title={`${h.file}:${h.line}`}>
                {h.file}:{h.line}
              </span>
              <span className="hit-snippet mono">
                {snippetParts(h.snippet).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                {h.kind && <span className="hit-kind"> {h.kind}</span>}
              </span>
            </a>
          </li>
        ))}
      </ol>
      {hits.length >= 20 && pager}
    </section>
  );
}
