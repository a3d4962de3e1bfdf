import { useMemo } from 'react';
import type { FdSeries } from '../../../../engine/analysis/fd-series';
import type { FileSummary } from '../../../../engine/api/report-types';
import { href } from '../../app/router';
import { count, utcTime } from '../../components/format';
import { fdTables, signed } from './shape';
import { duration, utcRange } from './time';

/** Open descriptors per process across lsof snapshots, with what grew by type and by peer. */
export function Descriptors({ bundle, series, files }: { bundle: string; series: FdSeries[]; files: FileSummary[] }) {
  const tables = useMemo(() => fdTables(series, files), [series, files]);
  return (
    <section id="ov-fds" className="ov-section" aria-labelledby="ov-fds-h">
      <h2 id="ov-fds-h">Open descriptors</h2>
      <p className="muted small">Counted in each lsof snapshot, for the processes holding the most descriptors.</p>
      {tables.map((t) => (
        <div key={t.key} className="ov-fd" data-testid="fd-series">
          <h3>
            {t.title}: {count(t.first)} → {count(t.last)}{' '}
            <span className={t.last > t.first ? 'ov-grew' : 'muted'}>({signed(t.last - t.first)})</span>
            {t.span !== null && <span className="muted"> over {duration(t.span)}</span>}
          </h3>
          <div className="ov-fd-grid">
            <table className="grid ov-table compact" aria-label={`Descriptors of ${t.title} per snapshot`}>
              <thead>
                <tr>
                  <th scope="col">Snapshot (UTC)</th>
                  <th scope="col" className="num">
                    Open
                  </th>
                  <th scope="col" className="num">
                    Change
                  </th>
                  <th scope="col">File</th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r, i) => (
                  <tr key={i}>
                    <td className="mono" title={r.ts !== null ? utcRange(r.ts, r.ts) : undefined}>
                      {r.ts !== null ? utcTime(r.ts) : '—'}
                    </td>
                    <td className="num">{count(r.count)}</td>
                    <td className={`num${r.delta && r.delta > 0 ? ' ov-grew' : ''}`}>{r.delta === null ? '' : signed(r.delta)}</td>
                    <td className="mono ov-path-cell">
                      {r.fileId !== null ? <a href={href(bundle, 'file', r.fileId, { line: r.line })}>{r.file}</a> : r.file}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="ov-fd-side">
              <DeltaTable caption="By type" rows={t.byType} />
              <DeltaTable caption="By peer" rows={t.byPeer} />
            </div>
          </div>
        </div>
      ))}
    </section>
  );
}

function DeltaTable({ caption, rows }: { caption: string; rows: { key: string; first: number; last: number; delta: number }[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="grid ov-table compact">
      <caption>{caption}, first → last snapshot</caption>
      <thead>
        <tr>
          <th scope="col">{caption.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase())}</th>
          <th scope="col" className="num">
            First
          </th>
          <th scope="col" className="num">
            Last
          </th>
          <th scope="col" className="num">
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="mono">{r.key}</td>
            <td className="num">{count(r.first)}</td>
            <td className="num">{count(r.last)}</td>
            <td className={`num${r.delta > 0 ? ' ov-grew' : ''}`}>{signed(r.delta)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
