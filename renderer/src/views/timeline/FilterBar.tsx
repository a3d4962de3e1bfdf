import { useId } from 'react';
import type { RowType } from '../../../../engine/timeline/types';
import type { Lane } from './model/lanes';
import { filtersActive, LEVEL_OPTIONS, NO_FILTERS, ROW_TYPES, sourcesSummary, TYPE_LABELS, type ViewFilters } from './model/filters';
import { Popover } from './Popover';

/** Sources, minimum level, row types, kinds and text: what the histogram, lanes and list keep. */
export function FilterBar({
  filters,
  onChange,
  text,
  onText,
  kindsText,
  onKindsText,
  lanes,
  kindOptions,
}: {
  filters: ViewFilters;
  onChange: (f: ViewFilters) => void;
  text: string;
  onText: (t: string) => void;
  kindsText: string;
  onKindsText: (t: string) => void;
  lanes: readonly Lane[];
  kindOptions: readonly string[];
}) {
  const ids = useId();
  const allFiles = lanes.flatMap((l) => l.fileIds.map((fileId, i) => ({ fileId, path: l.paths[i]! })));
  const selected = filters.fileIds;
  const isOn = (id: number) => selected === null || selected.includes(id);
  const setFiles = (next: number[] | null) => onChange({ ...filters, fileIds: next !== null && next.length === allFiles.length ? null : next });
  const toggleLane = (l: Lane, on: boolean) => {
    const cur = selected ?? allFiles.map((f) => f.fileId);
    setFiles(on ? [...new Set([...cur, ...l.fileIds])] : cur.filter((id) => !l.fileIds.includes(id)));
  };
  const toggleType = (t: RowType, on: boolean) => {
    const next = on ? ROW_TYPES.filter((x) => x === t || filters.types.includes(x)) : filters.types.filter((x) => x !== t);
    onChange({ ...filters, types: next });
  };

  return (
    <div className="tl-filters" role="search" aria-label="Timeline filters">
      <Popover label={sourcesSummary(selected, allFiles)} title="Sources shown" testId="timeline-sources">
        {() => (
          <div className="tl-sources">
            <div className="row">
              <button type="button" onClick={() => setFiles(null)}>
                All
              </button>
              <button type="button" onClick={() => setFiles([])}>
                None
              </button>
            </div>
            <ul>
              {lanes.map((l) => {
                const on = l.fileIds.every(isOn);
                const some = !on && l.fileIds.some(isOn);
                return (
                  <li key={l.key}>
                    <label title={l.paths.join('\n')}>
                      <input
                        type="checkbox"
                        checked={on}
                        ref={(el) => {
                          if (el) el.indeterminate = some;
                        }}
                        onChange={(e) => toggleLane(l, e.target.checked)}
                      />
                      <span className="mono">{l.label}</span>
                      <span className="muted small">
                        {l.kind}
                        {l.fileIds.length > 1 ? ` · ${l.fileIds.length} files` : ''}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </Popover>

      <label className="tl-field">
        <span className="sr-only">Minimum level</span>
        <select
          value={filters.minLevel ?? ''}
          onChange={(e) => onChange({ ...filters, minLevel: e.target.value === '' ? null : Number(e.target.value) })}
          data-testid="timeline-level"
          title="Minimum level of events and findings (a level filter also hides snapshots and annotations in the row list)"
        >
          {LEVEL_OPTIONS.map((o) => (
            <option key={o.label} value={o.value ?? ''}>
              {o.label}
            </option>
          ))}
        </select>
      </label>

      <fieldset className="tl-types">
        <legend className="sr-only">Row types</legend>
        {ROW_TYPES.map((t) => (
          <label key={t} className={`tl-chip${filters.types.includes(t) ? ' on' : ''}`}>
            <input type="checkbox" checked={filters.types.includes(t)} onChange={(e) => toggleType(t, e.target.checked)} data-testid={`timeline-type-${t}`} />
            {TYPE_LABELS[t]}
          </label>
        ))}
      </fieldset>

      <label className="tl-field">
        <span className="sr-only">Kinds</span>
        <input
          type="text"
          list={`${ids}-kinds`}
          value={kindsText}
          onChange={(e) => onKindsText(e.target.value)}
          placeholder="Kinds…"
          title="Event kinds, snapshot kinds, finding signatures or annotation markers, separated by commas"
          className="tl-kinds"
          data-testid="timeline-kinds"
        />
        <datalist id={`${ids}-kinds`}>
          {kindOptions.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </label>

      <label className="tl-field tl-text">
        <span className="sr-only">Text</span>
        <input type="search" value={text} onChange={(e) => onText(e.target.value)} placeholder="Filter text…" data-testid="timeline-text" />
      </label>

      {filtersActive(filters) || text || kindsText ? (
        <button
          type="button"
          onClick={() => {
            onText('');
            onKindsText('');
            onChange(NO_FILTERS);
          }}
          data-testid="timeline-clear-filters"
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
