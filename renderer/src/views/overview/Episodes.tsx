/**
 * The head of the overview: the bundle's incident episodes on one strip, and a summary of the selected
 * one — what happened, the impact window, the first signal and the top cause — then what it explains.
 */
import type { Episode } from '../../../../engine/model/episode';
import type { Consequence } from '../../../../engine/model/root-cause';
import { consequenceText, verdictText } from '../../../../engine/report/wording';
import { href } from '../../app/router';
import { Confidence } from '../../components/Badges';
import { EvidenceList, EvidenceItem } from '../../components/Evidence';
import { utc } from '../../components/format';
import { stripLayout } from './episodes';
import { Expander } from './parts';
import { duration, utcRange } from './time';

export function EpisodeStrip({ bundle, episodes, selected, span }: { bundle: string; episodes: Episode[]; selected: Episode; span: { first: number; last: number } | null }) {
  const blocks = span ? stripLayout(episodes, span.first, span.last) : [];
  return (
    <nav className="ov-episodes" aria-label="Incident episodes" data-testid="episode-strip">
      {blocks.length > 0 && span && (
        <div className="ov-strip" aria-hidden="true">
          {blocks.map((b) => (
            <a
              key={b.id}
              className={`ov-strip-block${b.id === selected.id ? ' selected' : ''}`}
              style={{ left: `${b.left}%`, width: `${b.width}%` }}
              href={href(bundle, 'overview', null, { episode: b.id })}
              tabIndex={-1}
              title={b.id}
            >
              <span>{b.id}</span>
            </a>
          ))}
          <span className="ov-strip-edge start">{utc(span.first)}</span>
          <span className="ov-strip-edge end">{utc(span.last)}</span>
        </div>
      )}
      {episodes.length > 1 && (
        <ol className="ov-episode-tabs" role="list">
          {episodes.map((e) => (
            <li key={e.id}>
              <a
                href={href(bundle, 'overview', null, { episode: e.id })}
                className={`ov-episode-tab${e.id === selected.id ? ' selected' : ''}`}
                aria-current={e.id === selected.id ? 'true' : undefined}
                data-testid={`episode-tab-${e.id}`}
              >
                <strong>{e.id}</strong> <span className="muted">{e.from !== null && e.to !== null ? utcRange(e.from, e.to) : 'time unknown'}</span>{' '}
                <span>{e.rootCauses[0]?.cause ?? 'no cause'}</span>
              </a>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}

/** What happened, the impact window, the first signal and the top cause of one episode. */
export function IncidentSummary({ bundle, episode, count }: { bundle: string; episode: Episode; count: number }) {
  const top = episode.rootCauses[0];
  const sig = episode.firstSignal;
  return (
    <section className="ov-incident" aria-labelledby="ov-incident-h" data-testid="incident-summary">
      <h2 id="ov-incident-h">
        {count > 1 ? `Episode ${episode.id} of ${count}` : 'What happened'}
      </h2>
      <p className="ov-incident-what">{episode.summary}</p>
      <dl className="ov-incident-facts">
        <div>
          <dt>Impact window</dt>
          <dd>{episode.from !== null && episode.to !== null ? `${utcRange(episode.from, episode.to)} (${duration(episode.to - episode.from)})` : 'no time'}</dd>
        </div>
        <div>
          <dt>First signal</dt>
          <dd>
            {sig ? (
              <>
                {sig.title}
                {sig.ts !== null ? <span className="muted"> · {utc(sig.ts)}</span> : null}{' '}
                <a href={href(bundle, 'file', sig.evidence.fileId, { line: sig.evidence.line })} className="mono small">
                  {sig.evidence.file}:{sig.evidence.line}
                </a>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Top cause</dt>
          <dd>
            {top ? (
              <>
                <code>{top.cause}</code> <Confidence value={top.confidence} /> <span className="muted">{verdictText(top.confidence)}</span>
              </>
            ) : (
              'none the bundle supports'
            )}
          </dd>
        </div>
      </dl>
      {sig?.evidence.excerpt && (
        <ul className="evidence-list ov-incident-signal" aria-label="first signal">
          <EvidenceItem bundle={bundle} e={sig.evidence} />
        </ul>
      )}
      <p className="small">
        <a href={href(bundle, 'guide', null, { episode: episode.id })}>Walk through this episode in the Guide →</a>{' '}
        <a href={href(bundle, 'timeline', null, episode.from !== null && episode.to !== null ? { from: episode.from, to: episode.to } : {})}>See it on the Timeline →</a>
      </p>
    </section>
  );
}

/** Causes another cause explains: named, with the reason, never ranked. */
export function Consequences({ bundle, items }: { bundle: string; items: Consequence[] }) {
  if (items.length === 0) return null;
  return (
    <section className="ov-section ov-consequences" aria-labelledby="ov-consequences-h" data-testid="consequences">
      <h2 id="ov-consequences-h">Consequences, not causes</h2>
      <p className="muted small">These causes claimed the same evidence; the cause above explains them, so they are not ranked beside it.</p>
      <ul className="ov-consequence-list">
        {items.map((c) => (
          <li key={`${c.cause}-${c.explainedBy}`} className="ov-consequence" data-testid="consequence">
            <div>
              <strong>{c.title}</strong> <code className="muted">{c.cause}</code>
            </div>
            <p>{consequenceText(c)}</p>
            <p className="muted small">
              {c.taken} of its {c.of} pieces of evidence here are explained by <code>{c.explainedBy}</code>.
            </p>
            {c.evidence.length > 0 && (
              <Expander label={`Its evidence (${c.evidence.length})`}>
                <EvidenceList bundle={bundle} items={c.evidence} />
              </Expander>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
