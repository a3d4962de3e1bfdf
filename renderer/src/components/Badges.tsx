import { percent } from './format';

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}

export function Confidence({ value }: { value: number }) {
  return (
    <span className="confidence" title={`confidence ${percent(value)}`}>
      <span className="confidence-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      <span className="confidence-value">{percent(value)}</span>
    </span>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return <span className={`badge kind kind-${kind}`}>{kind}</span>;
}
