import { useMemo, useState } from 'react';
import type { SqlTableInfo } from './result';

/** Tables and columns with their descriptions; a click puts a name or a starter query in the editor. */
export function SchemaPanel({
  tables,
  onInsert,
  onQuery,
}: {
  tables: SqlTableInfo[];
  onInsert: (text: string) => void;
  onQuery: (sql: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Set<string>>(() => new Set(['events']));
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return tables;
    return tables.filter((t) => t.name.toLowerCase().includes(f) || t.columns.some((c) => c.name.toLowerCase().includes(f)));
  }, [tables, filter]);
  const toggle = (name: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  return (
    <div className="sql-schema" data-testid="sql-schema">
      <label htmlFor="schema-filter" className="sr-only">
        Filter tables and columns
      </label>
      <input id="schema-filter" type="search" placeholder="Filter tables and columns…" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {shown.length === 0 && <p className="muted small">No table or column contains “{filter}”.</p>}
      <ul className="schema-tables">
        {shown.map((t) => {
          const expanded = open.has(t.name) || (filter.trim() !== '' && !t.name.toLowerCase().includes(filter.trim().toLowerCase()));
          return (
            <li key={t.name}>
              <div className="schema-table-head">
                <button type="button" className="schema-toggle" aria-expanded={expanded} onClick={() => toggle(t.name)} aria-label={`${expanded ? 'Hide' : 'Show'} the columns of ${t.name}`}>
                  {expanded ? '▾' : '▸'}
                </button>
                <button type="button" className="link mono schema-name" onClick={() => onInsert(t.name)} title={`Insert “${t.name}” at the cursor`}>
                  {t.name}
                </button>
                <button type="button" className="link small schema-query" onClick={() => onQuery(`SELECT * FROM ${t.name} LIMIT 100;`)} title={`Query the first 100 rows of ${t.name}`}>
                  query
                </button>
              </div>
              {t.description && <p className="schema-desc small muted">{t.description}</p>}
              {expanded && (
                <ul className="schema-columns">
                  {t.columns.map((c) => (
                    <li key={c.name}>
                      <button type="button" className="link mono small" onClick={() => onInsert(c.name)} title={`Insert “${c.name}” at the cursor`}>
                        {c.name}
                      </button>{' '}
                      <span className="schema-type small">{c.type || 'any'}</span>
                      {c.description && <span className="schema-col-desc small muted"> — {c.description}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
