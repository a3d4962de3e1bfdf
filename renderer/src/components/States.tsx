import type { ReactNode } from 'react';

/** What to show when there is nothing yet — always with what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      <h2>{title}</h2>
      {children && <div className="state-body">{children}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const code = (error as { code?: string }).code;
  return (
    <div className="state state-error" role="alert">
      <h2>Something went wrong</h2>
      <p className="state-message">{error.message}</p>
      {code && <p className="muted">Error code: {code}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number | null; label: string }) {
  return (
    <div className="progress">
      <progress value={max ? value : undefined} max={max ?? undefined} aria-label={label} />
      <span className="progress-label">{label}</span>
    </div>
  );
}
