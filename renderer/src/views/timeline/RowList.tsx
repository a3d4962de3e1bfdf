/**
 * The rows of the window, in time order, paged from the engine as the list scrolls (virtualised: a
 * window of millions of lines renders a screenful). Events and snapshots are links to their line;
 * findings and annotations open in the side panel.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties } from 'react';
import type { TimelineRow } from '../../../../engine/timeline/types';
import { MARKER_LABELS, type Marker } from '../../../../engine/model/annotation';
import { href } from '../../app/router';
import { count } from '../../components/format';
import { EmptyState, ErrorState } from '../../components/States';
import type { CursorStore } from './hooks';
import { levelClassOf, levelName } from './model/filters';
import { clock } from './model/scale';

const ROW_H = 26;

export function RowList({
  bundle,
  rows,
  total,
  more,
  loading,
  error,
  onRetry,
  onMore,
  onOpen,
  cursor,
  from,
  onFromStart,
  filtered,
  onClearFilters,
  withDate,
}: {
  bundle: string;
  rows: readonly TimelineRow[];
  total: number | null;
  more: boolean;
  loading: boolean;
  error: Error | null;
  onRetry: () => void;
  onMore: () => void;
  onOpen: (r: TimelineRow) => void;
  cursor: CursorStore;
  /** Where the list starts when not at the window's start (a histogram bar was clicked). */
  from: number | null;
  onFromStart: () => void;
  filtered: boolean;
  onClearFilters: () => void;
  /** The window spans more than one UTC day: times carry their date. */
  withDate: boolean;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length + (more ? 1 : 0), getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 16 });
  const items = v.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (more && !loading && lastIndex >= rows.length - 1) onMore();
  }, [more, loading, lastIndex, rows.length, onMore]);
  // A new list (new window, filters or start) starts at the top.
  const first = rows[0]?.ref;
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [first, from]);

  return (
    <section className={`tl-list${withDate ? ' with-date' : ''}`} aria-label="Rows in view" data-testid="timeline-rows">
      <header className="tl-list-head">
        <h2>
          Rows {total !== null ? <span className="muted">· {count(total)} in view</span> : null}
          {from !== null ? <span className="muted"> · listed from {clock(from)}</span> : null}
        </h2>
        {from !== null && (
          <button type="button" className="link small" onClick={onFromStart}>
            List from the start of the view
          </button>
        )}
        {loading && <span className="muted small" role="status">loading…</span>}
      </header>
      {error && rows.length === 0 ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !loading && rows.length === 0 ? (
        <EmptyState title="Nothing in view">
          {filtered ? (
            <>
              No rows in this window match the filters.{' '}
              <button type="button" className="link" onClick={onClearFilters}>
                Clear the filters
              </button>{' '}
              or zoom out.
            </>
          ) : (
            'Nothing was logged or captured in this window. Zoom out or press “Fit all”.'
          )}
        </EmptyState>
      ) : (
        <div className="tl-list-scroll" ref={scroller} role="list">
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {items.map((it) => {
              const r = rows[it.index];
              const style = { transform: `translateY(${it.start}px)`, height: ROW_H };
              if (!r) {
                return (
                  <div key="more" className="tl-list-row muted small" style={style} role="listitem">
                    {error ? (
                      <button type="button" className="link" onClick={onRetry}>
                        Loading more failed — try again
                      </button>
                    ) : (
                      'Loading more rows…'
                    )}
                  </div>
                );
              }
              return <Row key={`${r.ref}:${it.index}`} bundle={bundle} r={r} style={style} onOpen={onOpen} cursor={cursor} withDate={withDate} />;
            })}
          </div>
        </div>
      )}
    </section>
  );
}

function Row({ bundle, r, style, onOpen, cursor, withDate }: { bundle: string; r: TimelineRow; style: CSSProperties; onOpen: (r: TimelineRow) => void; cursor: CursorStore; withDate: boolean }) {
  const time = withDate ? `${new Date(r.ts).toISOString().slice(5, 10)} ${clock(r.ts)}` : clock(r.ts);
  const lvl = r.type === 'finding' ? `sev-${r.severity ?? 'info'}` : `lvl-text-${levelClassOf(r.level)}`;
  const tag =
    r.type === 'event' ? levelName(r.level) || 'event' : r.type === 'finding' ? r.severity ?? 'finding' : r.type === 'annotation' ? MARKER_LABELS[(r.kind ?? 'note') as Marker] ?? r.kind : r.kind ?? 'snapshot';
  const where = r.file ? `${r.file}${r.line ? `:${r.line}` : ''}` : '';
  const shortWhere = r.file ? `${r.file.slice(r.file.lastIndexOf('/') + 1)}${r.line ? `:${r.line}` : ''}` : '';
  const body = (
    <>
      <span className="tl-c-time mono">{time}</span>
      <span className={`tl-c-tag ${r.type === 'annotation' ? `tl-ann-tag marker-${r.kind ?? 'note'}` : lvl}`}>{tag}</span>
      <span className="tl-c-type muted">{r.type}</span>
      <span className="tl-c-where mono muted" title={where}>
        {shortWhere}
      </span>
      <span className="tl-c-text" title={r.text}>
        {r.type === 'finding' && r.tsEnd ? <span className="muted">until {clock(r.tsEnd)} · </span> : null}
        {r.kind && r.type === 'event' ? <span className="muted">{r.kind} · </span> : null}
        {r.text}
      </span>
    </>
  );
  const common = {
    className: `tl-list-row tl-row-${r.type}`,
    style,
    onMouseEnter: () => cursor.set(r.ts),
    onMouseLeave: () => cursor.set(null),
    onFocus: () => cursor.set(r.ts),
    'data-testid': 'timeline-row',
  };
  if ((r.type === 'event' || r.type === 'snapshot') && r.fileId !== undefined && r.line) {
    return (
      <div role="listitem" {...common}>
        <a className="tl-row-link" href={href(bundle, 'file', r.fileId, { line: r.line, ...(r.endLine ? { end: r.endLine } : {}) })} aria-label={`${time} ${tag} ${where}: ${r.text.slice(0, 200)}`}>
          {body}
        </a>
      </div>
    );
  }
  return (
    <div role="listitem" {...common}>
      <button type="button" className="tl-row-link" onClick={() => onOpen(r)} aria-label={`${time} ${r.type} ${tag}: ${r.text.slice(0, 200)}`}>
        {body}
      </button>
    </div>
  );
}
