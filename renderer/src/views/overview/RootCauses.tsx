import type { RootCause } from '../../../../engine/model/root-cause';
import { Confidence } from '../../components/Badges';
import { verdictText } from '../../../../engine/report/wording';
import { EvidenceList } from '../../components/Evidence';
import { EmptyState } from '../../components/States';
import { href } from '../../app/router';
import { Expander, References, scrollToId, Text } from './parts';

/** Ranked root causes, each with how the evidence leads to it, the evidence, the fix and references. */
export function RootCauses({ bundle, causes, serious, episode }: { bundle: string; causes: RootCause[]; serious: number; episode?: string }) {
  const ranked = [...causes].sort((a, b) => a.rank - b.rank || b.confidence - a.confidence);
  return (
    <section id="ov-causes" className="ov-section" aria-labelledby="ov-causes-h">
      <h2 id="ov-causes-h">{episode ? `Likely root causes of ${episode}` : 'Likely root causes'}</h2>
      {ranked.length === 0 ? (
        <EmptyState title="No known root cause fits this bundle">
          <p>
            {serious > 0
              ? 'The findings below did not add up to one of the causes Rootline knows. Start from the most severe finding, or '
              : 'Nothing in these files looks like a failure Rootline knows (any findings below are informational). If something did go wrong, '}
            pick the symptom you saw in the <a href={href(bundle, 'guide')}>Guide</a>: it says what each question needs and which artifact would answer it. The{' '}
            <a href={href(bundle, 'timeline')}>Timeline</a> and <a href={href(bundle, 'search')}>Search</a> show everything that was read.
          </p>
        </EmptyState>
      ) : (
        <ol className="ov-causes">
          {ranked.map((c, i) => (
            <CauseCard key={c.id} bundle={bundle} cause={c} position={i + 1} />
          ))}
        </ol>
      )}
    </section>
  );
}

function CauseCard({ bundle, cause, position }: { bundle: string; cause: RootCause; position: number }) {
  const hId = `ov-cause-${cause.id}`;
  return (
    <li className="ov-cause" data-testid="root-cause" aria-labelledby={hId}>
      <div className="ov-cause-head">
        <span className="ov-rank" aria-label={`rank ${position}`}>
          {position}
        </span>
        <h3 id={hId}>{cause.title}</h3>
        <Confidence value={cause.confidence} />
        <span className="muted small">{verdictText(cause.confidence)}</span>
      </div>
      <p className="ov-cause-summary">{cause.summary}</p>
      <div className="ov-cause-meta small">
        <code className="muted">{cause.cause}</code>
        {cause.findings.length > 0 && (
          <>
            <span className="muted"> · backed by </span>
            {cause.findings.map((s) => (
              <button key={s} type="button" className="ov-chip" onClick={() => scrollToId(`ov-sig-${s}`)} title="Show this finding">
                {s}
              </button>
            ))}
          </>
        )}
      </div>
      {cause.reasoning.length > 0 && (
        <>
          <h4 className="ov-sub">How the evidence leads here</h4>
          <ol className="ov-reasoning">
            {cause.reasoning.map((r, i) => (
              <li key={i}>
                <Text>{r}</Text>
              </li>
            ))}
          </ol>
        </>
      )}
      {cause.evidence.length > 0 && (
        <Expander label={`Evidence (${cause.evidence.length})`} open={position === 1} testId="root-cause-evidence-toggle">
          <EvidenceList bundle={bundle} items={cause.evidence} />
        </Expander>
      )}
      <div className="ov-fix">
        <h4 className="ov-sub">Fix</h4>
        <p>
          <Text>{cause.fix}</Text>
        </p>
      </div>
      {cause.references.length > 0 && (
        <div className="ov-refs">
          <h4 className="ov-sub">References</h4>
          <References items={cause.references} />
        </div>
      )}
    </li>
  );
}
