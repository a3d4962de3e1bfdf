import type { ReactNode } from 'react';

/** A section header row of the plot (Findings, Charts, Sources) that folds its rows away. */
export function SectionHead({ title, meta, open, onToggle, tools, testId }: { title: string; meta?: ReactNode; open: boolean; onToggle: () => void; tools?: ReactNode; testId?: string }) {
  return (
    <div className="tl-row tl-section">
      <div className="tl-label small">
        <button type="button" className="link tl-section-toggle" aria-expanded={open} onClick={onToggle} data-testid={testId}>
          <span className="tl-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
        {meta ? <span className="muted">· {meta}</span> : null}
      </div>
      {tools && <div className="tl-section-tools">{tools}</div>}
    </div>
  );
}
