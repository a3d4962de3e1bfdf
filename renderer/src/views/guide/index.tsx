import type { CheckResult, Comparison, GuideWalk, SymptomId, WalkCause, WalkStep } from '../../../../engine/guide/walk/types';
import { api } from '../../api/client';
import { useBundle } from '../../app/bundle-context';
import { href, navigate, type Route } from '../../app/router';
import { useAsync } from '../../app/use-async';
import { Confidence } from '../../components/Badges';
import { EvidenceList } from '../../components/Evidence';
import { ErrorState, Loading } from '../../components/States';
import { Expander, References, scrollToId, Text } from '../overview/parts';
import { CHECK_STATUS, checkText, HYPOTHESIS_STATUS, parseSymptom, proposalText, stepId, SYMPTOM_IDS, SYMPTOM_LABELS, symptomFit, tallyText } from './walk-view';
import './guide.css';

/** From the symptom to the root cause: hypotheses, the checks the bundle answers, the causes, what is still open. */
export default function GuideView({ route }: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref } = useBundle();
  const raw = route.params.get('symptom');
  const symptom = parseSymptom(raw);
  const episode = route.params.get('episode') ?? undefined;
  const { data, error, loading, reload } = useAsync(() => api.guide(ref, symptom, episode), [ref, symptom, episode]);
  const choose = (id: SymptomId) => navigate(href(ref, 'guide', null, { symptom: id, episode: data?.episode?.id }));

  return (
    <div className="view guide" data-testid="guide-view" aria-busy={loading}>
      <h1>Guide</h1>
      <p className="muted gd-intro">
        From what you saw to the likely root cause. Each hypothesis is tested against the bundle, not asked of you: every check says what it found, with the lines behind it.
      </p>
      {raw && !symptom && (
        <p className="gd-note" role="status">
          The address names an unknown symptom (“{raw}”); showing the one the bundle points at.
        </p>
      )}
      {error && <ErrorState error={error} onRetry={reload} />}
      {!data && !error && <Loading label="Walking the bundle…" />}
      {data && <Walk bundle={ref} walk={data} choose={choose} loading={loading} />}
    </div>
  );
}

function Walk({ bundle, walk, choose, loading }: { bundle: string; walk: GuideWalk; choose: (id: SymptomId) => void; loading: boolean }) {
  const supported = walk.steps.filter((s) => s.status === 'supported').length;
  return (
    <>
      {walk.episode && (
        <section className="gd-section gd-episode" aria-labelledby="gd-episode-h" data-testid="guide-episode">
          <h2 id="gd-episode-h">Episode {walk.episode.id}</h2>
          <p>{walk.episode.summary}</p>
          {walk.episodes.length > 1 && (
            <nav className="gd-episodes" aria-label="Walk another episode">
              {walk.episodes.map((e) => (
                <a key={e.id} href={href(bundle, 'guide', null, { episode: e.id })} className={`gd-episode-link${e.id === walk.episode!.id ? ' selected' : ''}`} aria-current={e.id === walk.episode!.id ? 'true' : undefined}>
                  {e.id}
                </a>
              ))}
            </nav>
          )}
        </section>
      )}
      <section className="gd-section gd-symptom" aria-labelledby="gd-symptom-h">
        <h2 id="gd-symptom-h">Symptom</h2>
        <p className="gd-proposal" data-testid="guide-proposal">
          {proposalText(walk)}
        </p>
        <fieldset className="gd-symptoms" data-testid="guide-symptoms">
          <legend className="sr-only">Symptom to start from</legend>
          {SYMPTOM_IDS.map((id) => {
            const fit = symptomFit(walk, id);
            const checked = walk.symptom.id === id;
            return (
              <label key={id} className={`gd-symptom-option${checked ? ' selected' : ''}`} data-testid={`guide-symptom-${id}`}>
                <input type="radio" name="guide-symptom" value={id} checked={checked} onChange={() => choose(id)} />
                <span>{SYMPTOM_LABELS[id]}</span>
                {fit === 'proposed' && <span className="gd-tag proposed">proposed</span>}
                {fit === 'fits' && <span className="gd-tag">also fits</span>}
              </label>
            );
          })}
          {loading && <span className="spinner" aria-label="Updating" />}
        </fieldset>
        <p className="gd-description">
          <strong>{walk.symptom.title}.</strong> {walk.symptom.description}
        </p>
      </section>

      <section className="gd-section" aria-labelledby="gd-glance-h">
        <h2 id="gd-glance-h">At a glance</h2>
        <ul className="gd-glance" data-testid="guide-glance">
          {walk.steps.map((s) => {
            const st = HYPOTHESIS_STATUS[s.status];
            return (
              <li key={s.hypothesis.id} className={`gd-status-${s.status}`}>
                <span className="gd-icon" aria-hidden="true">
                  {st.icon}
                </span>
                <span className="gd-status-word">{st.label}</span>
                <button type="button" className="link" onClick={() => scrollToId(stepId(s))}>
                  {s.hypothesis.title}
                </button>
                <span className="muted small">{tallyText(s)}</span>
              </li>
            );
          })}
        </ul>
        <p className="gd-verdict">
          {walk.conclusion ? (
            <>
              <span className="muted">Conclusion:</span>{' '}
              <button type="button" className="link" onClick={() => scrollToId('gd-conclusion')}>
                {walk.conclusion.title}
              </button>{' '}
              <Confidence value={walk.conclusion.confidence} />
            </>
          ) : (
            <span className="muted">
              No conclusion: {supported ? 'the supported hypotheses lead to no known cause with enough confidence.' : 'no hypothesis for this symptom is supported by the bundle.'}
            </span>
          )}
        </p>
      </section>

      <section className="gd-section" aria-labelledby="gd-walk-h">
        <h2 id="gd-walk-h">The walk</h2>
        {walk.steps.length === 0 ? (
          <p className="muted">This symptom has no hypotheses to test.</p>
        ) : (
          <ol className="gd-steps">
            {walk.steps.map((s, i) => (
              <Step key={s.hypothesis.id} bundle={bundle} step={s} n={i + 1} />
            ))}
          </ol>
        )}
      </section>

      {walk.comparisons.length > 0 && (
        <section className="gd-section" aria-labelledby="gd-compare-h" data-testid="guide-comparisons">
          <h2 id="gd-compare-h">Competing explanations</h2>
          <p className="muted small">Causes that claimed the same evidence. The one that explains the other wins; the other is a consequence, not a peer.</p>
          <ol className="gd-comparisons">
            {walk.comparisons.map((c) => (
              <ComparisonItem key={`${c.winner.id}-${c.explained.id}`} bundle={bundle} c={c} />
            ))}
          </ol>
        </section>
      )}

      <section id="gd-conclusion" className="gd-section" aria-labelledby="gd-conclusion-h" data-testid="guide-conclusion">
        <h2 id="gd-conclusion-h">Conclusion</h2>
        {walk.conclusion ? (
          <div className="gd-conclusion">
            <div className="gd-cause-head">
              <h3>{walk.conclusion.title}</h3>
              <Confidence value={walk.conclusion.confidence} />
            </div>
            <p>{walk.conclusion.summary}</p>
            {walk.conclusion.reasoning.length > 0 && (
              <>
                <h4 className="gd-sub">How the evidence leads here</h4>
                <ol className="gd-reasoning">
                  {walk.conclusion.reasoning.map((r, i) => (
                    <li key={i}>
                      <Text>{r}</Text>
                    </li>
                  ))}
                </ol>
              </>
            )}
            <h4 className="gd-sub">Fix</h4>
            <p>
              <Text>{walk.conclusion.fix}</Text>
            </p>
            {walk.conclusion.references.length > 0 && (
              <>
                <h4 className="gd-sub">References</h4>
                <References items={walk.conclusion.references} />
              </>
            )}
            <p className="small">
              <a href={href(bundle, 'overview')}>All ranked causes and their evidence are on the Overview →</a>
            </p>
          </div>
        ) : (
          <div className="gd-conclusion empty">
            <p>
              The bundle does not support a cause for “{walk.symptom.title}”. Try another symptom above, look at the <a href={href(bundle, 'overview')}>findings</a>, or collect what the
              open questions below ask for.
            </p>
          </div>
        )}
      </section>

      <section className="gd-section" aria-labelledby="gd-open-h" data-testid="guide-open-questions">
        <h2 id="gd-open-h">Open questions</h2>
        {walk.openQuestions.length === 0 ? (
          <p className="muted">None: the bundle had the data for every question of this walk.</p>
        ) : (
          <>
            <p className="muted small">What the bundle could not answer, and the artifact that would settle it next time:</p>
            <ul className="gd-open">
              {walk.openQuestions.map((q) => (
                <li key={q}>
                  <Text>{q}</Text>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function Step({ bundle, step, n }: { bundle: string; step: WalkStep; n: number }) {
  const st = HYPOTHESIS_STATUS[step.status];
  const hId = `${stepId(step)}-h`;
  return (
    <li id={stepId(step)} className={`gd-step gd-status-${step.status}`} aria-labelledby={hId} data-testid="guide-hypothesis" data-status={step.status}>
      <div className="gd-step-head">
        <span className="gd-n" aria-hidden="true">
          {n}
        </span>
        <h3 id={hId}>{step.hypothesis.title}</h3>
        <span className="gd-pill" title={st.explain}>
          <span aria-hidden="true">{st.icon}</span> {st.label}
        </span>
      </div>
      <p className="gd-explain">{step.hypothesis.explanation}</p>
      <ul className="gd-checks" aria-label="Checks">
        {step.checks.map((c) => (
          <Check key={c.id} bundle={bundle} check={c} />
        ))}
      </ul>
      {(step.explainedBy ?? []).map((x) => (
        <p key={x.explained} className="gd-explained" data-testid="guide-explained">
          <code>{x.explained}</code>: {x.verdict}
        </p>
      ))}
      {step.causes.length > 0 && (
        <div className="gd-causes">
          <h4 className="gd-sub">Leads to</h4>
          <ul>
            {step.causes.map((c) => (
              <Cause key={c.id} cause={c} />
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function Check({ bundle, check: c }: { bundle: string; check: CheckResult }) {
  const st = CHECK_STATUS[c.status];
  const { reasoning, settle } = checkText(c);
  return (
    <li className={`gd-check gd-check-${c.status}`} data-testid="guide-check" data-status={c.status}>
      <div className="gd-check-head">
        <span className="gd-check-status" title={st.explain}>
          <span className="gd-icon" aria-hidden="true">
            {st.icon}
          </span>
          {st.label}
        </span>
        <span className="gd-question">{c.question}</span>
      </div>
      <p className="gd-reason">
        <Text>{reasoning}</Text>
      </p>
      {settle && (
        <p className="gd-settle">
          <span className="gd-settle-label">Would settle it:</span> <Text>{settle}</Text>
        </p>
      )}
      {c.evidence.length > 0 && (
        <Expander label={`Evidence (${c.evidence.length})`} open={c.status === 'confirmed'} testId="guide-evidence-toggle">
          <EvidenceList bundle={bundle} items={c.evidence} />
        </Expander>
      )}
    </li>
  );
}

function Cause({ cause: c }: { cause: WalkCause }) {
  return (
    <li className="gd-cause" data-testid="guide-cause">
      <div className="gd-cause-head">
        <span className="gd-cause-title">{c.title}</span>
        <Confidence value={c.confidence} />
      </div>
      <p className="gd-cause-summary">{c.summary}</p>
      <Expander label="Fix and references">
        <p className="gd-fix">
          <Text>{c.fix}</Text>
        </p>
        <References items={c.references} />
      </Expander>
    </li>
  );
}

function ComparisonItem({ bundle, c }: { bundle: string; c: Comparison }) {
  return (
    <li className="gd-comparison" data-testid="guide-comparison">
      <p>
        <strong>{c.winner.title}</strong> <Confidence value={c.winner.confidence} /> <span className="muted">explains</span> <strong>{c.explained.title}</strong>
      </p>
      <p>
        <Text>{c.verdict}</Text> <span className="muted small">({c.taken} of its {c.of} pieces of evidence here.)</span>
      </p>
      {c.evidence.length > 0 && (
        <Expander label={`Evidence the other cause claimed (${c.evidence.length})`}>
          <EvidenceList bundle={bundle} items={c.evidence} />
        </Expander>
      )}
    </li>
  );
}
