import { useState } from 'react';
import type { SeriesGroup, SeriesInfo } from '../../../../engine/timeline/series-types';
import { GROUP_TITLES } from './model/series';
import { Popover } from './Popover';

const ORDER: SeriesGroup[] = ['hikari', 'fds', 'sockets', 'queues', 'goroutines', 'threads', 'gc', 'cpu', 'metrics', 'log-metrics', 'postgres'];
export const MAX_SERIES = 16;

/** Which series to chart: grouped by kind, searchable, with the suggested set one click away. */
export function SeriesPicker({
  infos,
  selected,
  suggested,
  onChange,
}: {
  infos: readonly SeriesInfo[];
  selected: readonly string[];
  suggested: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const shown = infos.filter((s) => !needle || s.label.toLowerCase().includes(needle) || s.id.toLowerCase().includes(needle));
  const groups = ORDER.map((g) => ({ g, items: shown.filter((s) => s.group === g) })).filter((x) => x.items.length);
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id].slice(-MAX_SERIES) : selected.filter((x) => x !== id));
  if (infos.length === 0) return null;
  return (
    <Popover label={`Choose series (${selected.length})`} title="Chart series" testId="timeline-series-picker" align="left">
      {() => (
        <div className="tl-series-picker">
          <div className="row">
            <label className="sr-only" htmlFor="tl-series-search">
              Search series
            </label>
            <input id="tl-series-search" type="search" placeholder={`Search ${infos.length} series…`} value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
            <button type="button" onClick={() => onChange([...suggested])} title="The series the findings are about">
              Suggested
            </button>
            <button type="button" onClick={() => onChange([])} disabled={selected.length === 0}>
              None
            </button>
          </div>
          <p className="muted small">
            {selected.length} of at most {MAX_SERIES} chosen. Series of one kind share a chart.
          </p>
          <div className="tl-series-groups">
            {groups.length === 0 && <p className="muted">No series match “{q}”.</p>}
            {groups.map(({ g, items }) => (
              <fieldset key={g}>
                <legend>
                  {GROUP_TITLES[g]} <span className="muted small">({items.length})</span>
                </legend>
                {items.slice(0, 200).map((s) => (
                  <label key={s.id} title={s.id}>
                    <input type="checkbox" checked={selected.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                    <span>{s.label}</span>
                    <span className="muted small">
                      {s.points} pts · max {Number.isInteger(s.max) ? s.max.toLocaleString('en-US') : s.max.toFixed(2)}
                      {s.unit ? ` ${s.unit}` : ''}
                    </span>
                  </label>
                ))}
                {items.length > 200 && <p className="muted small">{items.length - 200} more — narrow the search.</p>}
              </fieldset>
            ))}
          </div>
        </div>
      )}
    </Popover>
  );
}
