import { useMemo } from 'react';
import type { BundleSummary } from '../../../../engine/api/report-types';
import { useBundle } from '../../app/bundle-context';
import { href, type Route } from '../../app/router';
import { SeverityBadge } from '../../components/Badges';
import { bytes, count, utc } from '../../components/format';
import { Descriptors } from './Descriptors';
import { FilesSection } from './Files';
import { FindingsSection } from './Findings';
import { RootCauses } from './RootCauses';
import { Consequences, EpisodeStrip, IncidentSummary } from './Episodes';
import { pickEpisode } from './episodes';
import { scrollToId } from './parts';
import { bundleSpan, severityCounts } from './shape';
import { duration, utcRange } from './time';
import './overview.css';

/** What the analysis found: ranked root causes, findings by severity, descriptor growth, and every file read. */
export default function OverviewView({ route }: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref, overview } = useBundle();
  const { bundle, files, findings, rootCauses, consequences, episodes, fdSeries, errors } = overview;
  const span = useMemo(() => bundleSpan(files), [files]);
  const sev = useMemo(() => severityCounts(findings), [findings]);
  const episode = pickEpisode(episodes, route.params.get('episode'));
  // The selected episode's ranking; a bundle without episodes shows the (possible) causes of the whole bundle.
  const causes = episode ? episode.rootCauses : rootCauses;
  const explained = episode ? episode.consequences : consequences;

  const sections = [
    { id: 'ov-causes', label: `Root causes (${causes.length})` },
    { id: 'ov-findings', label: `Findings (${findings.length})` },
    ...(fdSeries.length ? [{ id: 'ov-fds', label: 'Open descriptors' }] : []),
    { id: 'ov-files', label: `Files (${files.length})` },
  ];

  return (
    <div className="view overview" data-testid="overview-view">
      <header className="ov-head">
        <h1>Overview</h1>
        <p className="ov-path mono" title={bundle.path}>
          {bundle.path}
        </p>
        <dl className="ov-facts" aria-label="Bundle facts">
          <div>
            <dt>Files</dt>
            <dd>{count(files.length)}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{bytes(bundle.bytes)}</dd>
          </div>
          <div>
            <dt>Lines</dt>
            <dd>{count(bundle.lines)}</dd>
          </div>
          <div>
            <dt>Records</dt>
            <dd>{count(bundle.records)}</dd>
          </div>
          <div>
            <dt>Logs cover</dt>
            <dd>{span ? `${utcRange(span.first, span.last)} (${duration(span.last - span.first)})` : 'no timed records'}</dd>
          </div>
          <div>
            <dt>Read</dt>
            <dd>
              {bundle.ingestedAt ? utc(bundle.ingestedAt) : '—'}
              {bundle.durationMs ? <span className="muted"> in {duration(bundle.durationMs)}</span> : null}
            </dd>
          </div>
        </dl>
        <TimeZone bundle={bundle} />
        {bundle.stopped && (
          <div className="ov-warning" role="alert" data-testid="overview-stopped">
            <strong>Reading stopped before the end of the bundle:</strong> {bundle.stopped}. What was read is analysed below; files after that point are missing.
          </div>
        )}
        {errors.length > 0 && (
          <div className="ov-warning" role="alert" data-testid="overview-detector-errors">
            <strong>
              {errors.length === 1 ? 'One detector' : `${errors.length} detectors`} failed, so some findings may be missing:
            </strong>
            <ul>
              {errors.map((e) => (
                <li key={e.signature}>
                  <code>{e.signature}</code>: {e.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {episode ? (
          <>
            <EpisodeStrip bundle={ref} episodes={episodes} selected={episode} span={span} />
            <IncidentSummary bundle={ref} episode={episode} count={episodes.length} />
          </>
        ) : (
          <p className="ov-no-episode" data-testid="no-episode">
            <strong>No incident episode.</strong>{' '}
            {findings.some((f) => f.severity !== 'info' && f.severity !== 'low')
              ? 'Some findings below are abnormal, but none is serious enough, or explained well enough, to call an incident.'
              : 'Nothing in these files stands out from the services’ own normal behaviour.'}
          </p>
        )}
        <div className="ov-summary-row">
          {sev.length ? (
            <span className="ov-sev-counts" aria-label="Findings by severity">
              {sev.map((s) => (
                <span key={s.severity} className="ov-sev-count">
                  <SeverityBadge severity={s.severity} /> {s.count}
                </span>
              ))}
            </span>
          ) : (
            <span className="muted">No findings.</span>
          )}
          <nav className="ov-toc" aria-label="On this page">
            {sections.map((s) => (
              <button key={s.id} type="button" className="link" onClick={() => scrollToId(s.id)}>
                {s.label}
              </button>
            ))}
            <a href={href(ref, 'guide', null, episode ? { episode: episode.id } : {})}>Walk through it in the Guide →</a>
          </nav>
        </div>
      </header>

      <RootCauses bundle={ref} causes={causes} serious={findings.filter((f) => f.severity !== 'info').length} episode={episodes.length > 1 ? episode?.id : undefined} />
      <Consequences bundle={ref} items={explained} />
      <FindingsSection bundle={ref} findings={findings} />
      {fdSeries.length > 0 && <Descriptors bundle={ref} series={fdSeries} files={files} />}
      <FilesSection bundle={ref} files={files} tz={bundle.tz} />
    </div>
  );
}

function TimeZone({ bundle }: { bundle: BundleSummary }) {
  const assumed = /assum|no zone|default/i.test(bundle.tzSource);
  return (
    <p className="ov-tz" data-testid="overview-tz">
      <span className="ov-tz-label">Time zone</span>
      <span>
        Every time here is UTC. Logs that print no zone were read as <strong className="mono">{bundle.tz}</strong>
        {bundle.tzSource ? <> — {bundle.tzSource}</> : null}.
        {assumed && (
          <span className="muted">
            {' '}
            If they were written in another zone, <a href="#/">open the bundle again</a> with that time zone.
          </span>
        )}
      </span>
    </p>
  );
}
