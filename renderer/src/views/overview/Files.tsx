import { useMemo, useState } from 'react';
import type { FileSummary } from '../../../../engine/api/report-types';
import { href } from '../../app/router';
import { KindBadge } from '../../components/Badges';
import { count, percent } from '../../components/format';
import { kindCounts, splitFiles, statusInfo, timeQuality } from './shape';
import { utcRange } from './time';

const FIRST_ROWS = 25;

/** A file the viewer can show: anything read as text (not refused, not binary). */
const viewable = (f: FileSummary) => f.status !== 'refused' && f.status !== 'binary';

/** Every file of the bundle: the ones Rootline could not read first, with why; then kind, counts and time quality. */
export function FilesSection({ bundle, files, tz }: { bundle: string; files: FileSummary[]; tz: string }) {
  const { problems, read } = useMemo(() => splitFiles(files), [files]);
  const kinds = useMemo(() => kindCounts(read), [read]);
  const [showAll, setShowAll] = useState(false);
  const notes = read.some((f) => f.note);
  const rows = showAll ? read : read.slice(0, FIRST_ROWS);

  return (
    <section id="ov-files" className="ov-section" aria-labelledby="ov-files-h">
      <h2 id="ov-files-h">Files</h2>
      {problems.length > 0 && (
        <div className="ov-problems" data-testid="files-problems">
          <h3>
            Not read <span className="muted">({problems.length})</span>
          </h3>
          <p className="muted small">These files are listed, not analysed. Nothing in them counts toward the findings.</p>
          <table className="grid ov-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((f) => {
                const s = statusInfo(f.status);
                return (
                  <tr key={f.id} data-testid="file-problem" data-status={f.status}>
                    <td className="mono ov-path-cell">{viewable(f) ? <a href={href(bundle, 'file', f.id)}>{f.path}</a> : f.path}</td>
                    <td>
                      <span className={`ov-status ov-status-${f.status}`}>{s.label}</span>
                    </td>
                    <td>{f.note || s.explain}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {read.length === 0 ? (
        <p className="muted">No file of this bundle could be read.</p>
      ) : (
        <>
          <p className="muted small ov-kinds">
            {count(read.length)} read:{' '}
            {kinds.map((k, i) => (
              <span key={k.kind}>
                {i > 0 ? ', ' : ''}
                {k.count} {k.kind}
              </span>
            ))}
          </p>
          <div className="ov-table-wrap">
            <table className="grid ov-table ov-files" data-testid="files-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Lines
                  </th>
                  <th scope="col" className="num">
                    Records
                  </th>
                  <th scope="col" className="num">
                    Skipped
                  </th>
                  <th scope="col">Times</th>
                  <th scope="col">Covers (UTC)</th>
                  {notes && <th scope="col">Note</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => {
                  const q = timeQuality(f.timeQuality, tz, f.first, f.captureSources);
                  return (
                    <tr key={f.id} data-testid="file-row">
                      <td className="mono ov-path-cell">
                        <a href={href(bundle, 'file', f.id)}>{f.path}</a>
                      </td>
                      <td title={f.confidence !== null ? `recognised with ${percent(f.confidence)} confidence` : undefined}>
                        <KindBadge kind={f.kind} />
                      </td>
                      <td className="num">{count(f.lines)}</td>
                      <td className="num">{count(f.records)}</td>
                      <td className={`num${f.skipped ? ' ov-skipped' : ''}`}>{f.skipped ? count(f.skipped) : <span className="muted">0</span>}</td>
                      <td title={q.explain}>
                        <span className={`ov-tq ov-tq-${f.timeQuality ?? 'none'}`}>{q.label}</span>
                      </td>
                      <td className="ov-covers">{f.first !== null ? utcRange(f.first, f.last).replace(/ UTC$/, '') : <span className="muted">—</span>}</td>
                      {notes && <td className="ov-note">{f.note ?? ''}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {read.length > FIRST_ROWS && (
            <div className="row ov-more-row">
              <span className="muted small">
                {showAll ? `All ${count(read.length)} files.` : `Showing ${FIRST_ROWS} of ${count(read.length)} files.`}
              </span>
              <button type="button" onClick={() => setShowAll((s) => !s)} aria-expanded={showAll} data-testid="files-show-all">
                {showAll ? `Show the first ${FIRST_ROWS}` : `Show all ${count(read.length)} files`}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
