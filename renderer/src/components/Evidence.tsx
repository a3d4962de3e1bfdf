import type { ResolvedEvidence } from '../../../engine/model/evidence';
import { href } from '../app/router';
import { utc } from './format';

/** One piece of evidence: `file:line`, one click to the line in the viewer, and the line itself. */
export function EvidenceItem({ bundle, e }: { bundle: string; e: ResolvedEvidence }) {
  const to = href(bundle, 'file', e.fileId, { line: e.line, ...(e.endLine ? { end: e.endLine } : {}) });
  return (
    <li className="evidence">
      <div className="evidence-head">
        <a href={to} className="evidence-link" data-testid="evidence-link">
          {e.file}:{e.line}
        </a>
        {e.ts ? <span className="muted"> · {utc(e.ts)}</span> : null}
        {e.note ? <span className="muted"> · {e.note}</span> : null}
      </div>
      {e.excerpt && <pre className="excerpt">{e.excerpt}</pre>}
    </li>
  );
}

export function EvidenceList({ bundle, items }: { bundle: string; items: ResolvedEvidence[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="evidence-list" aria-label="evidence">
      {items.map((e, i) => (
        <EvidenceItem key={`${e.fileId}:${e.line}:${i}`} bundle={bundle} e={e} />
      ))}
    </ul>
  );
}
