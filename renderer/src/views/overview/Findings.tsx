import { useMemo, useState } from 'react';
import type { Finding } from '../../../../engine/model/finding';
import { href } from '../../app/router';
import { SeverityBadge } from '../../components/Badges';
import { EvidenceList } from '../../components/Evidence';
import { count } from '../../components/format';
import { EmptyState } from '../../components/States';
import { Expander } from './parts';
import { groupFindings, nextPage, SEVERITY_LABELS, type SignatureGroup } from './shape';
import { timelineWindow, utcRange } from './time';

const FIRST_PAGE = 10;

/** Findings by severity (critical first); a signature with many findings is one row with a count and an expander. */
export function FindingsSection({ bundle, findings }: { bundle: string; findings: Finding[] }) {
  const bySeverity = useMemo(() => groupFindings(findings), [findings]);
  // The first group of each signature gets an id, so a root cause's "backed by" chips can scroll to it.
  const anchors = useMemo(() => {
    const m = new Map<string, string>();
    const seen = new Set<string>();
    for (const s of bySeverity) {
      for (const g of s.groups) {
        if (seen.has(g.signature)) continue;
        seen.add(g.signature);
        m.set(g.key, `ov-sig-${g.signature}`);
      }
    }
    return m;
  }, [bySeverity]);
  return (
    <section id="ov-findings" className="ov-section" aria-labelledby="ov-findings-h">
      <h2 id="ov-findings-h">Findings</h2>
      {bySeverity.length === 0 ? (
        <EmptyState title="No failure signature matched">
          <p>
            None of the known signatures (pool timeouts, starvation, descriptor growth, unread queues, 5xx bursts…) appears in these files. Browse the{' '}
            <a href={href(bundle, 'timeline')}>Timeline</a> or <a href={href(bundle, 'search')}>Search</a> the logs for what you saw.
          </p>
        </EmptyState>
      ) : (
        bySeverity.map((s) => (
          <div key={s.severity} className="ov-sev" data-testid={`findings-${s.severity}`}>
            <h3 className={`ov-sev-h sev-${s.severity}`}>
              {SEVERITY_LABELS[s.severity]} <span className="muted">({count(s.count)})</span>
            </h3>
            <ul className="ov-findings">
              {s.groups.map((g) => {
                const anchor = anchors.get(g.key);
                return g.findings.length === 1 ? (
                  <FindingRow key={g.key} bundle={bundle} finding={g.findings[0]!} anchor={anchor} />
                ) : (
                  <GroupRow key={g.key} bundle={bundle} group={g} anchor={anchor} />
                );
              })}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

function TimelineLink({ bundle, first, last }: { bundle: string; first: number | null; last: number | null }) {
  const w = timelineWindow(first, last);
  if (!w) return <span>no time</span>;
  return (
    <>
      <span className="ov-when">{utcRange(first, last)}</span>
      <a href={href(bundle, 'timeline', null, w)} data-testid="finding-timeline-link" title="Open the timeline at this time range, with a little before and after">
        Show on timeline →
      </a>
    </>
  );
}

function FindingRow({ bundle, finding: f, anchor, nested }: { bundle: string; finding: Finding; anchor?: string; nested?: boolean }) {
  const meta = (
    <div className="ov-finding-meta small">
      {!nested && <code>{f.signature}</code>}
      {f.count > 1 && <span>{count(f.count)} occurrences</span>}
      <TimelineLink bundle={bundle} first={f.first} last={f.last} />
    </div>
  );
  return (
    <li className={`ov-finding${nested ? ' nested' : ''}`} id={anchor} data-testid="finding">
      <div className="ov-finding-head">
        {!nested && <SeverityBadge severity={f.severity} />}
        <span className="ov-finding-title">{f.title}</span>
        {nested && meta}
      </div>
      {!nested && meta}
      <p className="ov-finding-summary">{f.summary}</p>
      {f.evidence.length > 0 && (
        <Expander label={`Evidence (${f.evidence.length})`} testId="finding-evidence-toggle">
          <EvidenceList bundle={bundle} items={f.evidence} />
        </Expander>
      )}
    </li>
  );
}

function GroupRow({ bundle, group: g, anchor }: { bundle: string; group: SignatureGroup; anchor?: string }) {
  const first = g.findings[0]!;
  const more = g.findings.length - 1;
  return (
    <li className="ov-finding ov-group" id={anchor} data-testid="finding-group" data-signature={g.signature}>
      <div className="ov-finding-head">
        <SeverityBadge severity={g.severity} />
        <span className="ov-finding-title">{first.title}</span>
        <span className="ov-more" data-testid="finding-group-count">
          + {count(more)} more like it
        </span>
      </div>
      <div className="ov-finding-meta small">
        <code>{g.signature}</code>
        <span>{count(g.findings.length)} findings</span>
        {g.occurrences > g.findings.length && <span>{count(g.occurrences)} occurrences</span>}
        <TimelineLink bundle={bundle} first={g.first} last={g.last} />
      </div>
      <p className="ov-finding-summary">{first.summary}</p>
      <Expander label={`All ${count(g.findings.length)} ${g.signature} findings`} testId="finding-group-toggle">
        <GroupList bundle={bundle} findings={g.findings} />
      </Expander>
    </li>
  );
}

function GroupList({ bundle, findings }: { bundle: string; findings: Finding[] }) {
  const [shown, setShown] = useState(Math.min(FIRST_PAGE, findings.length));
  return (
    <>
      <ul className="ov-findings nested">
        {findings.slice(0, shown).map((f) => (
          <FindingRow key={f.id} bundle={bundle} finding={f} nested />
        ))}
      </ul>
      {shown < findings.length && (
        <div className="row ov-more-row">
          <span className="muted small">
            Showing {count(shown)} of {count(findings.length)}.
          </span>
          <button type="button" onClick={() => setShown(nextPage(shown, findings.length))} data-testid="finding-group-more">
            Show {count(nextPage(shown, findings.length) - shown)} more
          </button>
          <button type="button" onClick={() => setShown(findings.length)}>
            Show all
          </button>
        </div>
      )}
    </>
  );
}
