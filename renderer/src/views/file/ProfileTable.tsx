import { useEffect, useMemo, useRef, useState } from 'react';
import type { FileSummary } from '../../../../engine/api/report-types';
import { formatProfileValue, formatShare, type ProfileFunctionRow, type ProfileView } from '../../../../engine/model/profile';
import { utc } from '../../components/format';
import { profileRows, type ProfileSort } from './profile';

const SORTS: { key: ProfileSort; label: string; title: string }[] = [
  { key: 'flat', label: 'Flat', title: 'Samples whose leaf frame is this function (where the time or memory was spent itself)' },
  { key: 'cum', label: 'Cum', title: 'Samples with this function anywhere on their stack (it or what it called)' },
  { key: 'app', label: 'Own code', title: "Samples whose innermost frame of the program's own code (not the runtime, not the standard library) is this function" },
];

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function Share({ value }: { value: number | null }) {
  return (
    <span className="pf-share">
      <span className="pf-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.max(0, (value ?? 0) * 100))}%` }} />
      </span>
      {formatShare(value)}
    </span>
  );
}

/** A pprof profile as a table: its facts, the hottest application function, the top functions of one sample type. */
export function ProfileTable({ file, profile, line, evidenceLines }: { file: FileSummary; profile: ProfileView; line: number | null; evidenceLines: number[] }) {
  const target = line !== null ? profile.rows.find((r) => r.line === line) ?? null : null;
  const [type, setType] = useState(target?.sampleType ?? profile.defaultType);
  const [sort, setSort] = useState<ProfileSort>('flat');
  const [appOnly, setAppOnly] = useState(false);
  const unit = profile.types.find((t) => t.type === type)?.unit ?? null;
  const total = profile.types.find((t) => t.type === type)?.total ?? 0;
  const rows = useMemo(() => profileRows(profile.rows, type, sort, appOnly), [profile.rows, type, sort, appOnly]);
  const evidence = useMemo(() => new Set(evidenceLines), [evidenceLines]);
  const targetRef = useRef<HTMLTableRowElement | null>(null);

  useEffect(() => {
    if (target) setType(target.sampleType);
  }, [target]);
  useEffect(() => {
    targetRef.current?.scrollIntoView({ block: 'center' });
  }, [line, type]);

  const hot = profile.hottest;
  return (
    <div className="profile-view" data-testid="profile-view">
      <div className="pf-facts" data-testid="profile-facts">
        <span className="badge kind">{profile.profile} profile</span>
        <span title="When the profile was taken (its own time stamp)">{utc(profile.capturedAt, true)}</span>
        {profile.durationMs !== null && <span title="What the profile covers">over {seconds(profile.durationMs)}</span>}
        <span>{profile.samples.toLocaleString('en-US')} samples</span>
        <span title="Distinct functions in the profile; the table keeps the top ones of each sample type">{profile.functions.toLocaleString('en-US')} functions</span>
        {profile.program && (
          <span className="mono" title="Executable of the profile's first mapping">
            {profile.program}
          </span>
        )}
        <span className="muted">{profile.gzipped ? 'gzip-compressed' : 'not compressed'}</span>
      </div>
      {hot && (
        <p className="pf-hottest" data-testid="profile-hottest">
          Hottest function of the program's own code by {profile.defaultType}: <code>{hot.name}</code>, {formatShare(hot.share)} of the samples end in it
          {profile.profile === 'cpu' ? ' (it or the runtime and library code it called)' : ''}.
        </p>
      )}
      <div className="pf-toolbar" role="toolbar" aria-label="Profile table">
        <div className="pf-types" role="group" aria-label="Sample type">
          {profile.types.map((t) => (
            <button key={t.type} type="button" aria-pressed={t.type === type} onClick={() => setType(t.type)} data-testid="profile-type">
              {t.type}
              <span className="muted small"> {formatProfileValue(t.total, t.unit)}</span>
            </button>
          ))}
        </div>
        <label className="small">
          <input type="checkbox" checked={appOnly} onChange={(e) => setAppOnly(e.target.checked)} /> Only the program's own code
        </label>
      </div>
      <div className="pf-table-wrap">
        <table className="grid pf-table" data-testid="profile-table" aria-label={`Top functions by ${type}`}>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Function</th>
              {SORTS.map((s) => (
                <th key={s.key} scope="col" className="num" aria-sort={sort === s.key ? 'descending' : 'none'} title={s.title}>
                  <button type="button" className="link" onClick={() => setSort(s.key)}>
                    {s.label}
                    {sort === s.key ? ' ▾' : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r: ProfileFunctionRow) => {
              const isTarget = target?.line === r.line;
              const cls = [r.isApp ? 'pf-app' : 'pf-lib', isTarget ? 'pf-target' : '', evidence.has(r.line) ? 'pf-evidence' : ''].filter(Boolean).join(' ');
              return (
                <tr key={r.line} className={cls} ref={isTarget ? targetRef : undefined} data-testid="profile-row" data-line={r.line} aria-current={isTarget ? 'true' : undefined}>
                  <td className="num mono muted">{r.line}</td>
                  <td className="mono pf-fn" title={r.name}>
                    {r.name}
                  </td>
                  <td className="num">
                    <span className="pf-value">{formatProfileValue(r.flat, unit)}</span>
                    <Share value={r.flatShare} />
                  </td>
                  <td className="num">
                    <span className="pf-value">{formatProfileValue(r.cum, unit)}</span>
                    <Share value={r.cumShare} />
                  </td>
                  <td className="num">
                    <Share value={r.appShare} />
                  </td>
                  <td className="mono small muted pf-src" title={r.file ?? ''}>
                    {r.file ? `${r.file.split('/').pop()}${r.startLine ? `:${r.startLine}` : ''}` : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted small">No function {appOnly ? "of the program's own code " : ''}has samples of this type.</p>}
      </div>
      <p className="muted small">
        Top functions of {file.path} by {type} ({formatProfileValue(total, unit)} in all): the first 50 by flat, by cum and by own code. Shares are of the
        sample type's total. Evidence points at a row by its number.
      </p>
    </div>
  );
}
