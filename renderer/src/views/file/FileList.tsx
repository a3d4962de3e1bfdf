import { useMemo, useState } from 'react';
import type { FileSummary } from '../../../../engine/api/report-types';
import { href } from '../../app/router';
import { count } from '../../components/format';
import { baseName, dirName, filterFiles } from './text';

const SHOWN = 400;

/** The bundle's files, filterable; the current one is marked. */
export function FileList({ bundle, files, current }: { bundle: string; files: FileSummary[]; current: number | null }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => filterFiles(files, filter), [files, filter]);
  return (
    <nav className="file-list" aria-label="Files of this bundle" data-testid="file-list">
      <label className="sr-only" htmlFor="file-filter">
        Filter files
      </label>
      <input id="file-filter" type="search" placeholder={`Filter ${files.length} files…`} value={filter} onChange={(e) => setFilter(e.target.value)} />
      {shown.length === 0 ? (
        <p className="muted small file-list-empty">No file path or kind contains “{filter}”. Clear the filter to see every file.</p>
      ) : (
        <ul>
          {shown.slice(0, SHOWN).map((f) => (
            <li key={f.id}>
              <a
                href={href(bundle, 'file', f.id)}
                className={f.id === current ? 'current' : undefined}
                aria-current={f.id === current ? 'page' : undefined}
                title={`${f.path} — ${f.kind}, ${f.kind === 'pprof' ? `${count(f.records)} functions` : `${count(f.lines)} lines`}`}
                data-testid="file-list-item"
              >
                <span className="file-name">{baseName(f.path)}</span>
                <span className="file-meta">
                  {dirName(f.path) && <span className="file-dir">{dirName(f.path)} · </span>}
                  {f.kind} · {f.kind === 'pprof' ? `${count(f.records)} functions` : `${count(f.lines)} lines`}
                  {f.status !== 'parsed' ? ` · ${f.status}` : ''}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {shown.length > SHOWN && <p className="muted small file-list-empty">{count(shown.length - SHOWN)} more: type to narrow the list.</p>}
    </nav>
  );
}
